"""The rules that keep, qualify or reject a matched place name by its neighbours: persons, organisations, cues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flashpoint.gazetteer import Gazetteer
from flashpoint.gazetteer_sources import CAPITAL_SOURCE_NOTE
from flashpoint.model import Place, Span
from flashpoint.text_lines import Lines, is_sentence_start, is_title_case_line, next_word, previous_word
from flashpoint.toponym_words import (
    ASSOCIATIVE_SUFFIXES,
    COMMON_WORDS,
    GIVEN_NAME_PLACES,
    GIVEN_NAMES,
    INSTITUTION_NOUNS,
    LOCATIVE_WORDS,
    ORGANISATION_WORDS,
    PLACE_FEATURE_WORDS,
    REPORTING_VERBS,
    SHIP_PREFIXES,
    SPEECH_VERBS,
    TITLES,
)

if TYPE_CHECKING:
    from flashpoint.toponyms import Toponym

# Below this size a town is named in the news mostly by its own local paper; alone, such a match is weak evidence.
SMALL_TOWN_POPULATION = 15_000
# Two- and three-letter village names ("Li", "Bo") are far more often syllables of other names.
SHORTEST_WEAK_NAME = 4
# Towns this big (Atlanta, Houston) are read as places even where a surname could stand.
SURNAME_TOWN_POPULATION = 100_000

_BARE_TITLES = frozenset(title.rstrip(".") for title in TITLES)
_ARTICLE_BEFORE = re.compile(r"(?:\b[AaEe]l[-‑ ]|\b(?:[Aa][dnrstz]|[Aa]sh)[-‑])$")
_CAPITALISED_RUN_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]* ){1,3})$")
_HYPHEN_CAPITAL = re.compile(r"[-‑][A-Z]")
_MORE_NAME = re.compile(r" (?:of )?[A-Z]")
_HYPHENATED_NAME = re.compile(r"[-‑]([A-Z][\w']*)")
_HYPHENATED_WORD = re.compile(r"[-‑]([a-z]+)")
_POSSESSIVE_NOUN = re.compile(r"['’]s? (\w+)")
_NEXT_WORD = re.compile(r" (\w+)")


def apply_context_rules(
    text: str, hits: list[Toponym], gazetteer: Gazetteer, demonyms: frozenset[str] = frozenset()
) -> list[Toponym]:
    """Keep the mentions that name places, flag associative ones, drop persons, organisations and stray words."""
    lines = Lines(text)
    person_keys: set[str] = set()
    kept: list[Toponym] = []
    verdicts = [_judge(text, hit, gazetteer, lines.lines[lines.index(hit.span.start)], demonyms) for hit in hits]
    for position, (hit, verdict) in enumerate(zip(hits, verdicts, strict=True)):
        line = lines.index(hit.span.start)
        if verdict == "person":
            # Countries and states are too well known to be dropped everywhere for one "Israel Katz".
            if not any(is_state_or_country(p) for p in hit.candidates):
                person_keys.add(hit.key)
            continue
        if verdict == "weak":
            # A small town needs a cue that a place is meant: a preposition before it or its state after it.
            following = hits[position + 1] if position + 1 < len(hits) else None
            if following is None or not _states_its_container(text, hit, following, verdicts[position + 1]):
                continue
            verdict = "literal"
        if verdict == "reject":
            continue
        if verdict == "organisation":
            # "Paris Police Department": kept only when the town is also named as a place elsewhere in the text.
            named_elsewhere = any(
                other.key == hit.key and other_verdict in ("literal", "associative")
                for other, other_verdict in zip(hits, verdicts, strict=True)
            )
            if not named_elsewhere:
                continue
            verdict = "associative"
        in_header = line in lines.headers
        if in_header and not any(is_state_or_country(p) for p in hit.candidates):
            # Page furniture ("Share", "Save", an outlet's home town) is not where anything happened.
            continue
        literal = verdict == "literal" and not in_header
        kept.append(_with_article(text, hit, literal))
    # A name once seen as a person's surname is that person everywhere in the article ("Austin said").
    return [hit for hit in kept if hit.demonym or hit.key not in person_keys]


def _states_its_container(text: str, hit: Toponym, following: Toponym, verdict: str) -> bool:
    """True for "Bellmore, N.Y." or "Kerman, Iran": a state or country right after a comma."""
    gap = text[hit.span.end : following.span.start]
    return (
        gap.strip() == ","
        and verdict not in ("reject", "person", "weak")
        and any(is_state_or_country(p) for p in following.candidates)
    )


def _with_article(text: str, hit: Toponym, literal: bool) -> Toponym:
    start = hit.span.start
    article = _ARTICLE_BEFORE.search(text[max(0, start - 4) : start])
    if article and not hit.demonym:
        start -= len(article.group())
    return type(hit)(
        Span(start, hit.span.end), text[start : hit.span.end], hit.key, hit.candidates, literal, hit.demonym
    )


@dataclass(frozen=True)
class _Neighbours:
    """The words around a mention that the rules read."""

    previous: str
    following: str
    line: str
    demonyms: frozenset[str]

    @property
    def bare_previous(self) -> str:
        return self.previous.rstrip(".,")


def _judge(text: str, hit: Toponym, gazetteer: Gazetteer, line: str, demonyms: frozenset[str]) -> str:
    """'literal', 'associative', 'weak' (needs a cue), 'organisation', 'person' or 'reject'."""
    around = _Neighbours(previous_word(text, hit.span.start), next_word(text, hit.span.end), line, demonyms)
    if _after_title_or_given_name(around) or _ends_person_name(text, hit.span.start, line):
        return "person"
    if hit.demonym:
        return "associative"
    verdict = _name_part_verdict(text, hit, gazetteer, around)
    if verdict is None and not any(is_strong(p) for p in hit.candidates):
        verdict = _weak_verdict(text, hit, gazetteer, around)
    if verdict is not None:
        return verdict
    return "associative" if _is_associative(text, hit) else "literal"


def _after_title_or_given_name(around: _Neighbours) -> bool:
    """ "USS Carney", "Secretary Austin", "Lloyd Austin"."""
    previous = around.previous
    if previous in SHIP_PREFIXES or (previous and previous.rstrip(".") in _BARE_TITLES):
        return True
    return previous in GIVEN_NAMES


def _ends_person_name(text: str, start: int, line: str) -> bool:
    """ "Ali Bagheri Kani": the capitalised run before the mention starts with a given name or a title."""
    if is_title_case_line(line):
        return False
    run = _CAPITALISED_RUN_BEFORE.search(text[max(0, start - 60) : start])
    if not run:
        return False
    words = run.group(1).split()
    return len(words) >= 2 and (words[0] in GIVEN_NAMES or words[0].rstrip(".") in _BARE_TITLES)


def _name_part_verdict(text: str, hit: Toponym, gazetteer: Gazetteer, around: _Neighbours) -> str | None:
    """Is the mention part of a longer proper name: an organisation, a person, a compound like "Wal-Mart"?"""
    state_or_country = any(is_state_or_country(p) for p in hit.candidates)
    following = around.following
    if following in ORGANISATION_WORDS:
        return "associative" if any(p.kind == "country" for p in hit.candidates) else "organisation"
    bare_previous = around.bare_previous
    after_name = (
        around.previous == bare_previous
        and all(part[:1].isupper() and part.isalpha() for part in bare_previous.split("-"))
        and _is_unknown_capitalised(bare_previous, gazetteer, around.demonyms)
    )
    if after_name and not is_title_case_line(around.line):
        # "Ronnie Nelson": a town's name after an unknown capitalised word is a surname, here and further on.
        town = _only_towns(hit)
        weak = not any(is_strong(p) for p in hit.candidates)
        return "person" if weak or town or (hit.key in GIVEN_NAME_PLACES and not state_or_country) else "reject"
    given_name = hit.key in GIVEN_NAME_PLACES or hit.surface in GIVEN_NAMES
    if given_name and following[:1].isupper() and not _is_placeish(following, gazetteer, hit.surface in GIVEN_NAMES):
        # "Israel Katz said" is a person; "Georgia Public Service Commission" an organisation named for the state.
        if _ends_name(text, hit.span.end + 1 + len(following)):
            return "reject" if state_or_country else "person"
        return "associative" if state_or_country else "organisation"
    if _HYPHEN_CAPITAL.match(text[hit.span.end : hit.span.end + 2]) and not _hyphen_joins_places(text, hit, gazetteer):
        return "reject"
    speaks = following in REPORTING_VERBS and bare_previous.lower() not in LOCATIVE_WORDS
    if speaks and _only_towns(hit):
        return "person"
    capitalised_next = following[:1].isupper() and not _is_placeish(following, gazetteer, strict=False)
    if capitalised_next and _only_cities(hit) and not hit.surface.isupper() and not is_title_case_line(around.line):
        return "organisation" if any(is_strong(p) for p in hit.candidates) else "reject"
    return None


def _weak_verdict(text: str, hit: Toponym, gazetteer: Gazetteer, around: _Neighbours) -> str | None:
    """A village's name alone is weak evidence: most such capitalised words name people or things."""
    if around.bare_previous.lower() in LOCATIVE_WORDS:
        return None
    if around.following in REPORTING_VERBS or around.bare_previous in REPORTING_VERBS:
        return "person"
    if " " not in hit.key and (len(hit.key) < SHORTEST_WEAK_NAME or is_sentence_start(text, hit.span.start)):
        return "reject"
    return "weak"


