"""Turn the sentences that describe incidents into dated, placed events with their actors, targets and figures.

One event per incident sentence. A sentence is an incident when it names an event type (below) and anchors it
with a date, a literal place or a casualty/attack figure; threats, meetings and wars need a date of their own,
because reports mention them in background sentences. The title and lead usually tell the same incident twice:
an event with the same type and place as the title's, and no conflicting date, is merged into it, and so is one
with the same type, place and date as an earlier one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from flashpoint.dates import DateMention, find_dates
from flashpoint.model import Actor, Event, Figure, Location, Span

_Item = TypeVar("_Item")

# Tried in order: the first type whose words (or two- and three-word phrases) the sentence holds wins, so specific
# types come before "attack". Weapon types are decided apart (see `event_type`): the first weapon named, when an
# attack word is present. Word sets, not regexes: one lower-cased split per sentence is far cheaper than a dozen scans.
EVENT_TYPES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (name, frozenset(words.split(",")))
    for name, words in (
        ("seizure", "seize,seized,seizes,seizing,seizure,hijack,hijacked,hijacking,hijackers,commandeered,boarded,"
         "took control of,taking control of"),
        ("interception", "intercept,intercepted,intercepting,intercepts,interception,interceptions,shot down,"
         "shoot down,shooting down,downed"),
        ("weapon", "drone,drones,uav,uavs,rocket,rockets,missile,missiles"),
        ("airstrike", "airstrike,airstrikes,air strike,air strikes,air raid,air raids,warplane,warplanes,"
         "fighter jets,bombed,began bombing,started bombing,continued bombing,aerial bombardment"),
        ("bombing", "bombing,bombings,bomb,bombs,blast,blasts,explosion,explosions,explosive,explosives,"
         "suicide bomber,suicide bombers,ied,ieds"),
        ("raid", "raid,raids,raided,stormed,incursion,incursions"),
        ("clash", "clash,clashes,clashed,gun battle,gun battles,gunbattle,gunbattles,firefight,firefights,"
         "exchange of fire,exchanges of fire,exchanged fire,traded fire"),
        ("attack", "attack,attacks,attacked,assault,assaults,assaulted,ambush,ambushed,struck,strike,strikes,"
         "shelled,shelling,shells,tank fire,opened fire,fired on,fired at,fired upon,assassination,assassinated,"
         "assassinate"),
        ("casualties", "killed,killing,wounded,injured,died,dead"),
        ("threat", "threat,threats,threaten,threatened,threatening,threatens,warn,warns,warned,warning,vow,vows,"
         "vowed,pledged,promised to,retaliate,retaliated,retaliation,retaliatory"),
        ("meeting", "met,meet,meets,meeting,talks,summit"),
        ("war", "war,offensive,invasion"),
    )
)  # fmt: skip
_WEAPON_TYPES = {"drone": "drone attack", "uav": "drone attack", "rocket": "rocket attack", "missile": "missile strike"}
_ATTACK_SIGNAL = frozenset(
    "attack,attacks,attacked,attacking,strike,strikes,struck,hit,hits,slammed,crashed,exploded,killed,killing,"
    "wounded,injured,launched,launching,fired,firing,targeted,landed".split(",")
)
_WORD = re.compile(r"[a-z]+")
_PHRASE_STARTS = frozenset(phrase.split()[0] for _, type_words in EVENT_TYPES for phrase in type_words if " " in phrase)
_TYPE_OR_PHRASE_START = _PHRASE_STARTS.union(*(type_words for _, type_words in EVENT_TYPES))
_NEEDS_OWN_DATE = frozenset({"threat", "meeting", "war"})
# Hypotheticals describe no incident: "if Iran attacks US personnel, action will be taken".
_CONDITIONAL = re.compile(r"(?:^|\W)(?:if|unless|should\s+\w+\s+(?:attack|strike))\b", re.IGNORECASE)
_TRIGGER = re.compile(
    r"\b(?:attack\w*|strikes?|struck|hit|fired|launch\w*|targeted|shell\w*|bomb\w*|raid\w*|seiz\w*|intercept\w*"
    r"|slammed|clash\w*|threat\w*|warn\w*|met|meeting)\b",
    re.IGNORECASE,
)
_TRIGGER_LOWER = re.compile(_TRIGGER.pattern)
_TARGET_BEFORE = re.compile(
    r"\b(?:on|against|at|targeting|toward|towards|into|hit|struck|killing|wounding)\s+(?:the\s+)?$"
)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
_NOT_LITERAL_AFTER = re.compile(r"[-‐](?:backed|aligned|sponsored|linked|allied|supported|based)\b|'s\b|’s\b")
# A place after one of these words is where something happened, not who did it ("in Jordan" vs "US officials").
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|into|inside|outside|off|across|around|on|over|towards?|throughout|of|between|along)\s+"
    r"(?:the\s+)?(?:[a-z-]*(?:north|south|east|west|central)[a-z-]*\s+)?$",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE_LOWER = re.compile(_LOCATIVE_BEFORE.pattern)
_WORD_CHARACTER = re.compile(r"\w")
# A speaker is not a doer: "Hezbollah said", "a UN official said".
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s+(?:said|says|told|reported|announced|stated|added|claimed|confirmed|denied)\b"
)
# An actor followed by an attack verb did it, wherever it sits in the sentence.
_DOER_AFTER = re.compile(
    r"(?:\s+(?:have|has|had|also|then|later|reportedly|allegedly))*\s+(?:launched|fired|struck|attacked|hit|targeted"
    r"|seized|hijacked|killed|shelled|bombed|raided|carried\s+out|stormed|ambushed|intercepted|shot\s+down)\b",
    re.IGNORECASE,
)
_SPECIFICITY = {"site": 0, "city": 1, "region": 2, "water": 2, "country": 3}
_COUNTED_KINDS = {"count": "attacks", "injured": "injured", "killed": "killed"}


def find_events(
    text: str,
    sentences: Sequence[Span],
    locations: Sequence[Location],
    actors: Sequence[Actor],
    figures: Sequence[Figure],
    published: date | None,
) -> tuple[Event, ...]:
    """The article's incidents, one per incident sentence, duplicates of the same incident merged, in text order."""
    dates = find_dates(text, published)
    events = _EventList(title=sentences[0] if sentences else None)
    place_mentions = sorted(
        (
            (mention.start, mention.end, location)
            for location in locations
            if location.literal
            for mention in location.mentions
        ),
        key=lambda item: item[0],
    )
    place_starts = [start for start, _, _ in place_mentions]
    # Everything is sorted by offset once and sliced per sentence, so long articles stay linear.
    dated = sorted(dates, key=lambda mention: mention.span.start)
    date_starts = [mention.span.start for mention in dated]
    counted = sorted(figures, key=lambda figure: figure.span.start)
    figure_starts = [figure.span.start for figure in counted]
    actor_mentions = sorted(
        (
            (mention.start, mention.end, actor.name)
            for actor in actors
            if actor.kind != "person"
            for mention in actor.mentions
        ),
        key=lambda item: item[0],
    )
    actor_starts = [start for start, _, _ in actor_mentions]
    lowered = [text[sentence.start : sentence.end].lower() for sentence in sentences]
    kinds = [_type_of_lowered(sentence_lower) for sentence_lower in lowered]
    # A sentence's place matters only to its own event and to the next sentence's: skip it when neither has one.
    place_needed = [kind is not None for kind in kinds[1:]] + [False] * bool(kinds)
    previous_place: tuple[Location, int, bool] | None = None
    for sentence, sentence_lower, kind, next_needs_place in zip(sentences, lowered, kinds, place_needed, strict=True):
        if kind is None and not next_needs_place:
            previous_place = None
            continue
        place = _nearest_place(text, sentence, _within(place_starts, place_mentions, sentence), sentence_lower)
        nearby = place if place is not None and (place[2] or previous_place is None) else previous_place
        previous_place = place if place is not None and place[2] else None
        if kind is None:
            continue
        found = _sentence_event(
            text,
            sentence,
            sentence_lower,
            kind,
            nearby,
            _within(date_starts, dated, sentence),
            _within(actor_starts, actor_mentions, sentence),
            _within(figure_starts, counted, sentence),
        )
        if found is not None:
            events.add(found)
    return tuple(events.events)


