"""Find the numbers an article states about attacks, casualties, hostages, displacement and weapons, with their kind.

Rules, in the order they are tried for each amount in a sentence:
1. a killing/wounding/abducting verb right before it ("killing six", "wounded 284", "the deaths of 3 soldiers",
   "killed five of the group's fighters"), or a toll or tally before it ("the death toll climbs to 12",
   "put the number of dead at under 100", "attacked at least 66 times");
2. people words and a casualty verb or noun after it, across a comma, dash or bracket aside ("12 people have
   now died", "16 people, civilians among them, were killed", "left 3 dead");
3. a counted noun after it ("13 attacks", "85 targets", "dozens of missiles", "30 casualties" when only wounds
   are mentioned), or a tally after it ("bringing to 250 the number killed");
4. people joined to the object of a casualty verb ("killed a commander and two of his guards");
5. a breakdown or continuation of the figure before it in the same sentence ("75 injured, 15 of them
   critically", "including 5 children", "nine people, three women, four children and two men", "11 killed:
   eight Iranians, two Syrians", "13 attacks in Iraq and another 10 in Syria", "66 attacks, 32 in Iraq"), or
   of the figure right after it ("3 of 21 Palestinians killed"): breakdowns and totals are both kept, and a
   total the text does not state is never made up.
Running totals stated as ordinals ("the 108th attack") count attacks. Only written amounts count: "a soldier was
killed" states no number. Vague amounts ("dozens", "hundreds") become figures with value None and the vague word
as qualifier. Bombings, blasts and shells are not counted as attacks: several may make up one attack.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from flashpoint.figure_patterns import (
    ACTIVE_OBJECT,
    AMBIGUOUS_PARTICIPLES,
    BEFORE,
    HARM_HINT,
    HARM_KINDS,
    MODIFIER,
    NOUN_TAIL,
    ORDINAL,
    PEOPLE,
    PEOPLE_TAIL,
    PERSON,
    TALLY_VERB,
    VERB_OBJECT_TAIL,
    ordinal_matches,
)
from flashpoint.model import Figure, Span
from flashpoint.numbers import NumberMention, amount_starts, bounded_by_space, find_numbers

# "Hezbollah has lost 100 fighters": losing people counts the dead.
_LOST_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:now\s+|already\s+)?lost\s+$", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(rf"(?:\s+{MODIFIER}){{0,3}}\s+{PEOPLE}\b", re.IGNORECASE)
_PEOPLE_AFTER_OF = re.compile(
    rf"(?:\s+of\s+(?:his|her|their|its|the))?(?:\s+{MODIFIER}){{0,3}}\s+(?:{PEOPLE}|{PERSON})\b"
    # A verb of its own starts a new clause: "killed 5 people and 3 soldiers were arrested", "2 officials said".
    r"(?!\s+(?:were|was|are|is|have|has|had|said|say|says|told|reported|added|confirmed)\b)",
    re.IGNORECASE,
)
# "12 people were killed or wounded" adds two kinds together: no figure of either kind.
_EITHER_KIND_AFTER = re.compile(r"\s+or\s+(?:were\s+)?(?:wounded|injured|hurt|killed|dead|missing)\b", re.IGNORECASE)
_JOINED = (
    r"(?:(?!\b(?:were|was|are|is|and)\b)[^;:]){0,80}?(?:\band|\balong\s+with|\bas\s+well\s+as|,)\s+"
    r"(?:(?:his|her|their|its)\s+)?$"
)
_COORDINATED_BEFORE = {
    "killed": re.compile(rf"\b(?:killed|killing|kills)\b{_JOINED}"),
    "injured": re.compile(rf"\b(?:wounded|wounding|injured|injuring)\b{_JOINED}"),
}
_TOLL = re.compile(rf"\btoll\b[^;:]{{0,80}}?\b{TALLY_VERB}\s+$", re.IGNORECASE)
_TALLY = re.compile(
    r"\b(?:number|tally|total|count)\s+of\s+(?:[\w-]+\s+){0,4}?"
    r"(?:(?P<killed>killed|dead|deaths|fatalities|died)|(?P<injured>wounded|injured|injuries)"
    rf"|(?P<attacks>attacks|strikes|incidents))\b[^;:]{{0,60}}?\b{TALLY_VERB}\s+$",
    re.IGNORECASE,
)
# "Palestinian deaths have surpassed 30,000": the counted thing is the subject of the tally verb.
_SUBJECT_TALLY = re.compile(
    r"\b(?:(?P<killed>deaths|fatalities|dead)|(?P<injured>injuries|wounded|injured)|(?P<attacks>attacks|strikes))\b"
    r"[^;:]{0,50}?\b(?:has|have|had)?\s*(?:numbered|totall?ed|surpassed|passed|topped|exceeded|crossed|reached"
    r"|(?:rose|risen|climbed|jumped|grown|grew|increased)\s+to|stand\s+at|stood\s+at)\s+$",
    re.IGNORECASE,
)
# "bringing to 250 the number killed": the tally named after the amount.
_RAISED_TO_BEFORE = re.compile(
    r"\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|took|pushing|pushes|pushed)\s+to\s+$",
    re.IGNORECASE,
)
_TALLY_AFTER = re.compile(
    r"\s+the\s+(?:overall\s+|total\s+|official\s+)?(?:(?P<toll>(?:death|casualty)\s+toll)"
    r"|(?:number|tally|total|count)\s+(?:of\s+)?(?:[\w-]+\s+){0,3}?(?:(?P<killed>killed|dead|deaths|fatalities)"
    r"|(?P<injured>wounded|injured|injuries)|(?P<attacks>attacks|strikes|incidents)))\b",
    re.IGNORECASE,
)
_ATTACKED_BEFORE = re.compile(
    r"\b(?:attack(?:ed)?|targeted|struck|hit|fired\s+(?:on|at|upon)|under\s+fire|shelled|bombed|raided)\b[^;:]{0,60}$",
    re.IGNORECASE,
)
_TIMES_AFTER = re.compile(r"\s+times\b", re.IGNORECASE)
# "75 injured, 15 of them critically", "17 soldiers were hurt, 3 seriously".
_BREAKDOWN_AFTER = re.compile(
    r"\s+of\s+(?:them|whom|those)\b|\s+(?:seriously|critically|severely|badly|gravely|moderately|lightly|slightly)\b",
    re.IGNORECASE,
)
_BREAKDOWN_BEFORE = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+which)\s+$",
    re.IGNORECASE,
)
# Between one counted item of a list and the next: "eight Iranians, two Syrians and ...".
_LIST_GAP = re.compile(
    rf"(?:\s+{MODIFIER}){{0,3}}\s+(?:{PEOPLE}|{PERSON})\s*(?:,\s*(?:and\s+)?|\s+and\s+|[—–(]\s*|\s+-\s+)",
    re.IGNORECASE,
)
# A list opened by a colon or dash after the figure: "11 people were killed in all: eight Iranians, ...",
# "97 attacks on US forces - 40 in Iraq and 57 in Syria".
_COLON_GAP = re.compile(r"[^;:]{0,60}(?::|\s[—–-]|[—–])\s*")
# "Among those killed in separate strikes on Saturday were five journalists".
_AMONG_BEFORE = re.compile(
    r"\bamong\s+(?:the|those)\s+(?:(?P<killed>dead|killed|victims)|(?P<injured>wounded|injured|hurt))\b[^;:]{0,60}?"
    r"\b(?:were|are|was|is)\s+$",
    re.IGNORECASE,
)
# "The fighting has claimed 12 lives".
_LIVES_BEFORE = re.compile(r"\b(?:claimed|claiming|claims|cost|costing|costs|took|taking|takes)\s+$", re.IGNORECASE)
_LIVES_AFTER = re.compile(r"(?:\s+(?:more|other|further|additional|civilian|innocent|young))?\s+lives\b", re.IGNORECASE)
# "Of those killed, 40 were children".
_OF_THOSE_BEFORE = re.compile(
    r"\b(?:of|among)\s+(?:those|the)\s+(?:(?P<killed>killed|dead|victims|fatalities)|(?P<injured>wounded|injured|hurt))"
    r"\s*,\s*$",
    re.IGNORECASE,
)
# "66 attacks against US forces, 32 in Iraq and 34 in Syria", "Of the 151 attacks, 60 were in Iraq": a part of the
# figure before, placed by a short phrase that ends the clause (a verb there would start a new one).
_COMMA_GAP = re.compile(r"[^;:\d]{0,60},\s*")
_PLACED_PART_AFTER = re.compile(
    r"(?:\s+(?:were|was))?\s+(?:in|on|at|inside|near|against|across|from)\s+"
    r"(?:(?!\b(?:were|was|are|is|had|have|has|will|would|\w+ed)\b)[^,;:]){1,40}?(?=\s*[,.;)]|\s*$|\s+and\s)",
    re.IGNORECASE,
)
# "13 attacks in Iraq and another 10 in Syria", "for that attack and for more than 160 others on its forces".
_ELLIPSIS_BEFORE = re.compile(r"\band\s+(?:(?:for|in|on|at|against)\s+)?(?:another\s+|a\s+further\s+)?$", re.IGNORECASE)
_ELLIPSIS_AFTER = re.compile(
    r"(?P<pronoun>\s+(?:others|more))?(?=\s*[,.;)]|\s*$|\s+(?:in|on|at|across|near|from|against|since|during|over"
    r"|this|last|overnight|earlier|later|elsewhere)\b)",
    re.IGNORECASE,
)
_ATTACK_NOUN_BEFORE = re.compile(
    r"\b(?:attacks?|strikes?|incidents?|assaults?)\b(?P<gap>[^,;:]{0,40}?)\band\s+(?:(?:for|in|on|at|against)\s+)?$",
    re.IGNORECASE,
)
# "3 of 21 Palestinians killed": a part named before the whole it belongs to.
_PARTITIVE_GAP = re.compile(r"\s+of\s+(?:the\s+|those\s+|these\s+)?", re.IGNORECASE)
_COUNTED_IN_GAP = re.compile(rf"\b(?:{PEOPLE}|{PERSON})\b", re.IGNORECASE)
# "the 108th attack", "the group's 27th attack": a running total. Found from the digits, which are rare, then
# checked on both sides.
_ORDINAL_BEFORE = re.compile(r"(?:\bthe|\bits|\btheir|['’]s?)\s+$", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(rf"(?:\s+{MODIFIER}){{0,3}}\s+(?:attack|strike|assault|incident)s?\b", re.IGNORECASE)
_WOUND_WORDS = re.compile(r"injur|wound|hurt", re.IGNORECASE)
_DEATH_WORDS = re.compile(r"kill|dead|death|died|fatal", re.IGNORECASE)
_HEAD_CHARS = 160
# The longest casualty verb phrase before an amount ("among the wounded were", "claimed the lives of") fits here.
_VERB_PHRASE_CHARS = 48
_TALLY_WORDS = ("number", "tally", "total", "count")
_BREAKDOWN_KINDS = frozenset({"attacks", "killed", "injured", "hostages", "displaced"})


def _tail_kind(text: str, mention: NumberMention, sentence: Span, harm: bool) -> str | None:
    tail = PEOPLE_TAIL.match(text, mention.end, sentence.end) if harm else None
    if tail:
        kind = next(name for name in HARM_KINDS if tail.group(name))
        verb = tail.group(kind).lower()
        if _EITHER_KIND_AFTER.match(text, tail.end(), sentence.end):
            return None
        # After an aside, "killed" alone may be an active verb of a new clause ("300 troops, in clashes, killed").
        ambiguous = not tail.group("auxiliary") and verb in AMBIGUOUS_PARTICIPLES
        if not (ambiguous and (tail.group("aside") or ACTIVE_OBJECT.match(text, tail.end(), sentence.end))):
            return kind
    noun = NOUN_TAIL.match(text, mention.end, sentence.end)
    if noun:
        kind = next(name for name in ("attacks", "missiles", "drones", "targets", "casualties") if noun.group(name))
        if kind != "casualties":
            return kind
        words = text[sentence.start : sentence.end]
        if _WOUND_WORDS.search(words) and not _DEATH_WORDS.search(words):
            return "injured"
    return None


def _head_kind(text: str, mention: NumberMention, sentence: Span, harm: bool) -> str | None:
    head = text[max(sentence.start, mention.phrase_start - _HEAD_CHARS) : mention.phrase_start]
    # Plain substring tests first: a case-insensitive search over the whole head costs far more.
    lowered = head.lower()
    if harm:
        if VERB_OBJECT_TAIL.match(text, mention.end, sentence.end):
            near = head[-_VERB_PHRASE_CHARS:]
            for kind, pattern in BEFORE.items():
                if pattern.search(near):
                    return kind
            if "among" in lowered:
                among = _AMONG_BEFORE.search(head)
                if among:
                    return "killed" if among.group("killed") else "injured"
        if "lost" in lowered and _LOST_BEFORE.search(head) and _PEOPLE_AFTER.match(text, mention.end, sentence.end):
            return "killed"
        if "toll" in lowered and _TOLL.search(head):
            return "killed"
        if _LIVES_AFTER.match(text, mention.end, sentence.end) and _LIVES_BEFORE.search(head):
            return "killed"
        among = _OF_THOSE_BEFORE.search(head) if head.rstrip().endswith(",") else None
        if among:
            return "killed" if among.group("killed") else "injured"
    tally = _TALLY.search(head) if any(word in lowered for word in _TALLY_WORDS) else None
    if tally is None and _ELLIPSIS_AFTER.match(text, mention.end, sentence.end):
        # Only a bare amount: "strikes reached 40 targets" counts targets, not strikes.
        tally = _SUBJECT_TALLY.search(head)
    if tally:
        return next(name for name in ("killed", "injured", "attacks") if tally.group(name))
    if _TIMES_AFTER.match(text, mention.end, sentence.end) and _ATTACKED_BEFORE.search(head):
        return "attacks"
    if lowered.rstrip().endswith(" to") and _RAISED_TO_BEFORE.search(head):
        tally = _TALLY_AFTER.match(text, mention.end, sentence.end)
        if tally:
            return next((name for name in ("injured", "attacks") if tally.group(name)), "killed")
    return None


def _coordinated_kind(text: str, mention: NumberMention, sentence: Span, harm: bool) -> str | None:
    if not harm or not _PEOPLE_AFTER_OF.match(text, mention.end, sentence.end):
        return None
    head = text[max(sentence.start, mention.phrase_start - 100) : mention.phrase_start]
    return next((kind for kind, pattern in _COORDINATED_BEFORE.items() if pattern.search(head)), None)


def _follows_kind(text: str, mention: NumberMention, sentence: Span, previous: Figure | None) -> str | None:
    """The kind this amount takes over from the figure before it, when it breaks that figure down or continues it."""
    head = text[max(sentence.start, mention.phrase_start - 40) : mention.phrase_start]
    if previous is not None and previous.kind in _BREAKDOWN_KINDS:
        if _BREAKDOWN_AFTER.match(text, mention.end, sentence.end) or _BREAKDOWN_BEFORE.search(head):
            return previous.kind
        people_after = _PEOPLE_AFTER_OF.match(text, mention.end, sentence.end)
        gap_start, gap_end = previous.span.end, mention.phrase_start
        if people_after and _LIST_GAP.fullmatch(text, gap_start, gap_end):
            return previous.kind
        bare = _ELLIPSIS_AFTER.match(text, mention.end, sentence.end)
        if (people_after or bare) and _COLON_GAP.fullmatch(text, gap_start, gap_end):
            return previous.kind
        if bare and _ELLIPSIS_BEFORE.search(head):
            return previous.kind
        if _COMMA_GAP.fullmatch(text, gap_start, gap_end) and _PLACED_PART_AFTER.match(text, mention.end, sentence.end):
            return previous.kind
    if previous is None:
        bare = _ELLIPSIS_AFTER.match(text, mention.end, sentence.end)
        if bare and bare.group("pronoun"):
            attack = _ATTACK_NOUN_BEFORE.search(text, sentence.start, mention.phrase_start)
            if attack and attack.end() == mention.phrase_start and not _COUNTED_IN_GAP.search(attack.group("gap")):
                return "attacks"
    return None


def _figure(text: str, mention: NumberMention, kind: str, sentence_text: str) -> Figure:
    span = Span(mention.start, mention.end)
    return Figure(kind, mention.value, mention.qualifier, text[span.start : span.end], sentence_text, span)


def _sentence_figures(
    text: str, sentence: Span, starts: list[int] | None, ordinals: Iterable[re.Match[str]]
) -> list[Figure]:
    sentence_text = text[sentence.start : sentence.end]
    figures: list[Figure] = []
    mentions = find_numbers(text, sentence.start, sentence.end, starts)
    harm = bool(mentions) and HARM_HINT.search(sentence_text.lower()) is not None
    kinds: list[str | None] = []
    for mention in mentions:
        kind = (
            _head_kind(text, mention, sentence, harm)
            or _tail_kind(text, mention, sentence, harm)
            or _coordinated_kind(text, mention, sentence, harm)
            or _follows_kind(text, mention, sentence, figures[-1] if figures else None)
        )
        kinds.append(kind)
        if kind is not None:
            figures.append(_figure(text, mention, kind, sentence_text))
    for part, whole, whole_kind in zip(mentions, mentions[1:], kinds[1:], strict=False):
        partitive = _PARTITIVE_GAP.fullmatch(text, part.end, whole.phrase_start)
        if (
            partitive
            and whole_kind in _BREAKDOWN_KINDS
            and not any(figure.span.start == part.start for figure in figures)
        ):
            figures.append(_figure(text, part, whole_kind, sentence_text))
    for match in ordinals:
        head = text[max(sentence.start, match.start() - 12) : match.start()]
        whole = not head or not (head[-1].isalnum() or head[-1] == ",")
        if whole and _ORDINAL_BEFORE.search(head) and _ORDINAL_AFTER.match(text, match.end(), sentence.end):
            span = Span(*match.span("number"))
            value = int(match.group("number").replace(",", ""))
            figures.append(Figure("attacks", value, None, match.group("number"), sentence_text, span))
    return figures


def find_figures(text: str, sentences: list[Span]) -> tuple[Figure, ...]:
    """Every attack, casualty, hostage, displacement, missile, drone and target count in the text, in text order."""
    figures: list[Figure] = []
    # Amount starts and ordinals are found in one pass over the text; a sentence with white space on both sides
    # has exactly the ones inside it, and one with neither holds no figure.
    starts = amount_starts(text)
    ordinals = list(ordinal_matches(text))
    ordinal_starts = [match.start() for match in ordinals]
    for sentence in sentences:
        if starts is None or not bounded_by_space(text, sentence.start, sentence.end):
            figures.extend(
                _sentence_figures(text, sentence, None, ORDINAL.finditer(text, sentence.start, sentence.end))
            )
            continue
        first_ordinal = bisect.bisect_left(ordinal_starts, sentence.start)
        last_ordinal = bisect.bisect_left(ordinal_starts, sentence.end)
        has_amount = bisect.bisect_left(starts, sentence.start) < bisect.bisect_left(starts, sentence.end)
        if has_amount or first_ordinal < last_ordinal:
            figures.extend(_sentence_figures(text, sentence, starts, ordinals[first_ordinal:last_ordinal]))
    figures.sort(key=lambda figure: figure.span.start)
    return tuple(figures)
