"""Read the target of a reply ("Hezbollah hit back", "Israel retaliated") from the attack on it told just before."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from flashpoint.attack_nouns import attack_relation
from flashpoint.link_nodes import LinkNode, SentenceView
from flashpoint.model import Span

# A reply stated with a verb after its subject: "Hezbollah hit back", "Israel retaliated", "Tehran responded with".
_REPLY_VERB = re.compile(
    r"\b(?:retaliat(?:ed|es|ing|e)|(?:hit(?:s|ting)?|str(?:uck|ikes?|iking)|fir(?:ed|es|ing|e)|shot|lash(?:ed|es|ing))"
    r"\s+back|(?:respond(?:ed|s|ing)?|answer(?:ed|s|ing)?|repl(?:ied|ies|ying))\s+(?:on\s+\w+\s+|overnight\s+)?with\s+"
    r"(?:[\w-]+\s+){0,4}?(?:strikes?|airstrikes?|attacks?|raids?|rockets?|missiles?|drones?|barrages?|fire|shelling|"
    r"bombardment|salvos?|waves?))\b"
)
# A reply stated as an adverbial, then the clause's subject attacks: "In response, Israel bombed targets in Gaza".
_REPLY_OPENER = re.compile(r"\b[Ii]n\s+(?:response|retaliation|reprisal|return|revenge)\b(?!\s+(?:for|to)\b)\s*,?\s*")
_ATTACK_AFTER_SUBJECT = re.compile(
    r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}?(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?"
    r"(?:struck|hit|bombed|shelled|pounded|attacked|launched|fired|targeted|raided)\b"
)
# "in retaliation for Iran's missile barrage", "in response to the US strikes": the answered attack's author.
_REPLY_FOR = re.compile(
    r"\b[Ii]n\s+(?:response|retaliation|reprisal|revenge|return)\s+(?:for|to)\s+(?:the\s+|an?\s+|last\s+\w+['’]s\s+)?"
)
_ANSWERED_WORDS = (
    r"(?:attacks?|strikes?|airstrikes?|raids?|barrages?|bombings?|bombardment|shelling|offensive|assault|invasion|"
    r"incursion|killing|assassination)\b"
)
_ANSWERED_NOUN = re.compile(r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,3}?" + _ANSWERED_WORDS)
_ANSWERED_BY = re.compile(r"(?:[\w-]+\s+){0,3}?" + _ANSWERED_WORDS + r"\s+by\s+(?:the\s+)?")
# "fired back at a cargo ship" names what the reply hit; "on Tuesday", "at dawn" only say when.
_ITS_UNITS = re.compile(
    r",?\s+and\s+(?:then\s+)?(?:its|their)\s+(?:[a-z-]+\s+)?(?:jets|warplanes|forces|troops|army|military|aircraft|"
    r"drones|artillery|fighters)\s+(?:\w+ly\s+)?$"
)
_OWN_TARGET_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:at|on|against|toward|towards|into)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|dawn|night|midnight|noon|once|the\s+(?:same|next|following)\b|\d))"
)
_REPLY_WORDS = (
    "retaliat",
    " back ",
    " back,",
    " back.",
    "respond",
    "response",
    "answer",
    "replied",
    "replies",
    "replying",
    "reprisal",
    "in return",
    "revenge",
)
# How far back (characters) the answered attack may be told: the same or the previous paragraph or two.
_REPLY_REACH = 700


def reply_word_starts(text: str) -> list[int]:
    """Where the words any reply rule needs occur, in order: one pass over the article, not one per sentence."""
    lowered = text.lower()
    starts = []
    for word in _REPLY_WORDS:
        position = lowered.find(word)
        while position >= 0:
            starts.append(position)
            position = lowered.find(word, position + 1)
    return sorted(starts)


def reply_links(
    text: str,
    sentence: Span,
    nodes: list[LinkNode],
    stated: Sequence[tuple[str, str, str, Span]],
) -> Iterator[tuple[str, str]]:
    """(replier, earlier attacker) for a reply in this sentence that names no target of its own.

    Callers skip sentences holding none of the reply words (see reply_word_starts).
    """
    body = text[sentence.start : sentence.end]
    replies_for = list(_REPLY_FOR.finditer(body))
    verbs, openers = list(_REPLY_VERB.finditer(body)), list(_REPLY_OPENER.finditer(body))
    if not (replies_for or verbs or openers):
        return  # "responsible", "in response to questions": a reply word, but no reply
    view = SentenceView(text, sentence, nodes)
    yield from _answered_in_sentence(view, replies_for)
    for replier in _repliers(view, verbs, openers):
        if any(
            source == replier.name and span == sentence for source, _, relation, span in stated if relation == "attacks"
        ):
            continue  # the reply names its own target ("Israel retaliated with strikes on Hezbollah")
        attacker = _answered_attacker(replier.name, sentence, stated)
        if attacker is not None:
            yield replier.name, attacker


def _repliers(view: SentenceView, verbs: list[re.Match[str]], openers: list[re.Match[str]]) -> Iterator[LinkNode]:
    for match in verbs:
        start = view.sentence.start + match.start()
        replier = view.before(start, 60)
        its_units = replier is not None and _ITS_UNITS.search(view.text, replier.end, start) is not None
        if its_units:
            # "The IDF said Hezbollah fired rockets at Israel, and its jets struck back": "its" is the subject's.
            replier = view.nodes[0] if view.nodes[0].start - view.sentence.start <= 30 else None
        if replier is None or replier.generic or (replier.speaker and not its_units):
            continue
        if "," in view.gap(replier.end, start) and not its_units:
            continue
        if attack_relation(view, replier, start) != "attacks":
            continue  # "Hezbollah vowed to hit back", "Israel has not retaliated", "if Iran retaliates"
        if _OWN_TARGET_AFTER.match(view.text, view.sentence.start + match.end(), view.sentence.end):
            continue  # "the Houthis fired back at a cargo ship": the reply names what it hit
        yield replier
    for match in openers:
        subject = view.after(view.sentence.start + match.end(), 2, agentive_only=True)
        if subject is None or subject.generic:
            continue
        attack = _ATTACK_AFTER_SUBJECT.match(view.text, subject.end, view.sentence.end)
        if attack is not None and attack_relation(view, subject, attack.end()) == "attacks":
            yield subject


def _answered_attacker(replier: str, sentence: Span, stated: Sequence[tuple[str, str, str, Span]]) -> str | None:
    """The source of the latest attack on the replier told in this sentence or shortly before it."""
    latest: tuple[int, str] | None = None
    for source, target, relation, span in stated:
        if relation != "attacks" or target != replier or source == replier:
            continue
        if span.start > sentence.start or sentence.start - span.start > _REPLY_REACH:
            continue
        if latest is None or span.start >= latest[0]:
            latest = (span.start, source)
    return latest[1] if latest else None


def _answered_in_sentence(view: SentenceView, replies_for: list[re.Match[str]]) -> Iterator[tuple[str, str]]:
    """ "Israeli jets struck sites in Iran in retaliation for Iran's barrage": the striker hits the author."""
    for match in replies_for:
        position = view.sentence.start + match.end()
        author = view.after(position, 2, agentive_only=True)
        if author is None or not _ANSWERED_NOUN.match(view.text, author.end, view.sentence.end):
            by = _ANSWERED_BY.match(view.text, position, view.sentence.end)
            author = view.after(by.end(), 2, agentive_only=True) if by else None
        if author is None or author.generic:
            continue
        subject = next((node for node in view.nodes if node.agentive and not node.speaker), None)
        if subject is None or subject.generic or subject.name == author.name or subject.start >= author.start:
            continue
        attack = _ATTACK_AFTER_SUBJECT.match(view.text, subject.end, view.sentence.end)
        if attack is None or subject.start - view.sentence.start > 40:
            continue  # only the subject opening the sentence answers
        if attack_relation(view, subject, attack.end()) == "attacks":
            yield subject.name, author.name
