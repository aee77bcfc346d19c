"""Turn actor mentions into link nodes and give link rules positional look-ups inside one sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from flashpoint.model import Span


class MentionLike(Protocol):
    """What the link rules need from an actor mention."""

    name: str
    span: Span
    form: str
    agentive: bool


class EntryLike(Protocol):
    """What the link rules need from a dictionary entry."""

    kind: str
    sponsors: tuple[str, ...]
    affiliation: str | None


@dataclass(frozen=True)
class LinkNode:
    """A mention as the rules see it: persons replaced by the actor they speak for."""

    name: str
    start: int
    end: int
    agentive: bool
    generic: bool
    person: bool = False
    inside_generic: bool = False
    speaker: bool = False


@dataclass(frozen=True)
class Trigger:
    """A rule's pattern and the words one of which every match contains (a cheap test before the scan)."""

    pattern: re.Pattern[str]
    words: frozenset[str]


STRONG_BACKING = "backed|sponsored|funded|armed|supported|financed|trained|equipped|bankrolled"
# "allied" is left out on purpose: an ally is not a sponsor.
_WEAK_BACKING = "aligned|affiliated|linked|controlled"
# The characters HYPHEN_BACKING can start with: testing the next character spares most pattern calls.
HYPHENS = frozenset("-‑–")
HYPHEN_BACKING = re.compile(rf"^[-‑–]\s*(?:({STRONG_BACKING})|({_WEAK_BACKING}))\b", re.IGNORECASE)
_ASIDE = re.compile(r"^\s*,\s*(?:an?|the|another|one|which|who)\b[^,]*\b(?:by|of|with)\s+(?:the\s+)?$")
# Spaces only: a headline's last word is not the speaker of the next paragraph.
_SPEAKER_AFTER = re.compile(
    r"^(?:[^\S\n]+[\w-]+){0,3}?[^\S\n]+(?:said|says|say|reported|reports|told|announced|confirmed|added|stated|quoted)\b"
)
_SHIP = re.compile(r"\b(?P<prefix>USS|HMS)\s+[A-Z][a-z]+")
_SHIP_STATES = {"USS": "United States", "HMS": "United Kingdom"}
_DIRECTION = r"(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?"
# Between a verb and a state named as a place that is still its target: "struck before in Iran", "fired into Israel".
_BARE_LOCATIVE_GAP = re.compile(
    rf"\s+(?:(?:\w+ly|before|again|twice|once|there|also)\s+)*(?:(?:in|inside|into)\s+)?(?:the\s+)?{_DIRECTION}"
)
# Where the object of a verb ends: a comma, or a clause giving a reason or time ("in reprisal for", "after").
_CLAUSE_END = re.compile(
    r"[,;]|\b(?:in\s+(?:reprisal|retaliation|response|revenge)\s+(?:for|to)|in\s+(?:support|solidarity)\s+(?:of|with)|after|following|because|amid|since|"
    r"while|when|until|which|who|(?<!such\s)(?<!well\s)as)\b"
)
# A person stands for the group they belong to only when named right after the verb ("killed commander X").
_PERSON_REACH = 40
_IN_BEFORE = re.compile(rf"\b(?:in|inside|into)\s+(?:the\s+)?{_DIRECTION}$")
_CITY_TARGET_BEFORE = re.compile(
    r"\b(?:at|on|toward|towards|into|target(?:ed|ing|s)?|against|struck|hit|hitting|bombed|shelled|pounded|attacked)\s+"
    rf"(?:the\s+)?{_DIRECTION}(?:(?:[A-Z][a-z]+\s+)?(?:city|town|port|port\s+city|southern\s+city|northern\s+city)\s+of\s+)?$"
)
LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+|/)(?:the\s+)?$")
MAX_GAP = 120


def word_forms(stems: str, irregular: str = "") -> frozenset[str]:
    """Every inflection a trigger pattern can match, for a quick word-set test before the pattern runs."""
    forms = {stem + ending for stem in stems.split() for ending in ("", "s", "es", "ed", "d", "ing")}
    return frozenset(forms | set(irregular.split()))


_SENTENCE_WORDS = re.compile(r"[a-z]+")


def build_nodes(
    text: str,
    mentions: Sequence[MentionLike],
    entries: Mapping[str, EntryLike],
    affiliations: Mapping[str, str],
    actor_names: set[str],
    generic_name: str,
) -> list[LinkNode]:
    nodes = []
    generic_spans = [mention.span for mention in mentions if mention.name == generic_name]
    for mention in mentions:
        name = mention.name
        start, end = mention.span.start, mention.span.end
        person = mention.form in {"person", "titled"}
        if person:
            entry = entries.get(name)
            name = affiliations.get(name) or (entry.affiliation if entry else None) or ""
        city_target = False
        if not mention.agentive:
            # A state named as a place can still be a target ("struck before in Iran"), other non-actor uses cannot.
            before = text[max(0, start - 40) : start]
            # A town is a target for its state only right after an attack word ("rockets at Haifa").
            city_target = mention.form == "city" and bool(_CITY_TARGET_BEFORE.search(before))
            if not city_target and not (mention.form == "place" and _IN_BEFORE.search(before)):
                continue
        if name in actor_names:
            # A sponsor inside a description ("Iran-backed groups", "the Iran-backed group") backs; it does not act.
            inside = name != generic_name and (
                any(span.start <= start and end <= span.end for span in generic_spans)
                or (text[end : end + 1] in HYPHENS and bool(HYPHEN_BACKING.match(text[end : end + 20])))
            )
            speaker = bool(_SPEAKER_AFTER.match(text[end : end + 40])) or text[
                max(0, start - 14) : start
            ].lower().endswith(("according to ", "according to the "))
            nodes.append(
                LinkNode(
                    name,
                    mention.span.start,
                    mention.span.end,
                    mention.agentive or city_target,
                    name == generic_name,
                    person,
                    inside,
                    speaker,
                )
            )
    # A navy ship ("USS Carney") is not an actor, but an attack on it is an attack on its state.
    for match in _SHIP.finditer(text) if ("USS " in text or "HMS " in text) else ():
        state = _SHIP_STATES[match.group("prefix")]
        if state in actor_names:
            nodes.append(LinkNode(state, match.start(), match.end(), True, False))
    return sorted(nodes, key=lambda node: node.start)


