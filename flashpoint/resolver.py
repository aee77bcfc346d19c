"""Resolve an article's toponyms together: each name's reading chosen by score plus what the other names say."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from flashpoint.geocode import base_score, best_pair, distance_km, without_city_provinces
from flashpoint.model import Place
from flashpoint.place_traits import is_capital

SAME_COUNTRY_BONUS = 1.0
SAME_STATE_BONUS = 2.0
NEARBY_BONUS = 1.0
NEARBY_KM = 250.0
NEARBY_DEGREES = NEARBY_KM / 111.0
# A great circle bends toward the pole, so it can be shorter than the way along the parallel: by 0.2% at 80 degrees
# of latitude for 250 km. The prefilter gives it 2%.
GREAT_CIRCLE_SHORTCUT = 0.98
# Room for rounding where the latitude band is cut by bisection; the exact test follows inside the band.
LATITUDE_SLACK = 1e-6
# A neighbour within a short drive is stronger evidence: "Tripoli" in a story about Beirut is Lebanon's.
NEIGHBOUR_BONUS = 1.5
NEIGHBOUR_KM = 100.0
# Local news: when most of an article's towns lie in one country, its other names lean there too.
HOME_COUNTRY_BONUS = 1.5
HOME_COUNTRY_MIN_PLACES = 2
HOME_COUNTRY_SHARE = 0.5
# Country-level news: "In Washington" in a story that names the United States is its capital, not a namesake town
# in the country whose towns fill the rest of the story.
NAMED_COUNTRY_CAPITAL_BONUS = 1.5
# A city this big is national news: naming it says nothing about the small towns of its state.
NATIONAL_NEWS_CITY_POPULATION = 2_000_000
# The most the article's other names can add to a candidate's score (country, state, home country, neighbour).
MOST_CONTEXT_BONUS = (
    SAME_COUNTRY_BONUS
    + SAME_STATE_BONUS
    + max(HOME_COUNTRY_BONUS, NAMED_COUNTRY_CAPITAL_BONUS)
    + max(NEIGHBOUR_BONUS, NEARBY_BONUS)
)
# A name whose best reading leads the next by this much is plain enough to serve as context for the others.
CLEAR_LEAD = 2.0
CONTEXT_ROUNDS = 2
# "Springfield" names dozens of towns; only the best-scored of a name's readings are weighed.
MAX_CANDIDATES = 30


@dataclass
class DocumentContext:
    """The places the article's other toponyms resolved to: the countries, states and points it is about."""

    by_country: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    by_state: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    points: list[tuple[str, Place, float]] = field(default_factory=list)
    latitudes: list[float] = field(default_factory=list)
    home_country: str | None = None
    named_countries: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, picks: dict[str, Place]) -> DocumentContext:
        """Context from picks; a country holding most of the article's towns and regions is its home country."""
        context = cls()
        local: Counter[str] = Counter()
        for key, place in picks.items():
            if place.country_code is None:
                continue
            context.by_country.setdefault(place.country_code, []).append((key, place.id))
            if place.kind == "country":
                context.named_countries.setdefault(place.country_code, key)
            if place.admin1 and lends_its_state(place):
                context.by_state.setdefault((place.country_code, place.admin1), []).append((key, place.id))
            if place.kind != "country":
                context.points.append((key, place, math.cos(math.radians(place.lat))))
                local[place.country_code] += 1
        # By latitude, so a candidate only looks at the band of points that could lie within NEARBY_KM of it.
        context.points.sort(key=lambda point: point[1].lat)
        context.latitudes = [point[1].lat for point in context.points]
        if local:
            country, count = local.most_common(1)[0]
            if count >= HOME_COUNTRY_MIN_PLACES and count >= HOME_COUNTRY_SHARE * sum(local.values()):
                context.home_country = country
        return context

    def bonus(self, key: str, place: Place) -> float:
        """Support for `place` from the other toponyms; a place never supports itself, nor a name itself."""
        if place.country_code is None:
            return 0.0
        score = 0.0
        if _supported(self.by_country.get(place.country_code, ()), key, place):
            score += SAME_COUNTRY_BONUS
            if place.admin1 and _supported(self.by_state.get((place.country_code, place.admin1), ()), key, place):
                score += SAME_STATE_BONUS
        if place.country_code == self.home_country:
            score += HOME_COUNTRY_BONUS
        nearby = 0.0
        latitude, longitude = place.lat, place.lon
        place_cosine = math.cos(math.radians(latitude))
        first = bisect.bisect_left(self.latitudes, latitude - NEARBY_DEGREES - LATITUDE_SLACK)
        last = bisect.bisect_right(self.latitudes, latitude + NEARBY_DEGREES + LATITUDE_SLACK)
        for other_key, other, other_cosine in self.points[first:last]:
            if other_key == key or abs(other.lat - latitude) >= NEARBY_DEGREES or other.id == place.id:
                continue
            # East-west the gap is about the longitude difference on the parallel nearer the pole; most candidates
            # are ruled out by that before any great-circle arithmetic.
            longitude_gap = abs(other.lon - longitude) % 360.0
            parallel_gap = min(longitude_gap, 360.0 - longitude_gap) * min(place_cosine, other_cosine)
            if parallel_gap * GREAT_CIRCLE_SHORTCUT >= NEARBY_DEGREES:
                continue
            kilometres = distance_km(place, other)
            if kilometres <= NEIGHBOUR_KM:
                return score + NEIGHBOUR_BONUS
            if kilometres <= NEARBY_KM:
                nearby = NEARBY_BONUS
        return score + nearby

    def capital_bonus(self, key: str, place: Place) -> float:
        """Support for a national capital whose country another name of the article names, away from home."""
        naming_key = self.named_countries.get(place.country_code or "", key)
        if naming_key == key or place.country_code == self.home_country or not is_capital(place):
            return 0.0
        return NAMED_COUNTRY_CAPITAL_BONUS


