"""The rules that keep, qualify or reject a matched place name by its neighbours: persons, organisations, cues."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flashpoint.gazetteer import Gazetteer
from flashpoint.model import Span
from flashpoint.place_traits import is_strong
from flashpoint.text_lines import Lines, is_sentence_start, is_title_case_line, next_word, previous_word
from flashpoint.toponym_words import (
    ASSOCIATIVE_SUFFIXES,
    COMMON_WORDS,
    GIVEN_NAME_PLACES,
    GIVEN_NAMES,
    INSTITUTION_NOUNS,
    LOCATIVE_WORDS,
    NAMED_BODY_WORDS,
    ORGANISATION_WORDS,
    PLACE_FEATURE_WORDS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SHIP_PREFIXES,
    SPEECH_VERBS,
    STREET_WORDS,
    TITLES,
)

if TYPE_CHECKING:
    from flashpoint.toponyms import Toponym

# Two- and three-letter village names ("Li", "Bo") are far more often syllables of other names.
SHORTEST_WEAK_NAME = 4

_BARE_TITLES = frozenset(title.rstrip(".") for title in TITLES)
_ARTICLE_BEFORE = re.compile(r"(?:\b[AaEe]l[-‑ ]|\b(?:[Aa][dnrstz]|[Aa]sh)[-‑])$")
_ARTICLE_JOINS = "-‑ "
_ARTICLE_ENDS = "ldnrstzh"
_CAPITALISED_RUN_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]* ){1,3})$")
_HYPHENS = ("-", "‑")
_APOSTROPHES = ("'", "’")
_HYPHEN_CAPITAL = re.compile(r"[-‑][A-Z]")
_MORE_NAME = re.compile(r" (?:of )?[A-Z]")
_HYPHENATED_NAME = re.compile(r"[-‑]([A-Z][\w']*)")
_HYPHENATED_WORD = re.compile(r"[-‑]([a-z]+)")
_POSSESSIVE_NOUN = re.compile(r"['’]s? (\w+)")
_NEXT_WORD = re.compile(r" (\w+)")
_COUNTY_KEYS = (" county", " parish")
# Up to three capitalised words after a name, the last of which may be an organisation word.
_CAPITALISED_WORDS_AFTER = re.compile(r"(?: [A-Z][\w'’]*){2,3}")
_PERSON_PARTICLE = re.compile(r" (?:[Aa]l|[Ee]l|bin|ibn|Abu|abu)[-‑ ][A-Z]")
_AGE_AFTER_NAME = re.compile(r" [A-Z][\w'’-]+, \d{1,3}[,)]")


def apply_context_rules(
    text: str, hits: list[Toponym], gazetteer: Gazetteer, demonyms: frozenset[str] = frozenset()
) -> list[Toponym]:
    """Keep the mentions that name places, flag associative ones, drop persons, organisations and stray words."""
    lines = Lines(text)
    person_keys: set[str] = set()
    kept: list[Toponym] = []
    line_numbers = [lines.index(hit.span.start) for hit in hits]
    verdicts = [
        _judge(text, hit, gazetteer, lines.lines[line], demonyms) for hit, line in zip(hits, line_numbers, strict=True)
    ]
    for position, (hit, verdict) in enumerate(zip(hits, verdicts, strict=True)):
        line = line_numbers[position]
        if verdict == "person":
            # Countries and states are too well known to be dropped everywhere for one "Israel Katz".
            if not hit.traits.state_or_country:
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
        if in_header and not hit.traits.state_or_country:
            # Page furniture ("Share", "Save", an outlet's home town) is not where anything happened.
            continue
        literal = verdict == "literal" and not in_header
        kept.append(_with_article(text, hit, literal))
    # A name once seen as a person's surname is that person everywhere in the article ("Austin said").
    return [hit for hit in kept if hit.demonym or hit.key not in person_keys]


def _states_its_container(text: str, hit: Toponym, following: Toponym, verdict: str) -> bool:
    """True for "Bellmore, N.Y." or "Kerman, Iran": a state or country right after a comma."""
    gap = text[hit.span.end : following.span.start]
    return gap.strip() == "," and verdict not in ("reject", "person", "weak") and following.traits.state_or_country


def _with_article(text: str, hit: Toponym, literal: bool) -> Toponym:
    start = hit.span.start
    # Cheap look at the two characters before the name first: most names have no article in front.
    if not hit.demonym and start >= 2 and text[start - 1] in _ARTICLE_JOINS and text[start - 2] in _ARTICLE_ENDS:
        article = _ARTICLE_BEFORE.search(text[max(0, start - 4) : start])
        if article:
            start -= len(article.group())
    if start == hit.span.start and literal == hit.literal:
        return hit
    return hit._replace(span=Span(start, hit.span.end), surface=text[start : hit.span.end], literal=literal)


def _judge(text: str, hit: Toponym, gazetteer: Gazetteer, line: str, demonyms: frozenset[str]) -> str:
    """'literal', 'associative', 'weak' (needs a cue), 'organisation', 'person' or 'reject'."""
    previous = previous_word(text, hit.span.start)
    following = next_word(text, hit.span.end)
    if _after_title_or_given_name(previous) or (
        previous[:1].isupper() and _ends_person_name(text, hit.span.start, line)
    ):
        return "person"
    if hit.demonym:
        return "associative"
    verdict = _name_part_verdict(text, hit, gazetteer, previous, following, line, demonyms)
    if verdict is None and not hit.traits.strong:
        verdict = _weak_verdict(text, hit, previous, following)
    if verdict is not None:
        return verdict
    return "associative" if _is_associative(text, hit, previous) else "literal"


def _after_title_or_given_name(previous: str) -> bool:
    """ "USS Carney", "Secretary Austin", "Lloyd Austin"."""
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


def _name_part_verdict(
    text: str,
    hit: Toponym,
    gazetteer: Gazetteer,
    previous: str,
    following: str,
    line: str,
    demonyms: frozenset[str],
) -> str | None:
    """Is the mention part of a longer proper name: an organisation, a person, a compound like "Wal-Mart"?"""
    traits = hit.traits
    if following in ORGANISATION_WORDS or _organisation_name_follows(text, hit.span.end, following):
        return "associative" if traits.country else "organisation"
    if following in STREET_WORDS and not traits.state_or_country and not hit.key.endswith(_COUNTY_KEYS):
        # "al-Rashid Street", "Atlantic Avenue": a street named after a place is not that place ("Douglas County
        # Road 4" is still in the county).
        return "reject"
    if not traits.state_or_country and (
        previous in ROLE_NOUNS or (not traits.strong and _PERSON_PARTICLE.match(text, hit.span.end))
    ):
        # "spokesman Basim al-Awadi": a role before, or an Arabic name's particle after, makes a small town a person.
        return "person"
    if following[:1].isupper() and not traits.state_or_country and _AGE_AFTER_NAME.match(text, hit.span.end):
        # "Shlomi Ziv, 41,": a name and surname with an age are a person.
        return "person"
    bare_previous = previous.rstrip(".,")
    after_name = (
        previous[:1].isupper()
        and previous == bare_previous
        and all(part[:1].isupper() and part.isalpha() for part in bare_previous.split("-"))
        and _is_unknown_capitalised(bare_previous, gazetteer, demonyms)
    )
    if after_name and not is_title_case_line(line):
        # "Ronnie Nelson": a town's name after an unknown capitalised word is a surname, here and further on.
        weak = not traits.strong
        given_name_place = hit.key in GIVEN_NAME_PLACES and not traits.state_or_country
        return "person" if weak or traits.only_towns or given_name_place else "reject"
    following_capitalised = following[:1].isupper()
    given_name = following_capitalised and (hit.key in GIVEN_NAME_PLACES or hit.surface in GIVEN_NAMES)
    if given_name and not _is_placeish(following, gazetteer, hit.surface in GIVEN_NAMES):
        # "Israel Katz said" is a person; "Georgia Public Service Commission" an organisation named for the state.
        if _ends_name(text, hit.span.end + 1 + len(following)):
            return "reject" if traits.state_or_country else "person"
        return "associative" if traits.state_or_country else "organisation"
    end = hit.span.end
    if (
        text[end : end + 1] in _HYPHENS
        and _HYPHEN_CAPITAL.match(text, end)
        and not _hyphen_joins_places(text, hit, gazetteer)
    ):
        return "reject"
    if traits.only_towns and following in REPORTING_VERBS and bare_previous.lower() not in LOCATIVE_WORDS:
        return "person"
    if (
        following_capitalised
        and traits.only_cities
        and not hit.surface.isupper()
        and not _is_placeish(following, gazetteer, strict=False)
        and not is_title_case_line(line)
    ):
        return "organisation" if traits.strong else "reject"
    return None


def _organisation_name_follows(text: str, end: int, following: str) -> bool:
    """ "Kurdistan Workers' Party", "Gold Apollo Company": capitalised words up to a party's, army's or firm's."""
    if not following[:1].isupper():
        return False
    words = _CAPITALISED_WORDS_AFTER.match(text, end, end + 60)
    return bool(words) and any(word.strip("'’") in NAMED_BODY_WORDS for word in words.group().split()[1:])


