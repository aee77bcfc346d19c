"""Settings: defaults with no configuration, validation, and documentation in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import SettingsError
from flashpoint.settings import SETTINGS, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_no_configuration_means_local_sqlite_offline() -> None:
    settings = Settings.from_env({})
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("data/flashpoint.db")
    assert settings.online_geocoder == "off"
    assert settings.region_prior == "MENA"


def test_environment_overrides_defaults() -> None:
    settings = Settings.from_env({"DATABASE_URL": "postgresql+psycopg://u@h/db", "FLASHPOINT_MAX_FILE_MB": "5"})
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.max_file_mb == 5.0


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FLASHPOINT_MAX_FILE_MB", "lots"),
        ("FLASHPOINT_MAX_FILE_MB", "-1"),
        ("FLASHPOINT_REGION_PRIOR", "ASIA"),
        ("FLASHPOINT_ONLINE_GEOCODER", "google"),
    ],
)
def test_bad_values_are_rejected_with_the_setting_named(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented_in_the_readme(setting: object) -> None:
    assert f"`{setting.env}`" in README.read_text(encoding="utf-8")  # type: ignore[attr-defined]
