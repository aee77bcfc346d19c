"""The dashboard's filters as a hashable value, with their caption and their URL query parameters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

QUERY_KEYS = {"date_from": "from", "date_to": "to", "actors": "actor", "countries": "country", "event_types": "type"}
TEXT_KEY = "q"


def _as_tuple(values: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    return tuple(sorted({value.strip() for value in values if value and value.strip()}))


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; hashable, so a query result can be cached by it. Empty means 'no restriction'."""

    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        # Lists from widgets become sorted tuples so equal selections make equal (and hashable) cache keys.
        object.__setattr__(self, "actors", _as_tuple(self.actors))
        object.__setattr__(self, "countries", tuple(code.upper() for code in _as_tuple(self.countries)))
        object.__setattr__(self, "event_types", _as_tuple(self.event_types))
        object.__setattr__(self, "text", (self.text or "").strip())

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def describe(self) -> str:
        """A one-line caption of the active filters, for under the page title."""
        parts = []
        if self.date_from and self.date_to:
            parts.append(f"from {self.date_from.isoformat()} to {self.date_to.isoformat()}")
        elif self.date_from:
            parts.append(f"from {self.date_from.isoformat()}")
        elif self.date_to:
            parts.append(f"up to {self.date_to.isoformat()}")
        if self.actors:
            parts.append("actors: " + ", ".join(self.actors))
        if self.countries:
            parts.append("countries: " + ", ".join(self.countries))
        if self.event_types:
            parts.append("event types: " + ", ".join(self.event_types))
        if self.text:
            parts.append(f'text contains "{self.text}"')
        if not parts:
            return "All articles, no filters"
        return "Filtered: " + "; ".join(parts)

    def to_query_params(self) -> dict[str, str | list[str]]:
        """URL query parameters for this filter (lists repeat the key); empty filters are left out."""
        params: dict[str, str | list[str]] = {}
        if self.date_from:
            params[QUERY_KEYS["date_from"]] = self.date_from.isoformat()
        if self.date_to:
            params[QUERY_KEYS["date_to"]] = self.date_to.isoformat()
        for field_name in ("actors", "countries", "event_types"):
            values = getattr(self, field_name)
            if values:
                params[QUERY_KEYS[field_name]] = list(values)
        if self.text:
            params[TEXT_KEY] = self.text
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]]) -> Filters:
        """Filters from URL query parameters; a malformed date is ignored rather than failing the page.

        Pass every value of a repeated key (e.g. `{key: st.query_params.get_all(key) for key in st.query_params}`);
        a single string counts as one value.
        """

        def values(key: str) -> tuple[str, ...]:
            raw = params.get(key, ())
            return (raw,) if isinstance(raw, str) else tuple(raw)

        def first_date(key: str) -> date | None:
            for value in values(key):
                try:
                    return date.fromisoformat(value.strip())
                except ValueError:
                    return None
            return None

        text_values = values(TEXT_KEY)
        return cls(
            date_from=first_date(QUERY_KEYS["date_from"]),
            date_to=first_date(QUERY_KEYS["date_to"]),
            actors=values(QUERY_KEYS["actors"]),
            countries=values(QUERY_KEYS["countries"]),
            event_types=values(QUERY_KEYS["event_types"]),
            text=text_values[0] if text_values else "",
        )


@dataclass(frozen=True)
class FilterOptions:
    """The values the filter widgets can offer, read from what is stored."""

    actors: tuple[str, ...]
    countries: tuple[str, ...]
    event_types: tuple[str, ...]
    date_min: date | None
    date_max: date | None
