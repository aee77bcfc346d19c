"""Find the states, groups, organisations and people an article names, merge their aliases and attach links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from flashpoint import actor_context
from flashpoint.links import find_links
from flashpoint.model import Actor, ActorLink, Span

DEFAULT_DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"
GENERIC_ACTOR = "Iran-backed militias"
GENERIC_SPONSOR = "Iran"
# Forms that name a state only in some contexts ("in Iraq" is a place, "Iraq said" an actor).
CONTEXT_FORMS = frozenset({"place", "demonym", "capital"})
# Acronyms that are also common English words written in capitals ("IS", "WHO"); rejected inside all-caps lines.
AMBIGUOUS_ACRONYMS = frozenset({"IS", "WHO"})
# Titles before a name that mark the name as a person.
_TITLE = (
    r"(?:President|Vice President|Prime Minister|Premier|Defen[cs]e Secretary|Secretary of State|"
    r"Secretary of Defen[cs]e|Foreign Secretary|Foreign Minister|Defen[cs]e Minister|Interior Minister|Minister|"
    r"Secretary|Ambassador|Envoy|"
    r"[Ss]pokes(?:man|woman|person)|Brig\.\s*Gen\.|Maj\.\s*Gen\.|Lt\.\s*Gen\.|Lt\.\s*Col\.|Gen\.|Col\.|Adm\.|"
    r"Rear Adm\.|Vice Adm\.|Capt\.|Sen\.|Rep\.|Senator|Congress(?:wo)?man|Rear Admiral|Vice Admiral|Admiral|"
    r"Brigadier General|Major General|General|Colonel|Ayatollah|Sheikh|Sayyed|Emir|Crown Prince|"
    r"chief|leader|commander|official|Speaker|Chancellor|King)"
)
_TITLE_WORD = re.compile(_TITLE)
_NAME_WORD = r"(?:(?:al|el|bin|ibn|abu|Abu)-?\s?)?[A-Z][a-zA-Z'’-]+"
_PERSON = re.compile(rf"\b{_TITLE}\s+({_NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{_NAME_WORD}){{0,3}})")
# Named groups the dictionary does not know: "the Martyrs Brigades", "Saraya Awliya al-Dam".
_GROUP_HEADS = {
    "Brigades": "armed_group",
    "Brigade": "armed_group",
    "Battalions": "armed_group",
    "Battalion": "armed_group",
    "Militia": "armed_group",
    "Legion": "armed_group",
    "Movement": "political_group",
    "Front": "armed_group",
}
_UNKNOWN_GROUP = re.compile(
    r"\b((?:(?:al-|Al-)?[A-Z][a-zA-Z'’-]+\s+(?:(?:of|for)\s+(?:the\s+)?)?){1,4}(" + "|".join(_GROUP_HEADS) + r"))\b"
    r"|\b((?:Saraya|Liwa|Kataib|Kata'ib|Harakat|Jaish|Jaysh|Faylaq|Asaib|Ansar)\s+(?:(?:al|el)-)?[A-Z][a-zA-Z'’-]+"
    r"(?:\s+(?:(?:al|el)-)?[A-Z][a-zA-Z'’-]+){0,2})"
)
# Last words that make a capitalised phrase after a title an institution, not a person.
_NOT_PERSON_WORDS = frozenset(
    "Agency News Council Ministry Forces Army Guards Brigades Command Department Office Media Movement Party".split()
)
_UNKNOWN_GROUP_WORDS = (
    *_GROUP_HEADS,
    "Saraya",
    "Liwa",
    "Kata",
    "Harakat",
    "Jaish",
    "Jaysh",
    "Faylaq",
    "Asaib",
    "Ansar",
)
_DIRECTION_WORDS = frozenset("Northern Southern Eastern Western Central North South East West Home".split())
_NOT_GROUP_WORDS = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "His", "Her", "Our", "In", "On", "At"})
_ADJ = (
    r"(?:(?:Iraqi|Syrian|Shiite|Shia|Shi'ite|Islamist|armed|militant|paramilitary|proxy|terrorist|allied|local)\s+)"
    r"{0,2}"
)
_NOUN = (
    r"(?:militia\s+groups|militias?|armed\s+groups|groups|militants|proxies|proxy\s+groups|proxy\s+forces|fighters|"
    r"factions|paramilitar(?:y|ies)|forces|terrorists)"
)
_HYPHEN = r"[-‑–\s]"
# Collective phrases that start at the sponsor's name ("Iran-backed groups", "pro-Iran militias", "Iran's proxies").
_GENERIC_FORWARD = re.compile(
    rf"(?:Iran|Iranian|Tehran){_HYPHEN}(?:backed|aligned|sponsored|affiliated|linked|allied|supported|funded|armed|"
    rf"controlled|led){_HYPHEN}?\s*{_ADJ}{_NOUN}\b"
    rf"|pro{_HYPHEN}(?:Iran|Iranian|Tehran)\s+{_ADJ}{_NOUN}\b"
    rf"|(?:Iranian|Iran['’]s|Tehran['’]s|Iran)\s+{_ADJ}(?:proxies|proxy\s+(?:militias|groups|forces|network))\b"
    r"|(?:Iran|Tehran)\s+and\s+(?P<its>its\s+(?:proxies|proxy\s+\w+|allied\s+militias))\b",
    re.IGNORECASE,
)
# Collective phrases that end at the sponsor's name ("militia groups backed by Iran", "proxies of Tehran").
_GENERIC_BACKWARD = re.compile(
    rf"\b(?:{_ADJ}(?:militias?|militia\s+groups|armed\s+groups|groups|militants|fighters|factions|proxies)\s+"
    r"(?:backed|sponsored|supported|funded|armed|aligned|allied|trained)\s+(?:by|with)|prox(?:y|ies)\s+of)\s+$",
    re.IGNORECASE,
)
# How far around a sponsor mention a collective phrase may reach ("militia groups backed by Iran").
_GENERIC_REACH = 60
# "Kataib Hezbollah, an Iraqi militia backed by Iran": a description of the group just named.
_APPOSITIVE_BEFORE = re.compile(r",\s*(?:an?|the|one)\s+$")
_BARE_GENERIC = re.compile(
    r"\b(?:(Iraqi|Syrian|Shiite|Shia)\s+)?(?:proxy\s+militias|militia\s+groups|militias|militia|proxies)\b"
)


@dataclass(frozen=True)
class ActorEntry:
    """One dictionary actor: canonical name, kind, known sponsors and where the facts come from."""

    name: str
    kind: str
    sponsors: tuple[str, ...] = ()
    source: str = ""
    affiliation: str | None = None


@dataclass(frozen=True)
class ActorMention:
    """One place in the text that names an actor; `agentive` is False where a state's name only names a place."""

    name: str
    span: Span
    surface: str
    form: str
    agentive: bool = True


