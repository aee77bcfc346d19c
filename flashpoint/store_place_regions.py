"""Give places stored before places kept their admin-1 region (migration 0007) that region, and their incidents.

A places row holds what `flashpoint.admin_areas` needs (its gazetteer id as key, name, kind, country, centre), so
the region is worked out from the row itself, without re-extracting any article. Each incident then takes its lead
report's place's region, as `store_incident_writes` would have written it, in one UPDATE.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import and_, bindparam, func, select, update

from flashpoint.admin_areas import AdminAreas
from flashpoint.model import Place
from flashpoint.schema import INCIDENTS, PLACES
from flashpoint.store import Store

# Kinds of place that lie in no one region: a places row of these kinds keeps admin1 NULL.
NO_REGION_KINDS = ("country", "sea", "water", "continent")
ROWS_PER_UPDATE = 1_000


def _lacking_region() -> list:
    return [PLACES.c.admin1.is_(None), PLACES.c.kind.is_not(None), PLACES.c.kind.not_in(NO_REGION_KINDS)]


def places_without_region(store: Store) -> int:
    """How many stored towns, sites and regions have no admin-1 region yet."""
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(PLACES).where(*_lacking_region())).scalar_one()


def fill_place_regions(
    store: Store, admin_areas: AdminAreas, progress: Callable[[int, int], None] | None = None
) -> int:
    """Set places.admin1 where it is NULL and a region can be found, then every incident's admin1 from its place;
    returns the places given a region. `progress(done, total)` after each batch of places."""
    columns = (PLACES.c.id, PLACES.c.place_key, PLACES.c.name, PLACES.c.kind, PLACES.c.country_code)
    with store.engine.connect() as connection:
        rows = connection.execute(select(*columns, PLACES.c.lat, PLACES.c.lon).where(*_lacking_region())).all()
    found: list[dict[str, object]] = []
    for row in rows:
        # Places keyed by gazetteer id keep it; others (a name and coordinates) are placed by their centre.
        place = Place(row.place_key, row.name, row.kind, row.country_code, row.lat, row.lon)
        region = admin_areas.admin1_of(place)
        if region is not None:
            found.append({"place": row.id, "region": region})
    with store.engine.begin() as connection:
        statement = update(PLACES).where(PLACES.c.id == bindparam("place")).values(admin1=bindparam("region"))
        for start in range(0, len(found), ROWS_PER_UPDATE):
            connection.execute(statement, found[start : start + ROWS_PER_UPDATE])
            if progress is not None:
                progress(min(start + ROWS_PER_UPDATE, len(found)), len(found))
        region_of_place = select(PLACES.c.admin1).where(PLACES.c.id == INCIDENTS.c.place_id).scalar_subquery()
        placed = select(PLACES.c.id).where(and_(PLACES.c.id == INCIDENTS.c.place_id, PLACES.c.admin1.is_not(None)))
        connection.execute(update(INCIDENTS).where(placed.exists()).values(admin1=region_of_place))
    return len(found)