def _within(starts: list[int], items: Sequence[_Item], sentence: Span) -> Sequence[_Item]:
    """The items (sorted by their start offsets `starts`) that start inside the sentence."""
    first = bisect_left(starts, sentence.start)
    return items[first : bisect_left(starts, sentence.end, first)]


def event_type(sentence: str) -> str | None:
    """The most specific incident type the sentence's wording names, or None.

    "casualties" means only deaths or injuries are named; `find_events` keeps such sentences as attacks when they
    state a figure.
    """
    return _type_of_lowered(sentence.lower())


def _type_of_lowered(lowered: str) -> str | None:
    words = _WORD.findall(lowered)
    phrases = set(words)
    if phrases.isdisjoint(_TYPE_OR_PHRASE_START):
        return None  # no type word and no first word of a type phrase: no type can match
    for start_word in phrases.intersection(_PHRASE_STARTS):
        # list.index finds each occurrence in C: cheaper than visiting every word of the sentence.
        index = words.index(start_word)
        while index >= 0:
            phrases.add(" ".join(words[index : index + 2]))
            phrases.add(" ".join(words[index : index + 3]))
            index = words.index(start_word, index + 1) if start_word in words[index + 1 :] else -1
    for name, type_words in EVENT_TYPES:
        if phrases.isdisjoint(type_words):
            continue
        if name != "weapon":
            return name
        if not phrases.isdisjoint(_ATTACK_SIGNAL):
            weapon = next(word for word in words if word in type_words)
            return _WEAPON_TYPES[weapon.rstrip("s")]
    return None


