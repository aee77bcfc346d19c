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
from flashpoint.actor_phrases import (
    GENERIC_ACTOR,
    GENERIC_SPONSOR,
    TITLE_WORD,
    ActorMention,
    find_generic_mentions,
    find_titled_persons,
    find_unknown_groups,
    guess_group_kind,
)
from flashpoint.errors import ActorDictionaryError
from flashpoint.links import find_links
from flashpoint.model import Actor, ActorLink, Span

DEFAULT_DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"
# Acronyms that are also common English words written in capitals ("IS", "WHO"); rejected inside all-caps lines.
AMBIGUOUS_ACRONYMS = frozenset({"IS", "WHO"})


@dataclass(frozen=True)
class ActorEntry:
    """One dictionary actor: canonical name, kind, known sponsors and where the facts come from."""

    name: str
    kind: str
    sponsors: tuple[str, ...] = ()
    source: str = ""
    affiliation: str | None = None
    # Words after an anaphor that identify the actor even when the article never names it in full.
    anaphor_context: re.Pattern[str] | None = None


@dataclass(frozen=True)
class ActorDictionary:
    """The parsed dictionary: entries by canonical name and an Aho-Corasick automaton over every surface form."""

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
    """Parse the curated actor dictionary (default data/actors.yaml) into entries and a matcher.

    Raises ActorDictionaryError naming the file and the reason when it is missing, unreadable or malformed.
    """
    source = path or DEFAULT_DICTIONARY_PATH
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise ActorDictionaryError(f"{source}: cannot read the actor dictionary ({error.strerror or error})") from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ActorDictionaryError(f"{source}: the actor dictionary is not valid YAML ({error})") from error
    try:
        return _parse_dictionary(raw)
    except (AttributeError, KeyError, TypeError) as error:
        raise ActorDictionaryError(f"{source}: malformed actor dictionary entry ({error!r})") from error


def _parse_dictionary(raw: Any) -> ActorDictionary:
    if not isinstance(raw, dict) or not isinstance(raw.get("actors"), list):
        raise TypeError("the file must hold a mapping with an 'actors' list")
    entries: dict[str, ActorEntry] = {}
    forms: dict[str, list[tuple[str, str]]] = {}

    def add(surface: str, name: str, form: str) -> None:
        for key in _case_variants(actor_context.unify(surface)):
            options = forms.setdefault(key, [])
            if (name, form) not in options:
                options.append((name, form))

    for item in raw.get("actors", []):
        name = item["name"]
        context = re.compile(item["anaphor_context"]) if item.get("anaphor_context") else None
        entries[name] = ActorEntry(
            name, item["kind"], tuple(item.get("sponsors") or ()), item.get("source", ""), anaphor_context=context
        )
        for form, key in (("alias", "aliases"), ("place", "place_names"), ("demonym", "demonyms")):
            # A state's own name is among its place names, read in context; other actors' names always count.
            own_name = [name] if form == "alias" and not item.get("place_names") and not item.get("collective") else []
            for surface in own_name + list(item.get(key) or ()):
                add(surface, name, form)
        for capital in item.get("capitals") or ():
            add(capital, name, "capital")
        for city in item.get("target_cities") or ():
            add(city, name, "city")
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
        candidates = self._dictionary_candidates(text) + find_titled_persons(text)
        candidates += find_unknown_groups(text)
        chosen = _leftmost_longest(candidates)
        named = {mention.name for mention in chosen if mention.form not in {"anaphor", "person"}}
        chosen = [
            mention for mention in chosen if mention.form != "anaphor" or self._anaphor_counts(text, mention, named)
        ]
        mentions = actor_context.classify(text, chosen)
        mentions += find_generic_mentions(text, mentions)
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

    def _anaphor_counts(self, text: str, mention: ActorMention, named: set[str]) -> bool:
        if mention.name in named:
            return True
        context = self.dictionary.entries[mention.name].anaphor_context
        return context is not None and context.match(text, mention.span.end) is not None

    def _dictionary_candidates(self, text: str) -> list[ActorMention]:
        found: list[ActorMention] = []
        forms = self.dictionary.forms
        matched = actor_context.unify(text)
        # Padded so the characters either side of a match can be read without bounds tests.
        padded = f" {matched} "
        for end_index, key in self.dictionary.automaton.iter(matched):
            start, end = end_index - len(key) + 1, end_index + 1
            if padded[start].isalnum() or padded[end + 1].isalnum():
                continue
            surface = text[start:end]
            if surface in AMBIGUOUS_ACRONYMS and actor_context.in_capitals_line(text, start):
                continue
            span = Span(start, end)
            for name, form in forms[key]:
                found.append(ActorMention(name, span, surface, form))
        return found

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
                actors.append(Actor(name, guess_group_kind(name), tuple(name_spans), False))
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
            and TITLE_WORD.search(text[previous.span.end : mention.span.start])
        ):
            found.setdefault(mention.name, previous.name)
    return found


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
