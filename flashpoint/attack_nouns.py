"""Attack rules for attacks stated as nouns and wars: "strikes on X", "the X-led attack", "war between X and Y"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from flashpoint.link_nodes import LIST_GAP, LinkNode, SentenceView, Trigger, both_ways, pairs, word_forms

ATTACK_WORDS = word_forms(
    "attack strike bomb shell target raid pound ambush assault invade kill fire launch seize hijack assassinate "
    "eliminate retaliate wound injure storm overrun fight destroy shoot",
    "struck striking hitting hit hits invading seizing firing assassinating eliminating retaliating hurt overran "
    "fought shot",
)
SUBORDINATE = re.compile(r"\b(?:after|following|because|amid|since|while|when|until|before)\b")
_ATTACK_NOUN = Trigger(
    re.compile(
        r"\b(?:attacks?|strikes?|airstrikes?|raids?|assaults?|bombings?|bombardments?|shelling|offensive|incursions?|"
        r"invasion|war|campaign|operations?|fire|barrages?|ambush(?:es)?|aggression|retaliation|insurgency)\b"
    ),
    ATTACK_WORDS
    | word_forms("airstrike raid bombing bombardment offensive incursion campaign operation barrage aggression")
    | frozenset({"war", "invasion", "retaliation", "insurgency"}),
)
NOUN_WORDS = _ATTACK_NOUN.words
_TARGET_PREPOSITION = re.compile(
    r"(?:\s+(?:in|across|inside|throughout)\s+[^,;.]{1,40}?)?\s+(?:on|against|targeting|at|upon)\s+"
    # "bombardment of Gaza", "invasion of Lebanon": nouns whose "of" names what is hit.
    r"|(?:(?<=bombardment)|(?<=invasion)|(?<=shelling)|(?<=blockade)|(?<=siege))\s+of\s+"
)
_LAUNCH_WORDS = re.compile(
    r"\b(?:launch|carr|conduct|stag|mount|began|begin|start|wag|step|intensif|claim|responsib|behind|order|continu|"
    r"escalat|resum|unleash|open|respond|retaliat|answer|fought|fight|suspend|halt|paus|join|took\s+part|"
    r"participat)\w*"
)
_WAR_BETWEEN = Trigger(
    re.compile(
        r"\b(?:war|conflict|fighting|clashes|hostilities|exchanges(?:\s+of\s+fire)?|confrontation|battles?|skirmishes|"
        r"fire)\s+between\s+(?:the\s+)?"
    ),
    frozenset({"between"}),
)
_WAR_WITH = Trigger(
    re.compile(r"\b(?:war|conflict|fighting|battle|confrontation|clashes)\s+(?:with|against)\s+(?:the\s+)?"),
    frozenset({"with", "against"}),
)
_MUTUAL_VERB = re.compile(
    r"^\s+(?:(?:have|has|had|are|were|been)\s+){0,2}(?:\w+ly\s+)?(?:clashed|fought|been\s+at\s+war|at\s+war|"
    r"(?:exchanged|exchanging|traded|trading)\s+(?:fire|blows|strikes|attacks))\b"
)
_CLASHED_WITH = Trigger(
    re.compile(r"\b(?:clashed|fought|battled|exchanged\s+fire|traded\s+fire|skirmished)\s+with\s+(?:the\s+)?"),
    word_forms("clash fought battle exchange trade skirmish"),
)
_HYPHEN_PAIR_NOUN = re.compile(r"^\s*(?:war|conflict|fighting|hostilities|clashes|confrontation|exchanges)\b")
_COALITION_AGAINST = re.compile(
    r"\s+(?:against|fighting|battling|to\s+defeat|in\s+the\s+fight\s+against)\s+(?:the\s+)?"
)
_INSIDE = re.compile(r"\binside\s+(?:the\s+)?")
_CLAUSE_END_NOUN = re.compile(r"[;]|\b(?:after|following|because|amid|since|while|when|until|said|says)\b")
_IN_WHICH_DIED = re.compile(
    r"[^.;]{0,80}?,?\s+in\s+which\s+(?P<dead>[^.;]{0,80}?)\s(?:died|were\s+killed|was\s+killed|were\s+wounded|"
    r"perished|lost\s+their\s+lives)\b"
)
_RELATIVE_AFTER = re.compile(r"\s*,\s*(?:which|who|whose)\b")
_ASIDE_OPENER = re.compile(r",\s*(?:which|who|whom|whose|an?|the)\b")
_LED_OR_WITH_GAP = re.compile(
    r"^[-‑–](?:led|launched|orchestrated|planned)\s+(?:[a-z-]+\s+){0,2}$"
    r"|^(?:\s+(?:has|have|had))?\s+[a-z]+ed\s+(?:it\s+|them\s+)?with\s+(?:[a-z-]+\s+){0,3}$"
    r"|^\s*,\s*whose\s+(?:[a-z-]+\s+){0,2}$"
)
_VERB_GAP = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?[a-z]+\s+(?:the\s+)?")
_ADJECTIVES_ONLY = re.compile(r"(?:[a-z-]+\s+){0,2}")
_SIDE_GAP = re.compile(
    r"\s*,\s*whose\s+(?:[a-z-]+\s+)?"
    r"|\s+(?:[a-z-]+\s+)?(?:were|was|have\s+been|had\s+been)\s+(?:killed|wounded|injured|hurt)\s+(?:in|during)\s+"
    r"(?:[\w-]+\s+){0,4}"
)
# Words between an actor and its attack noun: modifiers and a date ("Hamas's October 7 attack", "Iran's 2024 strikes").
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MODIFIER_GAP = re.compile(
    rf"^(?:['’]s?)?(?:\s+(?:[a-z-]+|\d{{1,4}}(?:st|nd|rd|th)?|(?:{_MONTHS})(?:\s+\d{{1,2}})?)){{0,3}}\s+$"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|threaten\w*|vow\w*|pledg\w*|warn\w*|promis\w*|plan\w*|prepar\w*|seek\w*|sought|"
    r"want\w*|ready|deter\w*|avoid\w*|prevent\w*|intend\w*|consider\w*|not|never|den(?:y|ied|ies)|rul\w*|urg\w*|"
    r"if)\b|n't\b"
)
# A strike whose author the article may name elsewhere: "a strike", "shelling", "tank fire", not "war" or "campaign".
_STRIKE_NOUN = re.compile(
    r"(?:attacks?|strikes?|airstrikes?|air\s+strikes?|raids?|bombings?|bombardments?|shelling|fire|barrages?|"
    r"shells?|missiles?|rockets?|drones?)"
)
_UNCLAIMED = re.compile(r"\b(?:[Uu]nclear|not\s+clear|[Uu]nknown|[Nn]o\s+(?:one|group)\s+(?:has\s+)?claimed)\b")
# The source of an attack whose attacker its sentence does not name; links.py resolves it from the paragraph.
UNATTRIBUTED = ""
_THREAT_WORDS = re.compile(r"\b(?:threaten\w*|vow\w*|pledg\w*|warn\w*|promis\w*)\b")
_CONDITIONAL_BEFORE = re.compile(r"\b(?:if|unless|whether)\b[^,;]*$")
# Words that make the attack an actor's noun phrase names a prospect, not an event.
_UNREAL_BEFORE = re.compile(
    r"\b(?:(?:warn\w*|caution\w*|advis\w*|lobb\w*)\s+against|possible|potential|planned|looming|expected|imminent|"
    r"threat\s+of|threats\s+of|fears?\s+of|risk\s+of|prospect\s+of|calls?\s+for|plans?\s+for|prepar\w*\s+for|"
    r"ready\s+for|avert\w*|avoid\w*|prevent\w*)\s+(?:an?\s+|the\s+|any\s+)?(?:[a-z-]+\s+)?$"
)


def war_links(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    for _, end in finder.matches(_WAR_BETWEEN):
        first = finder.after(end, 4, agentive_only=True)
        second = finder.after(first.end, 12, agentive_only=True) if first else None
        if first and second and LIST_GAP.match(finder.gap(first.end, second.start)):
            yield from both_ways(first, second)
    for start, end in finder.matches(_WAR_WITH):
        opponent = finder.after(end, 30, agentive_only=True)
        side = finder.before(start, 60)
        if opponent is None or side is None or not _ADJECTIVES_ONLY.fullmatch(finder.gap(end, opponent.start)):
            continue
        side_gap = finder.gap(side.end, start)
        # "Israel's war with", "Hamas, whose war with", "soldiers were killed in two days of fighting with".
        if MODIFIER_GAP.match(side_gap) or "at war" in finder.gap(side.end, end) or _SIDE_GAP.fullmatch(side_gap):
            yield from both_ways(side, opponent)
    for start, end in finder.matches(_CLASHED_WITH):
        side, opponent = finder.before(start, 40), finder.after(end, 30, agentive_only=True)
        if side and opponent and attack_relation(finder, side, start) == "attacks":
            yield from both_ways(side, opponent)
    for node in finder.nodes if _may_name_coalition(finder) else ():
        # "the coalition against IS", "the alliance fighting the Houthis": a military coalition's enemy.
        is_coalition = finder.text[node.start : node.end].lower().endswith(("coalition", "alliance"))
        against = _COALITION_AGAINST.match(finder.text, node.end) if is_coalition else None
        opponent = finder.after(against.end(), 2, agentive_only=True) if against else None
        if opponent is not None and opponent.name != node.name:
            yield node.name, opponent.name, "attacks"
    for first, second in zip(finder.nodes, finder.nodes[1:], strict=False):
        gap = finder.gap(first.end, second.start)
        if gap in {"-", "‑", "–", "/"} and _HYPHEN_PAIR_NOUN.match(finder.text[second.end : second.end + 20]):
            yield from both_ways(first, second)
        if "and" in gap and _AND_GAP.fullmatch(gap) and _MUTUAL_VERB.match(finder.text[second.end : second.end + 40]):
            yield from both_ways(first, second)


def _may_name_coalition(finder: SentenceView) -> bool:
    """False when no node can end in "coalition" or "alliance": neither is in the sentence and no node runs past it."""
    lowered = finder.body.lower()
    return (
        "coalition" in lowered or "alliance" in lowered or any(node.end > finder.sentence.end for node in finder.nodes)
    )


def noun_attacks(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    for start, end in finder.matches(_ATTACK_NOUN):
        following = finder.text[end : end + 80]
        agent = None
        by = _BY_AFTER.match(following)
        if by:
            agent = finder.after(end + by.end(), 2, agentive_only=True)
            if agent is None:
                continue
            following = finder.text[agent.end : agent.end + 80]
            position = agent.end
        else:
            position = end
        preposition = _TARGET_PREPOSITION.match(finder.text, position, position + 70)
        target = finder.after(preposition.end(), 60) if preposition else None
        if target is not None and preposition and _VERB_BETWEEN.search(finder.gap(preposition.end(), target.start)):
            continue  # "strike on Damascus consulate kills Guards commanders": the target phrase ended at the verb
        targets = finder.coordinated(target, 1) if target is not None else []
        # "strikes on hideouts inside Iran", "a strike in which seven IRGC members died": targets further on.
        further = _further_targets(finder, target.end if target else position)
        targets += [node for node in further if node not in targets]
        if not targets:
            continue
        if agent is None:
            after_target = targets[0].end
            tail = re.match(r"^[^.;]{0,40}?\b(?:by|from)\s+(?:the\s+)?", finder.text[after_target : after_target + 60])
            if tail and not _FINITE_VERB.search(tail.group(0)):
                # "strikes on X by US jets", not "strikes on X were supported by Australia": a verb ends the phrase.
                agent = finder.after(after_target + tail.end(), 2, agentive_only=True)
        if agent is None:
            agent = noun_modifier_or_subject(finder, start)
        if agent is None:
            if _STRIKE_NOUN.fullmatch(finder.text, start, end) and unattributed(finder, start):
                yield from ((UNATTRIBUTED, target.name, "attacks") for target in targets)
            continue
        relation = attack_relation(finder, agent, start)
        if relation:
            yield from pairs(finder.coordinated(agent, -1), targets, relation)


def unattributed(finder: SentenceView, start: int) -> bool:
    """True for a strike stated as done, with no actor before it in its sentence ("Before dawn, a strike on ...")."""
    if any(node.agentive and node.end <= start for node in finder.nodes):
        return False  # an actor before the attack was not its agent ("Iran vows revenge after strike on ...")
    before = finder.text[finder.sentence.start : start]
    return not (
        _HYPOTHETICAL.search(before)
        or _UNREAL_BEFORE.search(before)
        or _UNCLAIMED.search(finder.body)
        or _CONDITIONAL_BEFORE.search(before)
    )


def _further_targets(finder: SentenceView, position: int) -> list[LinkNode]:
    """States named "inside" after an attack noun, and the dead of an "in which ... died" clause."""
    found: list[LinkNode] = []
    # Both patterns need a word the sentence may lack ("inside", "which"): test the word set before scanning.
    if "inside" in finder.words:
        clause_end = _CLAUSE_END_NOUN.search(finder.text, position, finder.sentence.end)
        limit = clause_end.start() if clause_end else finder.sentence.end
        inside = _INSIDE.search(finder.text, position, min(limit, position + 90))
        if inside:
            found += [node for node in finder.nodes if inside.end() <= node.start <= inside.end() + 1]
    died = _IN_WHICH_DIED.match(finder.text, position, finder.sentence.end) if "which" in finder.words else None
    if died:
        found += [node for node in finder.nodes if died.start("dead") <= node.start < died.end("dead")]
    return found


def noun_modifier_or_subject(finder: SentenceView, noun_start: int) -> LinkNode | None:
    candidate = finder.before(noun_start)
    if candidate is None:
        return None
    gap = finder.gap(candidate.end, noun_start)
    # "Israeli drone strike on", "Israel's war on": only modifiers between; "blamed the attack on" is no subject.
    words = gap.lower().split()
    if _BLAMED.search(gap):
        return None  # "Washington has blamed previous attacks on militias": the militias attacked
    modifier = MODIFIER_GAP.match(gap) and not any(word in {"a", "an", "the"} for word in words)
    modifier = modifier and not SUBORDINATE.search(gap)
    # "the Hamas-led attack", "responded with waves of strikes on": the actor leads or wields the attack.
    if modifier and re.match(r"\s+with\b", gap):
        # "X has backed Hamas with fire on Y": the verb's subject wields the fire, not its object.
        subject = finder.before(candidate.start, 40)
        if subject is not None and _VERB_GAP.fullmatch(finder.gap(subject.end, candidate.start)):
            return subject
    if modifier or _LED_OR_WITH_GAP.match(gap):
        return candidate
    if _LAUNCH_WORDS.search(gap):
        # "KH, which Washington blames for the Jordan attack, suspended its operations": the aside's last actor
        # does not launch; the actor the aside describes does.
        closes_aside = "," in gap and not _RELATIVE_AFTER.match(gap)
        return _described_by_aside(finder, candidate) if closes_aside else candidate
    return None


def _described_by_aside(finder: SentenceView, aside_end: LinkNode) -> LinkNode | None:
    openers = list(_ASIDE_OPENER.finditer(finder.text, finder.sentence.start, aside_end.start))
    if not openers:
        return aside_end  # no aside opens before it: "Israel, in a statement, said it continued strikes"
    opener = openers[-1]
    described = finder.before(opener.start() + 1, 2)
    return described if described is not None and described.end <= opener.start() + 1 else None


def attack_relation(finder: SentenceView, agent: LinkNode, trigger_start: int) -> str | None:
    """'attacks' for a stated attack; 'threatens' for a vowed one; None for hypothetical or denied ones."""
    gap = finder.gap(agent.end, trigger_start)
    before = finder.text[max(finder.sentence.start, agent.start - 40) : agent.start]
    if _CONDITIONAL_BEFORE.search(before) or _UNREAL_BEFORE.search(before):
        return None  # "if Iran attacks", "warned against an Israeli offensive", "a possible Israeli strike"
    if _THREAT_WORDS.search(gap):
        return "threatens"
    if _HYPOTHETICAL.search(gap) and not re.search(r"\bhistory of\b", gap):
        return None
    return "attacks"


# Verbs that end a noun phrase: a target named after one belongs to another clause.
_VERB_BETWEEN = re.compile(
    r"\b(?:kills?|killed|killing|said|says|hit|hits|struck|wounded|injured|destroyed|damaged|left|sparked|prompted)\b"
)
_BLAMED = re.compile(r"\bblam(?:e|es|ed|ing)\b")
_AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?")
_FINITE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|been|said|says)\b")
_BY_AFTER = re.compile(r"^\s+(?:by|from)\s+(?:the\s+)?")