def lends_its_state(place: Place) -> bool:
    """Whether naming `place` makes its state's other towns likelier: a metropolis or capital is national news.

    "Washington, New York and Boston" says nothing about the small towns of New York state.
    """
    return place.kind != "city" or (place.population < NATIONAL_NEWS_CITY_POPULATION and not is_capital(place))


def _supported(mentions: Sequence[tuple[str, str]], key: str, place: Place) -> bool:
    return any(other_key != key and other_id != place.id for other_key, other_id in mentions)


# Candidate lists prepared for resolution, remembered per list; bounded so a long batch cannot grow it without end.
PREPARED_CACHE_SIZE = 50_000


class Resolver:
    """Resolution for one gazetteer's places, remembering each place's base score and each name's weighed candidates.

    The toponym finder hands the same candidate tuple for a name every time it meets it, so the work that does not
    depend on the article (dropping city provinces, scoring by kind and size) is done once per tuple.
    """

    def __init__(self, region_prior: str = "MENA", small_countries: frozenset[str] = frozenset()) -> None:
        self.region_prior = region_prior
        self.small_countries = small_countries
        self._scores: dict[str, float] = {}
        self._prepared: dict[int, tuple[tuple[Place, ...], tuple[tuple[float, int, Place], ...]]] = {}

    def score(self, place: Place) -> float:
        score = self._scores.get(place.id)
        if score is None:
            score = self._scores[place.id] = base_score(place, self.region_prior, self.small_countries)
        return score

    def prepared(self, places: tuple[Place, ...]) -> tuple[tuple[float, int, Place], ...]:
        """The candidates worth weighing, best base score first, each with its position in index order."""
        known = self._prepared.get(id(places))
        if known is not None and known[0] is places:
            return known[1]
        kept = without_city_provinces(places)
        if len(kept) > MAX_CANDIDATES:
            # "Springfield" names dozens of towns; the smallest of them never win, so they are not weighed.
            kept = tuple(sorted(kept, key=self.score, reverse=True)[:MAX_CANDIDATES])
        ranked = tuple(sorted(((self.score(place), -index, place) for index, place in enumerate(kept)), reverse=True))
        ranked = tuple((score, -negative_index, place) for score, negative_index, place in ranked)
        if len(self._prepared) >= PREPARED_CACHE_SIZE:
            self._prepared.clear()
        # The tuple itself is kept with its entry, so its id cannot be reused while the entry exists.
        self._prepared[id(places)] = (places, ranked)
        return ranked

    def weighed(self, key: str, places: tuple[Place, ...], picks: dict[str, Place]) -> list[tuple[Place, float]]:
        """The readings of toponym `key` that resolution weighs, each with its score in the context of `picks`
        (what every name of the article resolved to), best base score first; for showing an analyst the choice."""
        ranked = self.prepared(places)
        context = DocumentContext.of(picks)
        names_a_country = any(place.kind == "country" for _, _, place in ranked)
        return [(place, context_score(score, key, place, context, names_a_country)) for score, _, place in ranked]

    def resolve(
        self,
        keyed_candidates: dict[str, tuple[Place, ...]],
        comma_pairs: Sequence[tuple[str, str]] = (),
        list_pairs: Sequence[tuple[str, str]] = (),
    ) -> dict[str, Place]:
        """Pick one place per toponym key: "X, Y" pairs first, then size and kind, then the article's context.

        Context is read twice: first from the names that are plain (one candidate, or one far ahead of the rest),
        then from every name's resulting choice, so "Paris" follows the Texas towns around it.
        """
        candidates = {}
        for key, places in keyed_candidates.items():
            ranked = self.prepared(places)
            if ranked:
                candidates[key] = ranked
        fixed: dict[str, Place] = {}
        for inner_key, outer_key in comma_pairs:
            inner, outer = candidates.get(inner_key, ()), candidates.get(outer_key, ())
            pair = best_pair(_in_index_order(inner), _in_index_order(outer), self.region_prior)
            if pair is not None:
                fixed.setdefault(inner_key, pair[0])
                fixed.setdefault(outer_key, pair[1])
        plain = dict(fixed)
        open_keys: set[str] = set()
        for key, ranked in candidates.items():
            if key in plain:
                continue
            if len(ranked) == 1:
                plain[key] = ranked[0][2]
                continue
            open_keys.add(key)
            if ranked[0][0] - ranked[1][0] >= CLEAR_LEAD:
                plain[key] = ranked[0][2]
        picks = plain
        for _ in range(CONTEXT_ROUNDS):
            context = DocumentContext.of(picks)
            # Built in the article's order: the home country's tie-break depends on it.
            picks = {
                key: _best_in_context(key, ranked, context) if key in open_keys else plain[key]
                for key, ranked in candidates.items()
            }
        for first, second in list_pairs:
            for key, sibling in ((first, second), (second, first)):
                if key not in fixed and key in candidates and sibling in picks:
                    picks[key] = _like_sibling(picks[key], picks[sibling], candidates[key])
        return picks


