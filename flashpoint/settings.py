"""Flashpoint's settings: read once from the environment, each documented with its help text."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from flashpoint.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'data' / 'flashpoint.db'}"


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, default and what it does."""

    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", DEFAULT_DATABASE_URL, "SQLAlchemy URL of the database; SQLite under data/ by default."),
    Setting("FLASHPOINT_MAX_FILE_MB", "20", "Largest article file the reader accepts, in megabytes."),
    Setting(
        "FLASHPOINT_REGION_PRIOR",
        "MENA",
        "Region that ambiguous place names lean toward when the article gives no context: MENA, or NONE.",
    ),
    Setting(
        "FLASHPOINT_ONLINE_GEOCODER",
        "off",
        "Set to 'nominatim' to look up names missing from the offline gazetteer online (cached on disk).",
    ),
    Setting("FLASHPOINT_GAZETTEER_PATH", "", "Where the built place index lives; inside the package by default."),
    Setting("FLASHPOINT_CACHE_DIR", str(PROJECT_ROOT / "data" / "cache"), "Folder for the online geocoder's cache."),
)


@dataclass(frozen=True)
class Settings:
    """The values in force, built from the environment by `Settings.from_env`."""

    database_url: str
    max_file_mb: float
    region_prior: str
    online_geocoder: str
    gazetteer_path: str
    cache_dir: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        values = {s.env: environ.get(s.env, s.default) or s.default for s in SETTINGS}
        try:
            max_file_mb = float(values["FLASHPOINT_MAX_FILE_MB"])
        except ValueError as exc:
            raw = values["FLASHPOINT_MAX_FILE_MB"]
            raise SettingsError(f"FLASHPOINT_MAX_FILE_MB must be a number, not {raw!r}") from exc
        if max_file_mb <= 0:
            raise SettingsError("FLASHPOINT_MAX_FILE_MB must be above zero")
        region = values["FLASHPOINT_REGION_PRIOR"].upper()
        if region not in ("MENA", "NONE"):
            raise SettingsError(f"FLASHPOINT_REGION_PRIOR must be MENA or NONE, not {region!r}")
        online = values["FLASHPOINT_ONLINE_GEOCODER"].lower()
        if online not in ("off", "nominatim"):
            raise SettingsError(f"FLASHPOINT_ONLINE_GEOCODER must be off or nominatim, not {online!r}")
        return cls(
            database_url=values["DATABASE_URL"],
            max_file_mb=max_file_mb,
            region_prior=region,
            online_geocoder=online,
            gazetteer_path=values["FLASHPOINT_GAZETTEER_PATH"],
            cache_dir=values["FLASHPOINT_CACHE_DIR"],
        )

    def replace(self, **changes: object) -> Settings:
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        current.update(changes)
        return Settings(**current)  # type: ignore[arg-type]