def _ends_name(text: str, offset: int) -> bool:
    """True when the capitalised run stops at `offset` (a surname), not when more capitalised words follow."""
    return not _MORE_NAME.match(text[offset : offset + 5])


def _hyphen_joins_places(text: str, hit: Toponym, gazetteer: Gazetteer) -> bool:
    """ "Lebanon-Israel border" joins two places; "Wal-Mart" is one name."""
    match = _HYPHENATED_NAME.match(text[hit.span.end : hit.span.end + 40])
    return bool(match) and any(is_strong(place) for place in gazetteer.candidates(match.group(1)))


def is_capital(place: Place) -> bool:
    return CAPITAL_SOURCE_NOTE in place.source


def _only_towns(hit: Toponym) -> bool:
    """Every reading is a town too small to be a capital or a household name, so it may well be a surname."""
    return _only_cities(hit) and all(
        p.population < SURNAME_TOWN_POPULATION and not is_capital(p) for p in hit.candidates
    )


def _only_cities(hit: Toponym) -> bool:
    return all(p.kind == "city" and not p.id.startswith("supplement:") for p in hit.candidates)


def is_state_or_country(place: Place) -> bool:
    return place.kind == "country" or (place.kind == "region" and place.admin1 is not None)


def is_strong(place: Place) -> bool:
    """Places well known enough that a bare capitalised mention is evidence: not villages or minor districts."""
    if place.kind in ("country", "water", "site") or place.id.startswith("supplement:"):
        return True
    if place.kind == "region":
        return True
    return place.population >= SMALL_TOWN_POPULATION