def _is_state(place: Place) -> bool:
    return place.kind == "region" and place.admin1 is not None and place.id.startswith("iso3166-2:")


def _like_sibling(pick: Place, sibling: Place, ranked: tuple[tuple[float, int, Place], ...]) -> Place:
    """Names listed together are of one kind: "California or Washington" are states, "Russia and Georgia" countries."""
    if sibling.kind == "country" and pick.kind != "country":
        return next((place for _, _, place in ranked if place.kind == "country"), pick)
    if _is_state(sibling) and not _is_state(pick):
        return next(
            (place for _, _, place in ranked if _is_state(place) and place.country_code == sibling.country_code), pick
        )
    return pick


def _in_index_order(ranked: tuple[tuple[float, int, Place], ...]) -> list[Place]:
    return [place for _, _, place in sorted(ranked, key=lambda entry: entry[1])]


def context_score(score: float, key: str, place: Place, context: DocumentContext, names_a_country: bool) -> float:
    """A reading's base score plus the support the article's other names give it: what resolution compares.

    `names_a_country`: whether any reading of the name is a country (then capitals get no bonus for it).
    """
    total = score + context.bonus(key, place)
    if not names_a_country:
        total += context.capital_bonus(key, place)
    return total


def _best_in_context(key: str, ranked: tuple[tuple[float, int, Place], ...], context: DocumentContext) -> Place:
    """The place with the best base score plus context; the first in index order among equals.

    Candidates come best base score first, so once even the most support the article could give cannot lift
    the next one to the leader, none of the rest can win either.
    """
    best_place, best_total, best_index = ranked[0][2], -math.inf, len(ranked)
    # "Mexico" read as the country's capital because "Mexican" names the country: the country itself is the reading.
    names_a_country = any(place.kind == "country" for _, _, place in ranked)
    for score, index, place in ranked:
        if score + MOST_CONTEXT_BONUS < best_total:
            break
        total = context_score(score, key, place, context, names_a_country)
        if total > best_total or (total == best_total and index < best_index):
            best_place, best_total, best_index = place, total, index
    return best_place


def resolve(
    keyed_candidates: dict[str, tuple[Place, ...]],
    comma_pairs: Sequence[tuple[str, str]] = (),
    region_prior: str = "MENA",
) -> dict[str, Place]:
    """One-off resolution (see `Resolver.resolve`); a `Resolver` kept across articles does it faster."""
    return Resolver(region_prior).resolve(keyed_candidates, comma_pairs)
