"""The dashboard's filters as a hashable value, with their caption and their URL query parameters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from flashpoint.precision import LOCATION_PRECISIONS, UNKNOWN, is_at_least

QUERY_KEYS = {"date_from": "from", "date_to": "to", "actors": "actor", "countries": "country", "event_types": "type"}
TEXT_KEY = "q"
COUNT_KEY = "count"
PRECISION_KEY = "precision"

# Count modes: each incident once (its lead report carries its best figures), or every report as stated.
INCIDENTS = "incidents"
REPORTS = "reports"
COUNT_MODES = (INCIDENTS, REPORTS)
# The coarsest location precision a filter may ask for: "unknown" would admit everything, which "" already says.
PRECISION_CHOICES = tuple(word for word in LOCATION_PRECISIONS if word != UNKNOWN)


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
    count_by: str = INCIDENTS
    # The coarsest location precision kept ("" keeps every item, even those without a known precision).
    precision: str = ""

    def __post_init__(self) -> None:
        # Lists from widgets become sorted tuples so equal selections make equal (and hashable) cache keys.
        object.__setattr__(self, "actors", _as_tuple(self.actors))
        object.__setattr__(self, "countries", tuple(code.upper() for code in _as_tuple(self.countries)))
        object.__setattr__(self, "event_types", _as_tuple(self.event_types))
        object.__setattr__(self, "text", (self.text or "").strip())
        object.__setattr__(self, "precision", (self.precision or "").strip())
        if self.count_by not in COUNT_MODES:
            raise ValueError(f"count_by must be one of {', '.join(COUNT_MODES)}, not {self.count_by!r}")
        if self.precision and self.precision not in PRECISION_CHOICES:
            choices = ", ".join(PRECISION_CHOICES)
            raise ValueError(f"precision must be empty or one of {choices}, not {self.precision!r}")

    @property
    def is_empty(self) -> bool:
        """True when nothing is left out; counting reports instead of incidents leaves nothing out."""
        return replace(self, count_by=INCIDENTS) == Filters()

    @property
    def counts_incidents(self) -> bool:
        """True when each incident counts once (the default); False when every report counts."""
        return self.count_by == INCIDENTS

    def accepted_precisions(self) -> tuple[str, ...]:
        """The location precisions this filter keeps, finest first; empty when it keeps every item."""
        if not self.precision:
            return ()
        return tuple(word for word in PRECISION_CHOICES if is_at_least(word, self.precision))

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
        if self.precision:
            parts.append(f"location precision {self.precision} or better")
        counting = "" if self.counts_incidents else " (counting every report, not each incident once)"
        if not parts:
            return "All articles, no filters" + counting
        return "Filtered: " + "; ".join(parts) + counting

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
        if not self.counts_incidents:
            params[COUNT_KEY] = self.count_by
        if self.precision:
            params[PRECISION_KEY] = self.precision
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]]) -> Filters:
        """Filters from URL query parameters; a malformed date, count mode or precision is ignored rather than
        failing the page.

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

        def first_choice(key: str, choices: tuple[str, ...], default: str) -> str:
            return next((value.strip() for value in values(key) if value.strip() in choices), default)

        text_values = values(TEXT_KEY)
        return cls(
            date_from=first_date(QUERY_KEYS["date_from"]),
            date_to=first_date(QUERY_KEYS["date_to"]),
            actors=values(QUERY_KEYS["actors"]),
            countries=values(QUERY_KEYS["countries"]),
            event_types=values(QUERY_KEYS["event_types"]),
            text=text_values[0] if text_values else "",
            count_by=first_choice(COUNT_KEY, COUNT_MODES, INCIDENTS),
            precision=first_choice(PRECISION_KEY, PRECISION_CHOICES, ""),
        )


@dataclass(frozen=True)
class FilterOptions:
    """The values the filter widgets can offer, read from what is stored."""

    actors: tuple[str, ...]
    countries: tuple[str, ...]
    event_types: tuple[str, ...]
    date_min: date | None
    date_max: date | None