def _is_unknown_capitalised(word: str, gazetteer: Gazetteer, demonyms: frozenset[str]) -> bool:
    """A capitalised word that is neither a function word, a place, a demonym nor a direction."""
    if not word[:1].isupper() or word.isupper() or word in demonyms:
        return False
    lowered = word.lower()
    if lowered in COMMON_WORDS or lowered.endswith(("ern", "ian", "ese", "ish")) or word.endswith("'s"):
        return False
    return not _is_known_place(word, gazetteer)


def _is_placeish(word: str, gazetteer: Gazetteer, strict: bool) -> bool:
    """Could `word` continue a place or organisation name rather than be a surname?"""
    if word in ORGANISATION_WORDS or word.lower() in PLACE_FEATURE_WORDS:
        return True
    return not strict and (_is_known_place(word, gazetteer) or word.lower() in COMMON_WORDS)


def _is_known_place(word: str, gazetteer: Gazetteer) -> bool:
    """A word that names a well-known place ("Syria"), not merely some hamlet that shares a surname ("Marlin")."""
    return any(is_strong(place) for place in gazetteer.candidates(word))


def _is_associative(text: str, hit: Toponym) -> bool:
    end = hit.span.end
    after = text[end : end + 30]
    hyphenated = _HYPHENATED_WORD.match(after)
    if hyphenated and hyphenated.group(1) in ASSOCIATIVE_SUFFIXES:
        return True
    possessive = _POSSESSIVE_NOUN.match(after)
    if possessive and possessive.group(1).lower() in INSTITUTION_NOUNS:
        return True
    verb = _NEXT_WORD.match(after)
    if not verb or verb.group(1) not in SPEECH_VERBS:
        return False
    # "commanders in Anbar said": the place is where the speakers are, not the speaker.
    return previous_word(text, hit.span.start).lower() not in LOCATIVE_WORDS