def _weak_verdict(text: str, hit: Toponym, previous: str, following: str) -> str | None:
    """A village's name alone is weak evidence: most such capitalised words name people or things."""
    bare_previous = previous.rstrip(".,")
    if bare_previous.lower() in LOCATIVE_WORDS:
        return None
    if following in REPORTING_VERBS or bare_previous in REPORTING_VERBS:
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


def _is_associative(text: str, hit: Toponym, previous: str) -> bool:
    end = hit.span.end
    after = text[end : end + 1]
    # Each cue starts with its own character (hyphen, apostrophe, space), so one look picks the rule to try.
    if after in _HYPHENS:
        hyphenated = _HYPHENATED_WORD.match(text, end, end + 30)
        return bool(hyphenated) and hyphenated.group(1) in ASSOCIATIVE_SUFFIXES
    if after in _APOSTROPHES:
        possessive = _POSSESSIVE_NOUN.match(text, end, end + 30)
        return bool(possessive) and possessive.group(1).lower() in INSTITUTION_NOUNS
    verb = _NEXT_WORD.match(text, end, end + 30)
    if not verb or verb.group(1) not in SPEECH_VERBS:
        return False
    # "commanders in Anbar said": the place is where the speakers are, not the speaker.
    return previous.lower() not in LOCATIVE_WORDS
