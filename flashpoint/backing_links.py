"""Supports rules stated with backing verbs: "Iran-backed", "backed by", "arms", "receives weapons from", "proxy"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from flashpoint.link_nodes import (
    HYPHEN_BACKING,
    HYPHENS,
    STRONG_BACKING,
    EntryLike,
    LinkNode,
    SentenceView,
    Trigger,
    word_forms,
)

_BACKING_WORDS = word_forms(
    "sponsor back arm fund financ finance train equip bankroll suppl support provide receive",
    "supplies supplied supplying financing providing receiving got gets",
)
# Word boundaries are tested before the hyphen look-behinds: they fail fast inside words, where most positions are.
_PASSIVE_BACKING_SEARCH = Trigger(
    re.compile(rf"\b(?<![-‑–])(?:{STRONG_BACKING})(?:\s+and\s+\w+)?\s+(?:\w+\s+)?by\b"), _BACKING_WORDS
)
_ACTIVE_BACKING = Trigger(
    re.compile(
        r"\b(?<![-‑–])(?:sponsors?|sponsoring|backs|arms|arming|funds|finances|financing|trains|equips|bankrolls|"
        r"supplies|supplying|sponsored|bankrolled|supports|supporting)\b(?![^.;,]{0,25}\bby\b)"
        # Past forms double as adjectives ("armed wing", "trained fighters"): only with an object right after.
        r"|\b(?<![-‑–])(?:backed|funded|financed|armed|trained|equipped|supplied|provides|provided|providing|"
        r"supported)\s+"
        r"(?=(?:the|a|an|its|their|various|several|many|dozens|militant|armed)\b|[A-Z])(?![^.;,]{0,25}\bby\b)"
    ),
    _BACKING_WORDS,
)
# Words allowed between "X-backed" and the group it backs ("Iran-backed Iraqi militia Kataib Hezbollah").
_BACKED_GAP = re.compile(
    r"\s*(?:(?:[A-Z][\w'-]*|group|groups|militia|militias|militant|movement|armed|rebel|rebels|Shiite|Shia|faction)\s+){0,3}"
)
_BACKED_LIST_GAP = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:groups|militias|factions|movements|organi[sz]ations|allies|proxies|forces)\s*,?\s*"
    r"(?:including|such\s+as|among\s+them|like|notably)\s+(?:the\s+)?(?:[A-Z]\w+['’]s\s+)?"
)
_APPOSITION = re.compile(r"^\s*[,(]\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}$")
_GROUP_NOUN_AFTER = re.compile(r"^\s+(?:rebels?|group|movement|militia|organi[sz]ation|faction|force|alliance)\b")
# Between a group and "backed by": nothing, a relative clause, or a short description of the group.
_BACKED_NOUN_GAP = re.compile(
    r"\s*,\s*(?:which|who|that)\s+(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|being)\s+)?(?:\w+ly\s+)?"
    # "The Houthis are armed and financed by Iran": the subject of a passive.
    r"|\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been|remains?|remained)\s+(?:\w+ly\s+|long\s+)?"
    r"|\s*,\s*(?:an?|the|another|one)\s+(?:[\w'-]+\s+){0,4}"
    r"|\s+(?:(?:group|groups|militia|militias|rebels|fighters|forces|movement)\s+)?(?:(?:long|heavily|largely)\s+)?"
    r"|\s*,\s*"
)
_COPULA_GAP = re.compile(r"\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been|remains?|remained)\s+\S*\s*")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:against|on|at|of|with|for|to|from|by|in|into|targeting|toward|towards)\s+(?:the\s+)?(?:[a-z-]+\s+)?$"
)
_RECEIVED = Trigger(
    re.compile(
        r"\b(?:receives?|received|receiving|gets|got|obtained|obtains)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:weapons|arms|funding|money|financing|training|drones|missiles|rockets|backing|military\s+aid)\s+from\s+"
        r"(?:the\s+)?"
    ),
    _BACKING_WORDS,
)
_NOT_BACKED_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[a-z-]+\s+)?(?:resolution|call|calls|proposal|plan|efforts?|position|bid|demands?|right|stance|"
    r"decision|move|push|initiative|request|statement|truce|ceasefire|mediation|talks)\b"
)
_POSITION_BEFORE = re.compile(
    r"\b(?:ceasefire|truce|deal|agreement|accord|resolution|talks|negotiations|plan|proposal|initiative|efforts?|call|"
    r"right|position|bid|cause|solution|statehood|sovereignty|independence|recognition|membership|investigation|"
    r"probe|inquiry|case|exchange|release|return|end)\b"
)
_PROXY_LIST = re.compile(r"^[^.;]{0,30}?\b(?:including|such\s+as|like|notably|namely)\s+(?:the\s+)?")
# "Iran's proxies", "Iran's most powerful proxy": the owner, then at most a few modifiers.
_OWNER_GAP = re.compile(r"(?:['’]s?)?(?:\s+[a-z-]+){0,3}?\s*")
_PROXY = Trigger(re.compile(r"\bprox(?:y|ies)\b"), frozenset({"proxy", "proxies"}))


def _hyphen_backing(finder: SentenceView, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for node in finder.all_nodes:
        match = (
            HYPHEN_BACKING.match(finder.text[node.end : node.end + 20])
            if finder.text[node.end : node.end + 1] in HYPHENS
            else None
        )
        if not match:
            continue
        target = finder.after(node.end + match.end(), 60, agentive_only=True, within_clause=False)
        listed = target is not None and _BACKED_LIST_GAP.fullmatch(finder.gap(node.end + match.end(), target.start))
        if listed and target is not None and not target.generic and match.group(1):
            # "Iran-backed groups, including Lebanon's Hezbollah and the Houthis": each member is backed.
            for member in finder.coordinated(target, 1):
                yield node.name, member.name
            continue
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


def _antecedent(
    finder: SentenceView, sponsor: LinkNode, after_suffix: int, entries: Mapping[str, EntryLike]
) -> LinkNode | None:
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


def _passive_backing(finder: SentenceView, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_PASSIVE_BACKING_SEARCH):
        sponsor = finder.after(end, 8, agentive_only=True)
        backed = finder.before(start, 60)
        if sponsor is None or backed is None or sponsor.generic or backed.generic:
            continue
        gap = finder.gap(backed.end, start)
        if not _BACKED_NOUN_GAP.fullmatch(gap):
            continue  # "blamed the attack on mercenaries backed by X": the backed are not the actor named before
        if _COPULA_GAP.fullmatch(gap) and _PREPOSITION_BEFORE.search(finder.text, finder.sentence.start, backed.start):
            continue  # "strikes against the Houthis were supported by Australia": the strikes were, not the Houthis
        for source in finder.coordinated(sponsor, 1):
            for target in finder.coordinated(backed, -1):
                yield source.name, target.name


def _active_backing(finder: SentenceView, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_ACTIVE_BACKING):
        sponsor = finder.before(start, 80)
        if sponsor is None or sponsor.generic or ";" in finder.gap(sponsor.end, start):
            continue
        if _DENIED.search(finder.gap(sponsor.end, start)):
            continue
        first = finder.after(end, 80, agentive_only=True)
        if first is None or first.generic or _POSITION_BEFORE.search(finder.gap(end, first.start)):
            continue  # "supports a ceasefire between Israel and Hamas": a position, not a party
        targets = finder.coordinated(first, 1)
        if _NOT_BACKED_AFTER.match(finder.text[targets[-1].end : targets[-1].end + 30]):
            continue  # "supports Iran's call for talks", "backed the UN resolution": a position, not a party
        for target in targets:
            yield sponsor.name, target.name


def _received_backing(finder: SentenceView, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    """ "The Houthis receive weapons from Iran": the giver backs the receiver."""
    for start, end in finder.matches(_RECEIVED):
        receiver, giver = finder.before(start, 40), finder.after(end, 4, agentive_only=True)
        if (
            receiver is not None
            and giver is not None
            and not receiver.generic
            and not giver.generic
            and not _DENIED.search(finder.gap(receiver.end, start))
        ):
            yield giver.name, receiver.name


def _proxy_backing(finder: SentenceView, entries: Mapping[str, EntryLike]) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_PROXY):
        owners = [node for node in finder.all_nodes if node.end <= start and node.agentive]
        owner = owners[-1] if owners else None
        if owner is None or not _OWNER_GAP.fullmatch(finder.gap(owner.end, start)):
            # "Hezbollah, a proxy of Iran": the owner follows.
            of = re.match(r"\s+of\s+(?:the\s+)?", finder.text[end : end + 12])
            owner = finder.after(end + of.end(), 2, agentive_only=True) if of else None
            if owner is None:
                continue
            end = owner.end
            start = owner.start - len("proxy of ")
            before = finder.before(start, 30)
            if before is not None and re.fullmatch(
                r"\s*,\s*(?:an?|the|one)\s+(?:[a-z-]+\s+)?", finder.gap(before.end, start)
            ):
                yield owner.name, before.name
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


BACKING_RULES = (
    (_hyphen_backing, None),
    (_passive_backing, _PASSIVE_BACKING_SEARCH.words),
    (_active_backing, _ACTIVE_BACKING.words),
    (_proxy_backing, _PROXY.words),
    (_received_backing, _RECEIVED.words),
)
_DENIED = re.compile(r"\b(?:not|never|n't|denied|denies|deny)\b")
