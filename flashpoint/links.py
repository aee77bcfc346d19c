"""Find directed supports/attacks links between actor mentions with word patterns inside one sentence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from flashpoint.model import ActorLink, Span


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
class _Node:
    """A mention as the rules see it: persons replaced by the actor they speak for."""

    name: str
    start: int
    end: int
    agentive: bool
    generic: bool
    person: bool = False
    inside_generic: bool = False
    speaker: bool = False


_STRONG_BACKING = "backed|sponsored|funded|armed|supported|financed|trained|equipped|bankrolled"
# "allied" is left out on purpose: an ally is not a sponsor.
_WEAK_BACKING = "aligned|affiliated|linked|controlled"
_HYPHEN_BACKING = re.compile(rf"^[-‑–]\s*(?:({_STRONG_BACKING})|({_WEAK_BACKING}))\b", re.IGNORECASE)
_PASSIVE_BACKING = re.compile(rf"\b(?:{_STRONG_BACKING})(?:\s+and\s+\w+)?\s+(?:\w+\s+)?by\s+(?:the\s+)?$")
_PASSIVE_BACKING_SEARCH = re.compile(rf"(?<![-‑–])\b(?:{_STRONG_BACKING})(?:\s+and\s+\w+)?\s+(?:\w+\s+)?by\b")
_ACTIVE_BACKING = re.compile(
    r"(?<![-‑–])\b(?:sponsors?|sponsoring|backs|arms|arming|funds|finances|financing|trains|equips|bankrolls|"
    r"supplies|supplying|sponsored|bankrolled)\b(?![^.;,]{0,25}\bby\b)"
    # Past forms double as adjectives ("armed wing", "trained fighters"): only with an object right after.
    r"|(?<![-‑–])\b(?:backed|funded|financed|armed|trained|equipped|supplied)\s+"
    r"(?=(?:the|a|an|its|their|various|several|many|dozens|militant|armed)\b|[A-Z])(?![^.;,]{0,25}\bby\b)"
)
# Words allowed between "X-backed" and the group it backs ("Iran-backed Iraqi militia Kataib Hezbollah").
_BACKED_GAP = re.compile(
    r"\s*(?:(?:[A-Z][\w'-]*|group|groups|militia|militias|militant|movement|armed|rebel|rebels|Shiite|Shia|faction)\s+){0,3}"
)
_APPOSITION = re.compile(r"^\s*[,(]\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}$")
_IN_ATTACK = re.compile(
    r"^(?:\s+\w+){0,3}?\s+(?:in|by)\s+(?:an?|the)\s+(?:[\w'.-]+\s+){1,3}?"
    r"(?P<noun>(?:strike|attack|raid|bombing|airstrike|assault))\b"
)
_GROUP_NOUN_AFTER = re.compile(r"^\s+(?:rebels?|group|movement|militia|organi[sz]ation|faction)\b")
# How far back (characters) a definite description may refer ("the Iran-backed rebels").
_ANAPHOR_REACH = 600
_ASIDE = re.compile(r"^\s*,\s*(?:an?|the|another|one|which|who)\b[^,]*\b(?:by|of|with)\s+(?:the\s+)?$")
_SPEAKER_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,3}?\s+(?:said|says|say|reported|reports|told|announced|confirmed|added|stated|quoted)\b"
)
_SHIP = re.compile(r"\b(?P<prefix>USS|HMS)\s+[A-Z][a-z]+")
_SHIP_STATES = {"USS": "United States", "HMS": "United Kingdom"}
_BARE_LOCATIVE_GAP = re.compile(r"\s+(?:(?:\w+ly|before|again|twice|once|there|also)\s+)*(?:in|inside)\s+")
# Where the object of a verb ends: a comma, or a clause giving a reason or time ("in reprisal for", "after").
_CLAUSE_END = re.compile(
    r"[,;]|\b(?:in\s+(?:reprisal|retaliation|response|revenge)\s+(?:for|to)|after|following|because|amid|since|"
    r"while|when|until|which|who)\b"
)
# A person stands for the group they belong to only when named right after the verb ("killed commander X").
_PERSON_REACH = 40
_SUBORDINATE = re.compile(r"\b(?:after|following|because|amid|since|while|when|until|before)\b")
# An actor right after one of these prepositions sits in a phrase ("attack on US base kills"), not in the subject.
_OBJECT_OF_PREPOSITION = re.compile(r"\b(?:on|at|in|against|of|to|into|near|from|with)\s+(?:(?:the|a|an)\s+)?$")
_ATTACKED_PHRASE = re.compile(r"\b(?:attacks?|strikes?|raids?|bombings?|assaults?)\s+(?:on|against|targeting)\b[^,;]*$")
_BLAMED_ON = re.compile(r"\b(?:blamed\s+on|attributed\s+to)\s+(?:the\s+)?$")
_DETERMINERS = frozenset("a an the its their his her this these those any every each another".split())
_REDUCED_PASSIVE_AFTER = re.compile(
    r"^\s+(?:in|by|during|as|after|when|while|near|amid|since|on|last|earlier|overnight|yesterday|today|this)\b"
)
_IN_BEFORE = re.compile(r"\b(?:in|inside)\s+$")
# Between a group and "backed by": nothing, a relative clause, or a short description of the group.
_BACKED_NOUN_GAP = re.compile(
    r"\s*,\s*(?:which|who|that)\s+(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|being)\s+)?(?:\w+ly\s+)?"
    r"|\s*,\s*(?:an?|the|another|one)\s+(?:[\w'-]+\s+){0,4}"
    r"|\s+(?:(?:group|groups|militia|militias|rebels|fighters|forces|movement)\s+)?(?:(?:long|heavily|largely)\s+)?"
    r"|\s*,\s*"
)
_PROXY_LIST = re.compile(r"^[^.;]{0,30}?\b(?:including|such\s+as|like|notably|namely)\s+(?:the\s+)?")
_PROXY = re.compile(r"\bprox(?:y|ies)\b")
_ATTACK_VERB = re.compile(
    r"(?<![-‑–])\b(?:attack(?:ed|s|ing)?|struck|strik(?:e|es|ing)|hit(?:s|ting)?|bomb(?:ed|s|ing)|shell(?:ed|s|ing)|"
    r"target(?:ed|s|ing)|raid(?:ed|s|ing)|pound(?:ed|s|ing)|ambush(?:ed|es|ing)|assault(?:ed|s|ing)|invad(?:ed|es|ing)|"
    r"kill(?:ed|s|ing)|fir(?:ed|es|ing)\b[^.;]{0,60}?\b(?:on|at|upon|into|toward|towards)|"
    r"launch(?:ed|es|ing)\b[^.;]{0,60}?\b(?:at|against|on|toward|towards|into)|seiz(?:ed|es|ing)|hijack(?:ed|s|ing))\b"
)
_INTERCEPT = re.compile(r"\b(?:intercept(?:ed|s|ing)?|shot\s+down|downed)\b")
_PASSIVE_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got|gets)\s+(?:\w+ly\s+)?$")
_PASSIVE_ATTACK = re.compile(
    r"\b(?:was|were|been|being|is|are|came|come|comes|coming|get|got)\s+(?:\w+\s+){0,2}?"
    r"(?:under\s+(?:\w+\s+)?(?:attack|fire)|attacked|struck|hit|targeted|bombed|shelled|raided|ambushed|assaulted|"
    r"killed|seized|hijacked)\b"
)
_ATTACK_NOUN = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|raids?|assaults?|bombings?|bombardments?|shelling|offensive|incursions?|"
    r"invasion|war|campaign|operations?|fire|barrages?|ambush(?:es)?|aggression|retaliation)\b"
)
_TARGET_PREPOSITION = re.compile(
    r"^(?:\s+(?:in|across|inside|throughout)\s+[^,;.]{1,40}?)?\s+(?:on|against|targeting|at|upon)\s+"
)
_AGENT_PREPOSITION = re.compile(r"^\s*(?:by|from)\s+(?:the\s+)?$")
_LAUNCH_WORDS = re.compile(
    r"\b(?:launch|carr|conduct|stag|mount|began|begin|start|wag|step|intensif|claim|responsib|behind|order|continu|"
    r"escalat|resum|unleash|open)\w*"
)
_WAR_BETWEEN = re.compile(
    r"\b(?:war|conflict|fighting|clashes|hostilities|exchanges(?:\s+of\s+fire)?|confrontation|battles?|skirmishes|"
    r"fire)\s+between\s+(?:the\s+)?"
)
_WAR_WITH = re.compile(r"\b(?:war|conflict|fighting|battle|confrontation|clashes)\s+(?:with|against)\s+(?:the\s+)?")
_MUTUAL_VERB = re.compile(
    r"^\s+(?:have\s+|had\s+|are\s+|were\s+)?(?:\w+ly\s+)?(?:clashed|exchanged\s+fire|traded\s+fire|fought|been\s+at\s+war|at\s+war)\b"
)
_CLASHED_WITH = re.compile(
    r"\b(?:clashed|fought|battled|exchanged\s+fire|traded\s+fire|skirmished)\s+with\s+(?:the\s+)?"
)
_HYPHEN_PAIR_NOUN = re.compile(r"^\s*(?:war|conflict|fighting|hostilities|clashes|confrontation|exchanges)\b")
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+|/)(?:the\s+)?$")
_MODIFIER_GAP = re.compile(r"^(?:['’]s?)?(?:\s+[a-z-]+){0,3}\s+$")
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|threaten\w*|vow\w*|pledg\w*|warn\w*|promis\w*|plan\w*|prepar\w*|seek\w*|sought|"
    r"want\w*|ready|deter\w*|avoid\w*|prevent\w*|intend\w*|consider\w*|not|never|den(?:y|ied|ies)|rul\w*|urg\w*|"
    r"if)\b|n't\b"
)
_THREAT_WORDS = re.compile(r"\b(?:threaten\w*|vow\w*|pledg\w*|warn\w*|promis\w*)\b")
_CONDITIONAL_BEFORE = re.compile(r"\b(?:if|unless|whether)\b[^,;]*$")
_MAX_GAP = 120


def _word_forms(stems: str, irregular: str = "") -> frozenset[str]:
    """Every inflection a trigger pattern can match, for a quick word-set test before the pattern runs."""
    forms = {stem + ending for stem in stems.split() for ending in ("", "s", "es", "ed", "d", "ing")}
    return frozenset(forms | set(irregular.split()))


_BACKING_WORDS = _word_forms(
    "sponsor back arm fund financ finance train equip bankroll suppl support",
    "supplies supplied supplying financing",
)
_ATTACK_WORDS = _word_forms(
    "attack strike bomb shell target raid pound ambush assault invade kill fire launch seize hijack",
    "struck striking hitting hit hits invading seizing firing",
)
# Words every match of a trigger pattern contains: a sentence holding none of them skips the pattern.
_TRIGGER_WORDS: dict[re.Pattern[str], frozenset[str]] = {
    _PASSIVE_BACKING_SEARCH: _BACKING_WORDS,
    _ACTIVE_BACKING: _BACKING_WORDS,
    _PROXY: frozenset({"proxy", "proxies"}),
    _ATTACK_VERB: _ATTACK_WORDS,
    _INTERCEPT: frozenset({"intercept", "intercepted", "intercepts", "intercepting", "shot", "downed"}),
    _PASSIVE_ATTACK: _ATTACK_WORDS,
    _ATTACK_NOUN: _ATTACK_WORDS
    | _word_forms("airstrike raid bombing bombardment offensive incursion campaign operation barrage aggression")
    | frozenset({"war", "invasion", "retaliation"}),
    _WAR_BETWEEN: frozenset({"between"}),
    _WAR_WITH: frozenset({"with", "against"}),
}
_SENTENCE_WORDS = re.compile(r"[a-z]+")


def find_links(
    text: str,
    sentences: Sequence[Span],
    mentions: Sequence[MentionLike],
    entries: Mapping[str, EntryLike],
    generic_name: str,
    generic_sponsor: str,
    affiliations: Mapping[str, str] | None = None,
) -> tuple[ActorLink, ...]:
    """Directed links stated in each sentence, first occurrence kept; the generic actor is backed by its sponsor."""
    actor_names = {mention.name for mention in mentions if mention.agentive}
    nodes = _nodes(text, mentions, entries, affiliations or {}, actor_names, generic_name)
    found: dict[tuple[str, str, str], ActorLink] = {}
    for sentence in sentences:
        inside = [node for node in nodes if sentence.start <= node.start < sentence.end]
        if len(inside) < 2 and not any(_HYPHEN_BACKING.match(text[node.end : node.end + 20]) for node in inside):
            continue  # every rule relates two mentions; only "the X-backed rebels" may find the second earlier
        earlier = [node for node in nodes if sentence.start - _ANAPHOR_REACH <= node.start < sentence.start]
        for source, target, relation in _sentence_links(text, sentence, inside, entries, earlier):
            key = (source, target, relation)
            if source != target and key not in found:
                found[key] = ActorLink(source, target, relation, text[sentence.start : sentence.end], sentence)
    if generic_name in actor_names and generic_sponsor in actor_names:
        first = next(mention for mention in mentions if mention.name == generic_name)
        sentence = next((span for span in sentences if span.start <= first.span.start < span.end), first.span)
        key = (generic_sponsor, generic_name, "supports")
        found.setdefault(key, ActorLink(*key, text[sentence.start : sentence.end], sentence))
    return tuple(found.values())


def _nodes(
    text: str,
    mentions: Sequence[MentionLike],
    entries: Mapping[str, EntryLike],
    affiliations: Mapping[str, str],
    actor_names: set[str],
    generic_name: str,
) -> list[_Node]:
    nodes = []
    generic_spans = [mention.span for mention in mentions if mention.name == generic_name]
    for mention in mentions:
        name = mention.name
        entry = entries.get(name)
        if mention.form in {"person", "titled"}:
            name = affiliations.get(name) or (entry.affiliation if entry else None) or ""
        # A state named as a place can still be a target ("struck before in Iran"), other non-actor uses cannot.
        if not mention.agentive and not (
            mention.form == "place" and _IN_BEFORE.search(text[max(0, mention.span.start - 10) : mention.span.start])
        ):
            continue
        if name in actor_names:
            person = mention.form in {"person", "titled"}
            # A sponsor inside a description ("Iran-backed groups", "the Iran-backed group") backs; it does not act.
            inside = name != generic_name and (
                any(span.start <= mention.span.start and mention.span.end <= span.end for span in generic_spans)
                or bool(_HYPHEN_BACKING.match(text[mention.span.end : mention.span.end + 20]))
            )
            speaker = bool(_SPEAKER_AFTER.match(text[mention.span.end : mention.span.end + 40])) or text[
                max(0, mention.span.start - 14) : mention.span.start
            ].lower().endswith(("according to ", "according to the "))
            nodes.append(
                _Node(
                    name,
                    mention.span.start,
                    mention.span.end,
                    mention.agentive,
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
            nodes.append(_Node(state, match.start(), match.end(), True, False))
    return sorted(nodes, key=lambda node: node.start)


def _sentence_links(
    text: str, sentence: Span, nodes: list[_Node], entries: Mapping[str, EntryLike], earlier: list[_Node]
) -> Iterator[tuple[str, str, str]]:
    finder = _Finder(text, sentence, nodes, earlier)
    for rule in (_hyphen_backing, _passive_backing, _active_backing, _proxy_backing):
        for source, target in rule(finder, entries):
            yield source, target, "supports"
    for rule in (_war_links, _noun_attacks, _verb_attacks, _passive_attacks):
        yield from rule(finder)


class _Finder:
    """Positional look-ups over one sentence's nodes."""

    def __init__(self, text: str, sentence: Span, nodes: list[_Node], earlier: list[_Node] = ()) -> None:
        self.earlier = earlier
        self.text = text
        self.sentence = sentence
        # A sponsor inside a collective name ("Iran" in "Iran-backed groups") only takes part in backing rules.
        self.all_nodes = sorted(nodes, key=lambda node: node.start)
        self.nodes = [node for node in self.all_nodes if not node.inside_generic]
        self.body = text[sentence.start : sentence.end]
        self.words = set(_SENTENCE_WORDS.findall(self.body.lower()))

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
        trigger_words = _TRIGGER_WORDS.get(pattern)
        if trigger_words is not None and trigger_words.isdisjoint(self.words):
            return  # cheap substring test first: most sentences hold none of a rule's trigger words
        for match in pattern.finditer(self.body):
            yield self.sentence.start + match.start(), self.sentence.start + match.end()

    def before(self, position: int, limit: int = _MAX_GAP) -> _Node | None:
        candidates = [node for node in self.nodes if node.end <= position and position - node.end <= limit]
        agentive = [node for node in candidates if node.agentive]
        # "Nujaba, a group backed by Tehran, warned...": the sponsor inside the aside is not the subject.
        while (
            len(agentive) > 1
            and _ASIDE.match(self.text[agentive[-2].end : agentive[-1].start])
            and "," in self.text[agentive[-1].end : position]
        ):
            agentive.pop()
        return agentive[-1] if agentive else None

    def after(
        self, position: int, limit: int = _MAX_GAP, agentive_only: bool = False, within_clause: bool = True
    ) -> _Node | None:
        candidates = [node for node in self.nodes if node.start >= position and node.start - position <= limit]
        stop = self.text.find(";", position, self.sentence.end)
        candidates = [
            node for node in candidates if (stop < 0 or node.start < stop) and (node.agentive or not agentive_only)
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

    def coordinated(self, node: _Node, direction: int) -> list[_Node]:
        """The node and the nodes joined to it by commas/and/or on one side ("Hamas, PIJ and Hezbollah")."""
        group = [node]
        index = self.nodes.index(node)
        while 0 <= index + direction < len(self.nodes):
            neighbour = self.nodes[index + direction]
            left, right = (neighbour, group[-1]) if direction < 0 else (group[-1], neighbour)
            if not _LIST_GAP.match(self.text[left.end : right.start]) or not neighbour.agentive:
                break
            group.append(neighbour)
            index += direction
        return group

    def gap(self, start: int, end: int) -> str:
        return self.text[start:end]


def _pairs(sources: list[_Node], targets: list[_Node], relation: str) -> Iterator[tuple[str, str, str]]:
    for source in sources:
        for target in targets:
            yield source.name, target.name, relation


def _hyphen_backing(finder: _Finder, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for node in finder.all_nodes:
        match = _HYPHEN_BACKING.match(finder.text[node.end : node.end + 20])
        if not match:
            continue
        target = finder.after(node.end + match.end(), 40, agentive_only=True)
        if (
            target is None
            or target.generic
            or not _BACKED_GAP.fullmatch(finder.gap(node.end + match.end(), target.start))
        ):
            # "The SDF, a US-backed militia": the backed group is the one the phrase describes.
            target = finder.before(node.start, 30)
            if target is None or target.generic or not _APPOSITION.search(finder.gap(target.end, node.start)):
                target = _antecedent(finder, node, node.end + match.end(), entries)
            if target is None:
                continue
        entry = entries.get(target.name)
        if match.group(1) or (entry is not None and node.name in entry.sponsors):
            yield node.name, target.name


def _antecedent(finder: _Finder, sponsor: _Node, after_suffix: int, entries: Mapping[str, EntryLike]) -> _Node | None:
    """The group a definite description points back to: "the Iran-backed rebels" after naming the Houthis."""
    if not _GROUP_NOUN_AFTER.match(finder.text[after_suffix : after_suffix + 20]):
        return None
    if not re.search(r"\bthe\s+$", finder.text[max(0, sponsor.start - 5) : sponsor.start], re.IGNORECASE):
        return None
    for node in reversed([*finder.earlier, *(node for node in finder.nodes if node.end <= sponsor.start)]):
        entry = entries.get(node.name)
        if entry is not None and entry.kind in {"armed_group", "political_group"} and not node.generic:
            return node
    return None


def _passive_backing(finder: _Finder, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_PASSIVE_BACKING_SEARCH):
        sponsor = finder.after(end, 8, agentive_only=True)
        backed = finder.before(start, 60)
        if sponsor is None or backed is None or sponsor.generic or backed.generic:
            continue
        if not _BACKED_NOUN_GAP.fullmatch(finder.gap(backed.end, start)):
            continue  # "blamed the attack on mercenaries backed by X": the backed are not the actor named before
        for source in finder.coordinated(sponsor, 1):
            for target in finder.coordinated(backed, -1):
                yield source.name, target.name


def _active_backing(finder: _Finder, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_ACTIVE_BACKING):
        sponsor = finder.before(start, 80)
        if sponsor is None or sponsor.generic or ";" in finder.gap(sponsor.end, start):
            continue
        if re.search(r"\b(?:not|never|n't|denied|denies|deny)\b", finder.gap(sponsor.end, start)):
            continue
        first = finder.after(end, 80, agentive_only=True)
        if first is None or first.generic:
            continue
        for target in finder.coordinated(first, 1):
            yield sponsor.name, target.name


def _proxy_backing(finder: _Finder, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_PROXY):
        owners = [node for node in finder.all_nodes if node.end <= start and node.agentive]
        owner = owners[-1] if owners else None
        if owner is None or not re.fullmatch(r"(?:['’]s?)?\s*", finder.gap(owner.end, start)):
            continue
        clients = []
        before = finder.before(owner.start, 30)
        if before is not None and re.fullmatch(r"\s*,\s*(?:an?\s+|the\s+)?", finder.gap(before.end, owner.start)):
            clients.append(before)
        listed = _PROXY_LIST.match(finder.text[end : end + 60])
        after = finder.after(end + listed.end(), 4, agentive_only=True) if listed else finder.after(end, 2, True)
        if after is not None:
            clients.extend(finder.coordinated(after, 1))
        for client in clients:
            if not client.generic and client.name != owner.name:
                yield owner.name, client.name


def _war_links(finder: _Finder) -> Iterator[tuple[str, str, str]]:
    for _, end in finder.matches(_WAR_BETWEEN):
        first = finder.after(end, 4, agentive_only=True)
        second = finder.after(first.end, 12, agentive_only=True) if first else None
        if first and second and _LIST_GAP.match(finder.gap(first.end, second.start)):
            yield from _both_ways(first, second)
    for start, end in finder.matches(_WAR_WITH):
        opponent = finder.after(end, 4, agentive_only=True)
        side = finder.before(start, 60)
        if (
            opponent
            and side
            and (_MODIFIER_GAP.match(finder.gap(side.end, start)) or "at war" in finder.gap(side.end, end))
        ):
            yield from _both_ways(side, opponent)
    for start, end in finder.matches(_CLASHED_WITH):
        side, opponent = finder.before(start, 40), finder.after(end, 30, agentive_only=True)
        if side and opponent and _relation(finder, side, start) == "attacks":
            yield from _both_ways(side, opponent)
    for first, second in zip(finder.nodes, finder.nodes[1:], strict=False):
        gap = finder.gap(first.end, second.start)
        if gap in {"-", "‑", "–", "/"} and _HYPHEN_PAIR_NOUN.match(finder.text[second.end : second.end + 20]):
            yield from _both_ways(first, second)
        if re.fullmatch(r"\s+and\s+(?:the\s+)?", gap) and _MUTUAL_VERB.match(finder.text[second.end : second.end + 40]):
            yield from _both_ways(first, second)


def _both_ways(first: _Node, second: _Node) -> Iterator[tuple[str, str, str]]:
    yield first.name, second.name, "attacks"
    yield second.name, first.name, "attacks"


def _noun_attacks(finder: _Finder) -> Iterator[tuple[str, str, str]]:
    for start, end in finder.matches(_ATTACK_NOUN):
        following = finder.text[end : end + 80]
        agent = None
        by = re.match(r"^\s+(?:by|from)\s+(?:the\s+)?", following)
        if by:
            agent = finder.after(end + by.end(), 2, agentive_only=True)
            if agent is None:
                continue
            following = finder.text[agent.end : agent.end + 80]
            position = agent.end
        else:
            position = end
        preposition = _TARGET_PREPOSITION.match(finder.text[position : position + 70])
        if not preposition:
            continue
        target = finder.after(position + preposition.end(), 60)
        if target is None:
            continue
        if agent is None:
            tail = re.match(r"^[^.;]{0,40}?\b(?:by|from)\s+(?:the\s+)?", finder.text[target.end : target.end + 60])
            if tail:
                agent = finder.after(target.end + tail.end(), 2, agentive_only=True)
        if agent is None:
            agent = _noun_modifier_or_subject(finder, start)
        if agent is None:
            continue
        relation = _relation(finder, agent, start)
        if relation:
            yield from _pairs(finder.coordinated(agent, -1), finder.coordinated(target, 1), relation)


def _noun_modifier_or_subject(finder: _Finder, noun_start: int) -> _Node | None:
    candidate = finder.before(noun_start)
    if candidate is None:
        return None
    gap = finder.gap(candidate.end, noun_start)
    # "Israeli drone strike on", "Israel's war on": only modifiers between; "blamed the attack on" is no subject.
    modifier = _MODIFIER_GAP.match(gap) and not any(word in {"a", "an", "the"} for word in gap.lower().split())
    if modifier or _LAUNCH_WORDS.search(gap):
        return candidate
    return None


def _verb_attacks(finder: _Finder) -> Iterator[tuple[str, str, str]]:
    for pattern, relation_if_true in ((_ATTACK_VERB, "attacks"), (_INTERCEPT, "intercepts")):
        for start, end in finder.matches(pattern):
            if _PASSIVE_AUXILIARY.search(finder.text[max(finder.sentence.start, start - 30) : start]):
                continue
            agent = finder.before(start)
            target = finder.after(end)
            if agent is None or target is None:
                continue
            agent_after = re.search(r"\b(?:by|from)\s+(?:the\s+)?$", finder.gap(end, target.start))
            if pattern is _ATTACK_VERB and agent_after:
                continue
            last_words = finder.gap(agent.end, start).lower().split()[-3:]
            if any(word in _DETERMINERS for word in last_words):
                continue  # a noun ("a cowardly attack"), not a verb
            if _not_subject(finder, agent, start):
                continue
            perfect = bool(re.search(r"\b(?:has|have|had)\s+$", finder.gap(agent.end, start)))
            if _REDUCED_PASSIVE_AFTER.match(finder.text[end : end + 12]) and not perfect:
                continue  # a headline passive ("leader killed in blast")
            relation = _relation(finder, agent, start)
            if relation == "attacks":
                relation = relation_if_true
            if relation:
                yield from _pairs(finder.coordinated(agent, -1), finder.coordinated(target, 1), relation)


def _not_subject(finder: _Finder, agent: _Node, verb_start: int) -> bool:
    """True when the actor before a verb sits in a phrase ("attack on US base kills", "revenge after strike kills")."""
    gap = finder.gap(agent.end, verb_start)
    if _SUBORDINATE.search(gap):
        return True
    before = finder.text[max(finder.sentence.start, agent.start - 60) : agent.start]
    if _ATTACKED_PHRASE.search(before):
        return True  # "A drone attack on a base housing US troops ... killed": US is what was attacked
    relative = re.search(r"\b(?:that|which|who)\b", gap)
    return bool(_OBJECT_OF_PREPOSITION.search(before[-30:])) and not relative and not _BLAMED_ON.search(before)


def _passive_attacks(finder: _Finder) -> Iterator[tuple[str, str, str]]:
    for start, end in finder.matches(_PASSIVE_ATTACK):
        victim = finder.before(start, 50)
        if victim is None or len(finder.gap(victim.end, start).split()) > 8:
            continue
        if re.search(r"\b(?:that|which|who)\b", finder.gap(victim.end, start).split(",")[-1]) and "," not in finder.gap(
            victim.end, start
        ):
            continue
        by = re.search(r"\b(?:by|from)\b", finder.text[end : finder.sentence.end])
        if by is None or by.start() > 40:
            agent = _agent_of_attack_noun_after(finder, end)
            if agent is not None:
                yield from _pairs([agent], finder.coordinated(victim, -1), "attacks")
            continue
        agent = finder.after(end + by.end(), 150, agentive_only=True, within_clause=False)
        if agent is None or (
            not re.search(r"\b(?:by|from)\s+(?:the\s+)?$", finder.gap(end, agent.start)) and by.start() > 0
        ):
            agent = agent if agent and agent.start - end < 150 else None
        if agent is not None:
            yield from _pairs(finder.coordinated(agent, 1), finder.coordinated(victim, -1), "attacks")


def _agent_of_attack_noun_after(finder: _Finder, position: int) -> _Node | None:
    """The actor modifying an attack noun after a passive verb ("was killed in a US drone strike")."""
    match = _IN_ATTACK.match(finder.text[position : position + 80])
    if match is None:
        return None
    noun_start = position + match.start("noun")
    agent = finder.after(position, noun_start - position, agentive_only=True)
    if agent is None or not _MODIFIER_GAP.match(finder.gap(agent.end, noun_start)):
        return None
    return agent


def _relation(finder: _Finder, agent: _Node, trigger_start: int) -> str | None:
    """'attacks' for a stated attack; 'threatens' for a vowed one; None for hypothetical or denied ones."""
    gap = finder.gap(agent.end, trigger_start)
    if _CONDITIONAL_BEFORE.search(finder.text[max(finder.sentence.start, agent.start - 40) : agent.start]):
        return None
    if _THREAT_WORDS.search(gap):
        return "threatens"
    if _HYPOTHETICAL.search(gap) and not re.search(r"\bhistory of\b", gap):
        return None
    return "attacks"


Rule = Callable[[_Finder], Iterator[tuple[str, str, str]]]