class SentenceView:
    """Positional look-ups over one sentence's nodes, which must come in text order."""

    def __init__(self, text: str, sentence: Span, nodes: list[LinkNode], earlier: list[LinkNode] = ()) -> None:
        self.earlier = earlier
        self.text = text
        self.sentence = sentence
        # A sponsor inside a collective name ("Iran" in "Iran-backed groups") only takes part in backing rules.
        # Callers pass slices of the article's nodes, which build_nodes returns in text order.
        self.all_nodes = list(nodes)
        self.nodes = [node for node in self.all_nodes if not node.inside_generic]
        self.body = text[sentence.start : sentence.end]
        self.words = set(_SENTENCE_WORDS.findall(self.body.lower()))

    def matches(self, trigger: Trigger) -> Sequence[tuple[int, int]]:
        """Absolute spans of the trigger's matches in this sentence."""
        if trigger.words.isdisjoint(self.words):
            # Most sentences hold none of a rule's trigger words: skip the scan, and the cost of a generator.
            return ()
        offset = self.sentence.start
        return [(offset + match.start(), offset + match.end()) for match in trigger.pattern.finditer(self.body)]

    def before(self, position: int, limit: int = MAX_GAP) -> LinkNode | None:
        lowest = position - limit
        agentive = [node for node in self.nodes if node.agentive and lowest <= node.end <= position]
        # "Nujaba, a group backed by Tehran, warned...": the sponsor inside the aside is not the subject.
        while (
            len(agentive) > 1
            and _ASIDE.match(self.text[agentive[-2].end : agentive[-1].start])
            and "," in self.text[agentive[-1].end : position]
        ):
            agentive.pop()
        return agentive[-1] if agentive else None

    def after(
        self, position: int, limit: int = MAX_GAP, agentive_only: bool = False, within_clause: bool = True
    ) -> LinkNode | None:
        # Within the limit and before any semicolon, in one pass: this runs for every verb and noun a rule tries.
        highest = position + limit
        stop = self.text.find(";", position, self.sentence.end)
        if 0 <= stop <= highest:
            highest = stop - 1
        candidates = [
            node for node in self.nodes if position <= node.start <= highest and (node.agentive or not agentive_only)
        ]
        if not candidates:
            return None
        # Who says something is not its target ("..., US Central Command said"); a state named as a place is a
        # target only right after the verb ("has struck before in Iran"), not in "targets in Iraq".
        candidates = [
            node
            for node in candidates
            if not node.speaker and (node.agentive or _BARE_LOCATIVE_GAP.fullmatch(self.text[position : node.start]))
        ]
        if not candidates:
            return None
        # A named actor in the same clause first; else a place ("struck in Iran") or a person named right there.
        clause_end = _CLAUSE_END.search(self.text, position, self.sentence.end)
        limit = clause_end.start() if clause_end and within_clause else self.sentence.end
        in_clause = [node for node in candidates if node.start < limit]
        named = [node for node in in_clause if node.agentive and not node.person]
        if named:
            return named[0]
        close = [node for node in in_clause if not node.person or node.start - position <= _PERSON_REACH]
        return min(close, key=lambda node: (node.person, node.start)) if close else None

    def coordinated(self, node: LinkNode, direction: int) -> list[LinkNode]:
        """The node and the nodes joined to it by commas/and/or on one side ("Hamas, PIJ and Hezbollah")."""
        group = [node]
        index = self.nodes.index(node)
        while 0 <= index + direction < len(self.nodes):
            neighbour = self.nodes[index + direction]
            left, right = (neighbour, group[-1]) if direction < 0 else (group[-1], neighbour)
            if not LIST_GAP.match(self.text[left.end : right.start]) or not neighbour.agentive:
                break
            group.append(neighbour)
            index += direction
        return group

    def gap(self, start: int, end: int) -> str:
        return self.text[start:end]


def pairs(sources: list[LinkNode], targets: list[LinkNode], relation: str) -> Iterator[tuple[str, str, str]]:
    for source in sources:
        for target in targets:
            yield source.name, target.name, relation


def both_ways(first: LinkNode, second: LinkNode) -> Iterator[tuple[str, str, str]]:
    yield first.name, second.name, "attacks"
    yield second.name, first.name, "attacks"
