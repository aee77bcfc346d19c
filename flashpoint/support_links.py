"""Supports rules for backing stated as a noun, a relative clause or a collective's membership, inside one sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from flashpoint.link_nodes import LinkNode, SentenceView, Trigger, word_forms

_NEGATION = re.compile(
    r"\b(?:not|never|no|n't|end\w*|cut\w*|withdr\w*|suspend\w*|halt\w*|stop\w*|den\w*|paus\w*|block\w*|freez\w*|"
    r"delay\w*|refus\w*)\b"
)
_UNDONE = re.compile(r"\b(?:would|could|might|may|will|plan\w*|consider\w*|ask\w*|urg\w*|call\w*|if|whether)\b")
# "US support for Israel", "Washington's ironclad support for", "Iranian military aid to": a backer's noun.
_SUPPORT_NOUN = Trigger(
    re.compile(
        r"\b(?:support|backing|(?:military|financial)\s+(?:aid|assistance|support)|arms|weapons|funding|sponsorship|"
        r"(?:arms|weapons)\s+(?:exports|sales|shipments|deliveries|transfers))"
        r"\s+(?:for|to)\s+(?:the\s+)?"
    ),
    frozenset({"support", "backing", "aid", "assistance", "arms", "weapons", "funding", "sponsorship"}),
)
# "Iran is Hamas's main sponsor", "the US, Israel's chief military backer,": the backer named beside the noun.
_BACKER_NOUN = Trigger(
    re.compile(
        r"['’]s?\s+(?:[a-z-]+\s+){0,3}?(?:backer|sponsor|patron|benefactor|(?:arms|weapons)\s+supplier|financier)s?\b"
    ),
    frozenset({"backer", "sponsor", "patron", "benefactor", "supplier", "financier"}),
)
_BACKER_BEFORE = re.compile(r"\s+(?:is|was|has\s+been|remains|remained|became|as)\s+|\s*,\s*")
# "shipped bombs to Israel", "sends drones to Russia": handing over weapons or money.
_TRANSFER = Trigger(
    re.compile(
        r"\b(?:shipp?(?:ed|ing|s)?|sen(?:ds?|t|ding)|deliver(?:ed|s|ing)?|transferr?(?:ed|s|ing)?|gave|gives?|giving|"
        r"sold|sells?|selling)\s+(?:[\w$,.-]+\s+){0,5}?(?:weapons|arms|bombs|missiles|rockets|drones|munitions|"
        r"ammunition|shells|military\s+aid|funds|money|tanks|jets|fighter\s+jets|aircraft|air\s+defen[cs]e\s+systems?)"
        r"\s+to\s+(?:the\s+)?"
    ),
    word_forms("ship send deliver transfer give sell", "shipped shipping sent gave sold"),
)
_SPONSOR_GAP = re.compile(
    r"(?:['’]s?)?(?:\s+[a-z-]+){0,2}\s+"
    r"|\s+(?:(?:has|have|had)\s+)?[a-z]+\s+(?:its|their)\s+(?:[a-z-]+\s+){0,2}"
)
# "in support of its ally Hamas": the sentence's subject backs the one named.
_IN_SUPPORT_OF = Trigger(
    re.compile(r"\bin\s+(?:support|solidarity)\s+of\s+(?:(?:its|their|the)\s+)?(?:(?:close\s+)?all(?:y|ies)\s+)?"),
    frozenset({"support"}),
)
_SPEAKS_OF_ITSELF = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:said|says|say|stated|announced|claimed)\s+(?:that\s+)?(?:it|they|we)\b"
)
# "Hamas, which Hezbollah has backed": the backer is the relative clause's subject.
_OBJECT_RELATIVE = re.compile(r"\s*,\s*(?:which|whom|who|that)")
_RELATIVE_BACKING = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+|long\s+)?(?:backed|armed|funded|supported|sponsored|financed|trained|"
    r"bankrolled|equipped|supplied|provided)\b"
)
_BACKING_WORDS = word_forms(
    "back arm fund support sponsor financ train bankroll equip provide", "backed armed supplied"
)
_WHICH = Trigger(re.compile(r"\b(?:which|whom|who|that)\b"), frozenset({"which", "whom", "who", "that"}))
# "an umbrella for militias backed by Tehran", "a loose alliance of Iran-aligned militias".
_UMBRELLA_BEFORE = re.compile(
    r"\s*,\s*(?:an?|the|one)\s+(?:[a-z-]+\s+){0,2}(?:umbrella|alliance|coalition|network|grouping|front|bloc)"
    r"(?:\s+group)?\s+(?:for|of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}"
)
_MEMBERS_AFTER = re.compile(
    r"\s*,?\s*(?:(?:that|which)\s+(?:includes?|included|comprises?|encompass\w*)|including|such\s+as|among\s+them|"
    r"notably)\s+(?:the\s+)?"
)
# "the militias they sponsor": the backer is the actor coordinated just before.
_THEY_SPONSOR = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:it|they)\s+(?:sponsors?|backs?|arms?|funds?|finances?|supports?|trains?|"
    r"controls?|directs?)\b"
)
_AND_BEFORE = re.compile(r"\s+and\s+(?:the\s+)?|\s*,\s*(?:the\s+)?")


def support_links(finder: SentenceView, generic_sponsor: str) -> Iterator[tuple[str, str]]:
    """(backer, backed) pairs read from support nouns, relative clauses and collective memberships."""
    # Trigger words first: most sentences hold none, and skipping a rule outright saves its set-up.
    if not _SUPPORT_NOUN.words.isdisjoint(finder.words):
        yield from _support_nouns(finder)
    if not _IN_SUPPORT_OF.words.isdisjoint(finder.words):
        yield from _in_support_of(finder)
    if not _BACKER_NOUN.words.isdisjoint(finder.words):
        yield from _backer_nouns(finder)
    if not _TRANSFER.words.isdisjoint(finder.words):
        yield from _transfers(finder)
    yield from _relative_backing(finder)
    if any(node.generic for node in finder.all_nodes):
        yield from _collective_members(finder, generic_sponsor)


def _giver_and_receiver(
    finder: SentenceView, start: int, end: int, reach: int
) -> tuple[LinkNode, LinkNode] | tuple[None, None]:
    """The named actor before a backing phrase and the one right after it, when both are specific."""
    giver = finder.before(start, reach)
    receiver = finder.after(end, 3, agentive_only=True)
    if giver is None or receiver is None or giver.generic or receiver.generic:
        return None, None
    return giver, receiver


def _support_nouns(finder: SentenceView) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_SUPPORT_NOUN):
        sponsor, backed = _giver_and_receiver(finder, start, end, 30)
        if sponsor is None or backed is None:
            continue
        if not _SPONSOR_GAP.fullmatch(finder.gap(sponsor.end, start)) or _NEGATION.search(finder.gap(sponsor.end, end)):
            continue
        for target in finder.coordinated(backed, 1):
            yield sponsor.name, target.name


def _backer_nouns(finder: SentenceView) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_BACKER_NOUN):
        backed = finder.before(start, 0)
        if backed is None or backed.generic or backed.end != start:
            continue
        backer = finder.before(backed.start, 30)
        if backer is None or not _BACKER_BEFORE.fullmatch(finder.gap(backer.end, backed.start)):
            after = finder.after(end, 4, agentive_only=True)
            # "Israel's main backer, the United States,": the backer follows the noun.
            backer = (
                after
                if after is not None and re.fullmatch(r"\s*,?\s*(?:the\s+)?", finder.gap(end, after.start))
                else None
            )
        if backer is None or backer.generic or _NEGATION.search(finder.text[backer.end : start]):
            continue
        yield backer.name, backed.name


def _transfers(finder: SentenceView) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_TRANSFER):
        giver, receiver = _giver_and_receiver(finder, start, end, 40)
        if giver is None or receiver is None:
            continue
        if _NEGATION.search(finder.gap(giver.end, start)) or _UNDONE.search(finder.gap(giver.end, start)):
            continue  # "Iran denies sending drones to Russia", "the US would send", "paused deliveries"
        yield giver.name, receiver.name


def _in_support_of(finder: SentenceView) -> Iterator[tuple[str, str]]:
    for start, end in finder.matches(_IN_SUPPORT_OF):
        backed = finder.after(end, 3, agentive_only=True)
        # A speaker opens the sentence and acts when it speaks of itself: "The Houthis said they launched it".
        subject = next(
            (
                node
                for node in finder.nodes
                if node.agentive and (not node.speaker or _SPEAKS_OF_ITSELF.match(finder.text, node.end))
            ),
            None,
        )
        if backed is None or subject is None or subject.start >= start or subject.generic:
            continue
        if subject.start - finder.sentence.start > 40 or _NEGATION.search(finder.gap(subject.end, start)):
            continue  # only the subject opening the sentence acts in support
        yield subject.name, backed.name


def _relative_backing(finder: SentenceView) -> Iterator[tuple[str, str]]:
    if _BACKING_WORDS.isdisjoint(finder.words):
        return
    for start, end in finder.matches(_WHICH):
        backed = finder.before(start, 12)
        backer = finder.after(end, 6, agentive_only=True)
        if backed is None or backer is None or backed.generic or backer.generic:
            continue
        if _OBJECT_RELATIVE.fullmatch(finder.gap(backed.end, end)) and _RELATIVE_BACKING.match(finder.text, backer.end):
            yield backer.name, backed.name


def _collective_members(finder: SentenceView, generic_sponsor: str) -> Iterator[tuple[str, str]]:
    for node in finder.all_nodes:
        if not node.generic:
            continue
        umbrella = finder.before(node.start, 80)
        if umbrella is not None and not umbrella.generic and _ends_with(_UMBRELLA_BEFORE, finder, umbrella, node):
            yield generic_sponsor, umbrella.name
        members = _MEMBERS_AFTER.match(finder.text, node.end)
        if members:
            first = finder.after(members.end(), 30, agentive_only=True)
            if first is not None and not first.generic:
                for member in finder.coordinated(first, 1):
                    yield generic_sponsor, member.name
        they = _THEY_SPONSOR.match(finder.text, node.end)
        sponsor = finder.before(node.start, 12) if they else None
        if sponsor is not None and _AND_BEFORE.fullmatch(finder.gap(sponsor.end, node.start)):
            yield sponsor.name, node.name


def _ends_with(pattern: re.Pattern[str], finder: SentenceView, left: LinkNode, right: LinkNode) -> bool:
    return pattern.fullmatch(finder.gap(left.end, right.start)) is not None
