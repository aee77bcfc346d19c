"""Find the actor phrases a dictionary cannot list: titled persons, unnamed collectives and unknown named groups."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from flashpoint.actor_context import in_capitals_line
from flashpoint.model import Span

GENERIC_ACTOR = "Iran-backed militias"
GENERIC_SPONSOR = "Iran"
# Forms that name a state only in some contexts ("in Iraq" is a place, "Iraq said" an actor).
CONTEXT_FORMS = frozenset({"place", "demonym", "capital"})
# Titles before a name that mark the name as a person; found with one Aho-Corasick pass, not a regex scan.
TITLES = tuple(
    (
        "President|Vice President|Prime Minister|Premier|Defense Secretary|Defence Secretary|"
        "Secretary of State|Secretary of Defense|Secretary of Defence|Foreign Secretary|Foreign Minister|"
        "Defense Minister|Defence Minister|Interior Minister|Minister|Secretary|Ambassador|Envoy|Spokesman|"
        "Spokeswoman|Spokesperson|spokesman|spokeswoman|spokesperson|Brig. Gen.|Maj. Gen.|Lt. Gen.|Lt. Col.|"
        "Gen.|Col.|Adm.|Rear Adm.|Vice Adm.|Capt.|Sen.|Rep.|Senator|Congressman|Congresswoman|Rear Admiral|"
        "Vice Admiral|Admiral|Brigadier General|Major General|General|Colonel|Ayatollah|Sheikh|Sayyed|Emir|"
        "Crown Prince|chief|leader|commander|official|Speaker|Chancellor|King"
    ).split("|")
)
TITLE_WORD = re.compile("|".join(re.escape(title) for title in sorted(TITLES, key=len, reverse=True)))
_TITLE_AUTOMATON = ahocorasick.Automaton()
for _title in TITLES:
    _TITLE_AUTOMATON.add_word(_title, _title)
_TITLE_AUTOMATON.make_automaton()
_NAME_WORD = r"(?:(?:al|el|bin|ibn|abu|Abu)-?\s?)?[A-Z][a-zA-Z'’-]+"
_NAME_AFTER_TITLE = re.compile(rf"\s+({_NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{_NAME_WORD}){{0,3}})")
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
    r"\b(?:(Iraqi|Syrian|Shiite|Shia)\s+)?(?:proxy\s+militias|militia\s+groups|militias|militia|proxies|"
    r"armed\s+factions)\b"
)


@dataclass(frozen=True)
class ActorMention:
    """One place in the text that names an actor; `agentive` is False where a state's name only names a place."""

    name: str
    span: Span
    surface: str
    form: str
    agentive: bool = True


def find_titled_persons(text: str) -> list[ActorMention]:
    """Names after a title (\"Defense Secretary Lloyd Austin\") as person mentions."""
    found: dict[int, ActorMention] = {}
    for end_index, title in _TITLE_AUTOMATON.iter(text):
        start = end_index - len(title) + 1
        if (start > 0 and text[start - 1].isalnum()) or (
            title[-1].isalpha() and text[end_index + 1 : end_index + 2].isalnum()
        ):
            continue
        match = _NAME_AFTER_TITLE.match(text, end_index + 1)
        if match is None or match.start(1) in found:
            continue
        name = " ".join(match.group(1).split())
        words = name.split()
        if words[0] in _NOT_GROUP_WORDS or words[-1] in _NOT_PERSON_WORDS or (len(words) == 1 and name.isupper()):
            continue
        found[match.start(1)] = ActorMention(name, Span(match.start(1), match.end(1)), match.group(1), "titled")
    return list(found.values())


def find_unknown_groups(text: str) -> list[ActorMention]:
    """Named groups the dictionary lacks (\"the Martyrs Brigades\", \"Saraya X\")."""
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
        if len(words) < 2 or in_capitals_line(text, start) or words[0] in _DIRECTION_WORDS:
            continue  # "Southern Front", "Northern Command": a front line, not a group
        name = " ".join(words)
        found.append(ActorMention(name, Span(start, start + len(" ".join(words))), name, "pattern"))
    return found


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


def find_generic_mentions(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """The collective \"Iran-backed militias\" where reports name no group."""
    named = [mention for mention in mentions if mention.form in {"alias", "pattern"}]
    named_starts = {mention.span.start for mention in named}
    named_ends = {mention.span.end for mention in named}
    generic: list[ActorMention] = []
    descriptions: list[Span] = []
    for start, end in _generic_phrases(text, mentions):
        # "Iran-backed militia Kataib Hezbollah" names its group: the collective name is only a description.
        if named_starts.intersection(range(end, end + 3)) or (
            _APPOSITIVE_BEFORE.search(text[max(0, start - 12) : start])
            and named_ends.intersection(range(start - 12, start))
        ):
            descriptions.append(Span(start, end))
            continue
        generic.append(ActorMention(GENERIC_ACTOR, Span(start, end), text[start:end], "generic"))
    sponsor_named = any(mention.name == GENERIC_SPONSOR and mention.agentive for mention in mentions)
    if not (generic or sponsor_named) or not any(word in text for word in ("militia", "prox", "factions")):
        return generic  # bare "militias" only stand for the collective once it or its sponsor is named
    # A demonym naming no actor ("Iraqi" in "Iraqi militias") does not block the collective phrase.
    taken = descriptions + [
        mention.span for mention in [*generic, *mentions] if mention.agentive or mention.form not in CONTEXT_FORMS
    ]
    for match in _BARE_GENERIC.finditer(text):
        qualified = match.group(1) is not None
        if not (generic or (qualified and sponsor_named)):
            continue
        if any(span.start < match.end() and match.start() < span.end for span in taken):
            continue
        generic.append(ActorMention(GENERIC_ACTOR, Span(match.start(), match.end()), match.group(0), "generic"))
    return generic


def guess_group_kind(name: str) -> str:
    head = name.split()[-1]
    return _GROUP_HEADS.get(head, "armed_group")