@dataclass(frozen=True)
class ActorDictionary:
    """The parsed dictionary: entries by canonical name and an Aho-Corasick automaton over folded surface forms."""

    entries: dict[str, ActorEntry]
    # Forms are matched with their case ("US" is not "us", "Foreign Office" not "foreign office").
    forms: dict[str, tuple[tuple[str, str], ...]]
    automaton: Any


def _case_variants(alias: str) -> set[str]:
    """The alias as written, in headline title case ("Houthi Rebels") and, when long, shouted ("HEZBOLLAH")."""
    variants = {alias, " ".join(word[:1].upper() + word[1:] for word in alias.split(" "))}
    if len(alias) > 4:
        variants.add(alias.upper())
    return variants


def load_actor_dictionary(path: Path | None = None) -> ActorDictionary:
    """Parse the curated actor dictionary (default data/actors.yaml) into entries and a matcher."""
    raw = yaml.safe_load((path or DEFAULT_DICTIONARY_PATH).read_text(encoding="utf-8"))
    entries: dict[str, ActorEntry] = {}
    forms: dict[str, list[tuple[str, str]]] = {}

    def add(surface: str, name: str, form: str) -> None:
        for key in _case_variants(actor_context.unify(surface)):
            options = forms.setdefault(key, [])
            if (name, form) not in options:
                options.append((name, form))

    for item in raw.get("actors", []):
        name = item["name"]
        entries[name] = ActorEntry(name, item["kind"], tuple(item.get("sponsors") or ()), item.get("source", ""))
        for form, key in (("alias", "aliases"), ("place", "place_names"), ("demonym", "demonyms")):
            # A state's own name is among its place names, read in context; other actors' names always count.
            own_name = [name] if form == "alias" and not item.get("place_names") and not item.get("collective") else []
            for surface in own_name + list(item.get(key) or ()):
                add(surface, name, form)
        for capital in item.get("capitals") or ():
            add(capital, name, "capital")
        for anaphor in item.get("anaphors") or ():
            add(anaphor, name, "anaphor")
    for item in raw.get("persons", []):
        entries[item["name"]] = ActorEntry(item["name"], "person", affiliation=item.get("affiliation"))
        for surface in [item["name"], *item.get("aliases", [])]:
            add(surface, item["name"], "person")
    return ActorDictionary(entries, {key: tuple(value) for key, value in forms.items()}, _automaton(forms))