def _sentence_event(
    text: str,
    sentence: Span,
    lowered: str,
    kind: str,
    place: tuple[Location, int, bool] | None,
    own_dates: Sequence[DateMention],
    actor_mentions: Sequence[tuple[int, int, str]],
    figures: Sequence[Figure],
) -> Event | None:
    """The incident of a sentence whose wording names `kind`, given the dates, mentions and figures inside it."""
    words = text[sentence.start : sentence.end]
    own_place = place is not None and sentence.start <= place[1] < sentence.end and place[2]
    numbers = _numbers(figures)
    if kind in _NEEDS_OWN_DATE and not own_dates:
        return None
    if kind == "casualties":
        # Deaths and injuries without an attack word are an incident only when the sentence counts them.
        if not numbers:
            return None
        kind = "attack"
    if kind != "threat" and _conditional(words, lowered):
        return None
    if not (own_dates or own_place or numbers):
        return None
    # In ASCII text a case-blind scan equals a scan of the lower-cased copy, which the regex engine does faster.
    trigger = _TRIGGER_LOWER.search(lowered) if words.isascii() else _TRIGGER.search(words)
    # Without an attack word, position says nothing about who did what.
    trigger_offset = sentence.start + trigger.start() if trigger else sentence.start
    doers, targets = _roles(text, sentence, actor_mentions, trigger_offset)
    first_date = own_dates[0] if own_dates else None
    location = place[0] if place else None
    confidence = 0.3 + 0.2 * bool(own_dates) + 0.2 * own_place + 0.15 * bool(numbers) + 0.15 * bool(doers or targets)
    return Event(
        type=kind,
        sentence=words,
        span=sentence,
        date=first_date.start if first_date else None,
        date_end=first_date.end if first_date and first_date.end != first_date.start else None,
        location=location.name if location else None,
        country_code=location.country_code if location else None,
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        actors=doers,
        targets=targets,
        count=numbers.get("count"),
        injured=numbers.get("injured"),
        killed=numbers.get("killed"),
        confidence=round(min(confidence, 1.0), 2),
    )


def _conditional(sentence: str, lowered: str) -> bool:
    """True for a hypothetical ("if Iran attacks"); ASCII sentences without its words skip the scan."""
    if sentence.isascii() and "if" not in lowered and "unless" not in lowered and "should" not in lowered:
        return False
    return _CONDITIONAL.search(sentence) is not None


def _numbers(figures: Sequence[Figure]) -> dict[str, int]:
    """The largest stated value per counted kind: a total beats its own breakdown ("75 injured, 15 critically")."""
    numbers: dict[str, int] = {}
    for field, kind in _COUNTED_KINDS.items():
        values = [figure.value for figure in figures if figure.kind == kind and figure.value is not None]
        if values:
            numbers[field] = max(values)
    return numbers


