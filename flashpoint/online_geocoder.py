"""The optional online fallback: a web geocoder behind a rate limiter, with every answer cached on disk."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location as GeopyLocation

from flashpoint.gazetteer import Gazetteer
from flashpoint.geocode import OfflineGeocoder
from flashpoint.settings import Settings

log = logging.getLogger(__name__)

CACHE_FILE_NAME = "online-geocoder.json"
# Nominatim's usage policy asks for at most one request per second.
NOMINATIM_DELAY_SECONDS = 1.0
USER_AGENT = "flashpoint-news-geoparser"


class CachedGeocoder(Geocoder):
    """Asks `geocoder` at most once per query, ever: answers (misses too) are kept in a JSON file."""

    def __init__(self, geocoder: Geocoder, cache_dir: Path, min_delay_seconds: float = NOMINATIM_DELAY_SECONDS) -> None:
        super().__init__()
        self.geocoder = geocoder
        self.path = Path(cache_dir) / CACHE_FILE_NAME
        self._ask = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1)
        self._cache: dict[str, Any] | None = None

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: object) -> GeopyLocation | list | None:
        key = " ".join(str(query).lower().split())
        cache = self._read()
        if key not in cache:
            try:
                answer = self._ask(str(query), exactly_one=True)
            except GeopyError as exc:
                # An unreachable service is no answer; it is not cached, so a later run may ask again.
                log.warning("online geocoder failed for %r: %s", query, exc)
                return None
            cache[key] = None if answer is None else {"address": answer.address, "point": list(answer.point)[:2]}
            if answer is not None:
                cache[key]["raw"] = answer.raw
            self._write(cache)
        entry = cache[key]
        if entry is None:
            return None
        location = GeopyLocation(entry["address"], tuple(entry["point"]), entry.get("raw") or {})
        return location if exactly_one else [location]

    def _read(self) -> dict[str, Any]:
        if self._cache is None:
            try:
                self._cache = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._cache = {}
        return self._cache

    def _write(self, cache: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(cache, stream, ensure_ascii=False, default=str)
        os.replace(temporary, self.path)


def make_geocoder(gazetteer: Gazetteer, settings: Settings) -> OfflineGeocoder:
    """The offline geocoder, with Nominatim (cached) behind it only when the settings ask for it."""
    fallback = None
    if settings.online_geocoder == "nominatim":
        from geopy.geocoders import Nominatim

        fallback = CachedGeocoder(Nominatim(user_agent=USER_AGENT), Path(settings.cache_dir))
    return OfflineGeocoder(gazetteer, settings.region_prior, fallback)