def _automaton(forms: dict[str, list[tuple[str, str]]]) -> Any:
    automaton = ahocorasick.Automaton()
    for key in forms:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


class ActorExtractor:
    """Finds actor mentions with a dictionary and context rules, merges them per actor, and finds links."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary

    def find_actor_mentions(self, text: str) -> list[ActorMention]:
        """Every actor mention in `text`, in order; state names used as places come back with agentive=False."""
        candidates = self._dictionary_candidates(text) + self._person_candidates(text)
        candidates += self._unknown_group_candidates(text)
        chosen = _leftmost_longest(candidates)
        named = {mention.name for mention in chosen if mention.form not in {"anaphor", "person"}}
        chosen = [mention for mention in chosen if mention.form != "anaphor" or mention.name in named]
        mentions = actor_context.classify(text, chosen)
        mentions += self._generic_mentions(text, mentions)
        return sorted(mentions, key=lambda mention: (mention.span.start, -mention.span.end))

    def extract(self, text: str, sentences: list[Span]) -> tuple[tuple[Actor, ...], tuple[ActorLink, ...]]:
        """The article's actors (aliases merged, mentions in order) and the links its sentences state."""
        header = actor_context.header_zone(text)
        mentions = [
            mention for mention in self.find_actor_mentions(text) if not header[0] <= mention.span.start < header[1]
        ]
        affiliations = _affiliations(text, mentions)
        actors = self._merge([mention for mention in mentions if mention.agentive], affiliations)
        entries = dict(self.dictionary.entries)
        entries.update({actor.name: ActorEntry(actor.name, actor.kind) for actor in actors if not actor.in_dictionary})
        links = find_links(text, sentences, mentions, entries, GENERIC_ACTOR, GENERIC_SPONSOR, affiliations)
        return actors, links

    def _dictionary_candidates(self, text: str) -> list[ActorMention]:
        found: list[ActorMention] = []
        forms = self.dictionary.forms
        matched = actor_context.unify(text)
        for end_index, key in self.dictionary.automaton.iter(matched):
            start, end = end_index - len(key) + 1, end_index + 1
            if (start > 0 and matched[start - 1].isalnum()) or (end < len(matched) and matched[end].isalnum()):
                continue
            surface = text[start:end]
            if surface in AMBIGUOUS_ACRONYMS and actor_context.in_capitals_line(text, start):
                continue
            found.extend(ActorMention(name, Span(start, end), surface, form) for name, form in forms[key])
        return found

    def _person_candidates(self, text: str) -> list[ActorMention]:
        found = []
        for match in _PERSON.finditer(text):
            name = " ".join(match.group(1).split())
            words = name.split()
            if words[0] in _NOT_GROUP_WORDS or words[-1] in _NOT_PERSON_WORDS or (len(words) == 1 and name.isupper()):
                continue
            found.append(ActorMention(name, Span(match.start(1), match.end(1)), match.group(1), "titled"))
        return found

    def _unknown_group_candidates(self, text: str) -> list[ActorMention]:
        found: list[ActorMention] = []
        if not any(word in text for word in _UNKNOWN_GROUP_WORDS):
            return found  # a substring test spares the pattern scan in most articles
        for match in _UNKNOWN_GROUP.finditer(text):
            surface = match.group(1) or match.group(3)
            start = match.start(1) if match.group(1) else match.start(3)
            words = surface.split()
            while words and words[0] in _NOT_GROUP_WORDS:
                start += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2 or actor_context.in_capitals_line(text, start) or words[0] in _DIRECTION_WORDS:
                continue  # "Southern Front", "Northern Command": a front line, not a group
            name = " ".join(words)
            found.append(ActorMention(name, Span(start, start + len(" ".join(words))), name, "pattern"))
        return found

    @staticmethod
    def _generic_phrases(text: str, mentions: list[ActorMention]) -> list[tuple[int, int]]:
        """Collective phrases around each mention of the sponsor; scanning only there keeps the search cheap."""
        found: set[tuple[int, int]] = set()
        for mention in mentions:
            if mention.name != GENERIC_SPONSOR or mention.form not in CONTEXT_FORMS:
                continue
            start, end = mention.span.start, mention.span.end
            forward = _GENERIC_FORWARD.match(text, max(0, start - 4)) or _GENERIC_FORWARD.match(text, start)
            if forward is not None and forward.start() <= start:
                found.add(forward.span("its") if forward.group("its") else forward.span())
            if text[max(0, start - 6) : start].rstrip().endswith(("by", "with", "of")):
                preceding = max(0, start - _GENERIC_REACH)
                backward = _GENERIC_BACKWARD.search(text, preceding, start)
                if backward is not None:
                    found.add((backward.start(), end))
        return sorted(found)

    def _generic_mentions(self, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        named = [mention for mention in mentions if mention.form in {"alias", "pattern"}]
        named_starts = {mention.span.start for mention in named}
        named_ends = {mention.span.end for mention in named}
        generic: list[ActorMention] = []
        for start, end in self._generic_phrases(text, mentions):
            # "Iran-backed militia Kataib Hezbollah" names its group: the collective name is only a description.
            if named_starts.intersection(range(end, end + 3)) or (
                _APPOSITIVE_BEFORE.search(text[max(0, start - 12) : start])
                and named_ends.intersection(range(start - 12, start))
            ):
                continue
            generic.append(ActorMention(GENERIC_ACTOR, Span(start, end), text[start:end], "generic"))
        sponsor_named = any(mention.name == GENERIC_SPONSOR and mention.agentive for mention in mentions)
        taken = [mention.span for mention in [*generic, *mentions]]
        for match in _BARE_GENERIC.finditer(text):
            qualified = match.group(1) is not None
            if not (generic or (qualified and sponsor_named)):
                continue
            if any(span.start < match.end() and match.start() < span.end for span in taken):
                continue
            generic.append(ActorMention(GENERIC_ACTOR, Span(match.start(), match.end()), match.group(0), "generic"))
        return generic

    def _merge(self, mentions: Iterable[ActorMention], affiliations: dict[str, str]) -> tuple[Actor, ...]:
        spans: dict[str, list[Span]] = {}
        forms: dict[str, str] = {}
        for mention in mentions:
            spans.setdefault(mention.name, []).append(mention.span)
            forms.setdefault(mention.name, mention.form)
        actors = []
        for name, name_spans in spans.items():
            entry = self.dictionary.entries.get(name)
            if entry is not None:
                affiliation = affiliations.get(name, entry.affiliation)
                actors.append(Actor(name, entry.kind, tuple(name_spans), True, affiliation))
            elif forms[name] == "titled":
                actors.append(Actor(name, "person", tuple(name_spans), False, affiliations.get(name)))
            else:
                actors.append(Actor(name, _guess_kind(name), tuple(name_spans), False))
        return tuple(actors)


def _affiliations(text: str, mentions: list[ActorMention]) -> dict[str, str]:
    """Persons' affiliations from the actor named just before their title ("Israeli Prime Minister X")."""
    found: dict[str, str] = {}
    for previous, mention in pairwise(mentions):
        if (
            mention.form in {"person", "titled"}
            and previous.form not in {"person", "titled", "generic"}
            and (previous.agentive or previous.form == "demonym")
            and actor_context.is_title_gap(text[previous.span.end : mention.span.start])
            and _TITLE_WORD.search(text[previous.span.end : mention.span.start])
        ):
            found.setdefault(mention.name, previous.name)
    return found


def _guess_kind(name: str) -> str:
    head = name.split()[-1]
    return _GROUP_HEADS.get(head, "armed_group")


def _leftmost_longest(candidates: list[ActorMention]) -> list[ActorMention]:
    """Keep non-overlapping mentions, preferring the earliest start and then the longest span."""
    ordered = sorted(candidates, key=lambda mention: (mention.span.start, -mention.span.end, mention.form == "titled"))
    chosen: list[ActorMention] = []
    end = -1
    for mention in ordered:
        if mention.span.start >= end:
            chosen.append(mention)
            end = mention.span.end
        elif chosen and chosen[-1].form == "titled" and mention.span.end > end and mention.form != "titled":
            # A dictionary name reaching past a guessed person name is the better reading.
            chosen[-1] = mention
            end = mention.span.end
    return chosen