def _nearest_place(
    text: str, sentence: Span, mentions: Sequence[tuple[int, int, Location]], lowered: str | None = None
) -> tuple[Location, int, bool] | None:
    """The place the sentence names literally: one after "in/at/near" first, then the most specific, then the first.

    `mentions` are the (start, end, location) triples inside the sentence. Returns the location, the offset of its
    mention, and whether that mention follows a locative word. `lowered` is the sentence in lower case, if known.
    """
    best: tuple[int, int, int, Location] | None = None
    # The case-blind pattern is slow; on the lower-cased sentence a plain one finds the same matches, unless lowering
    # changed the length, the text holds letters case-blind matching equates with i or s, or a word runs into the
    # sentence (its first \b would then read the character before).
    plain = (
        lowered is not None
        and len(lowered) == sentence.end - sentence.start
        and "ı" not in lowered
        and "ſ" not in lowered
        and (sentence.start == 0 or not _WORD_CHARACTER.match(text, sentence.start - 1))
    )
    for start, end, location in mentions:
        if _NOT_LITERAL_AFTER.match(text, end):
            continue
        window = max(sentence.start, start - 40)
        if plain:
            found = _LOCATIVE_BEFORE_LOWER.search(lowered, window - sentence.start, start - sentence.start)
        else:
            found = _LOCATIVE_BEFORE.search(text, window, start)
        locative = found is not None
        rank = (not locative, _SPECIFICITY.get(location.kind, 3), start)
        if best is None or rank < best[:3]:
            best = (*rank, location)
    return (best[3], best[2], not best[0]) if best else None


def _roles(
    text: str, sentence: Span, actor_mentions: Sequence[tuple[int, int, str]], trigger: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actors named before the incident word (or after "by") did it; those after "on/against/at" were its target.

    Speakers ("Hezbollah said") and actors named elsewhere after the incident word get no role.
    """
    doers: list[str] = []
    targets: list[str] = []
    for start, end, name in actor_mentions:
        before = text[max(sentence.start, start - 20) : start]
        # Each test runs once: "by" before the name both keeps a speaker and makes a doer.
        agent_before = _AGENT_BEFORE.search(before) is not None
        if not agent_before and _SPEAKER_AFTER.match(text, end, sentence.end):
            continue
        if agent_before or _DOER_AFTER.match(text, end, sentence.end):
            role = doers
        else:
            target_before = _TARGET_BEFORE.search(before) is not None
            if start < trigger and not target_before:
                role = doers
            elif target_before:
                role = targets
            else:
                continue
        if name not in role:
            role.append(name)
    targets = [name for name in targets if name not in doers]
    return tuple(doers), tuple(targets)


class _EventList:
    """Events in text order; a retelling of the title's incident, or one of the same type, place and day, merges."""

    def __init__(self, title: Span | None) -> None:
        self.title = title
        self.events: list[Event] = []
        # (type, place) -> index of the title's event, and (type, place, day) -> index, for constant-time merging.
        self._title_event: dict[tuple[str, str | None], int] = {}
        self._same_day: dict[tuple[str, str | None, date], int] = {}

    def add(self, found: Event) -> None:
        key = (found.type, found.location)
        index = self._title_event.get(key)
        if index is not None:
            earlier = self.events[index]
            if earlier.date is None or found.date is None or earlier.date == found.date:
                self._replace(index, _merged(earlier, found))
                return
        if found.date is not None and (index := self._same_day.get((*key, found.date))) is not None:
            self._replace(index, _merged(self.events[index], found))
            return
        self.events.append(found)
        self._index(len(self.events) - 1)

    def _replace(self, index: int, event: Event) -> None:
        self.events[index] = event
        self._index(index)

    def _index(self, index: int) -> None:
        event = self.events[index]
        key = (event.type, event.location)
        if event.span == self.title:
            self._title_event.setdefault(key, index)
        if event.date is not None:
            self._same_day.setdefault((*key, event.date), index)


def _merged(earlier: Event, later: Event) -> Event:
    # The earlier telling (title, lead) carries the latest toll; a later sentence may quote an older one.
    def first_known(first: int | None, second: int | None) -> int | None:
        return first if first is not None else second

    return replace(
        earlier,
        date=earlier.date or later.date,
        date_end=earlier.date_end or later.date_end,
        actors=tuple(dict.fromkeys(earlier.actors + later.actors)),
        targets=tuple(name for name in dict.fromkeys(earlier.targets + later.targets) if name not in earlier.actors),
        count=first_known(earlier.count, later.count),
        injured=first_known(earlier.injured, later.injured),
        killed=first_known(earlier.killed, later.killed),
        confidence=max(earlier.confidence, later.confidence),
    )
