"""Link rules that need the whole article: blame and claims for the reported attack, and the lead's attackers."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from flashpoint.attack_nouns import attack_relation
from flashpoint.blame_links import blamed_on
from flashpoint.link_nodes import LinkNode, SentenceView
from flashpoint.model import Span
from flashpoint.reply_links import reply_links, reply_word_starts

# "One of the groups carried out the attack": a claim or attribution that names no target in its sentence.
_CLAIMED = re.compile(
    r"\b(?:carried\s+out|was\s+behind|were\s+behind|(?:is|are|was|were)\s+responsible\s+for|"
    r"claimed(?:\s+responsibility\s+for)?)\s+(?:the|that|this|these|those|last\s+\w+'s)\s+(?:[\w-]+\s+){0,2}"
    r"(?:attacks?|strikes?|bombings?|assaults?|raids?)\b"
)
# "The Guards said the operation was punishment for ...": owning the reported attack as an answer to another.
_CLAIMED_AS_ANSWER = re.compile(
    r"\b(?:said|called|described)\s+(?:the|its|their|this)\s+(?:[\w-]+\s+){0,2}(?:operation|attack|strikes?|barrage)"
    r"\b(?:,[^,.;]{0,60},)?\s+(?:was|as)\s+(?:an?\s+)?(?:punishment|retaliation|revenge|response|reprisal|answer)\b"
)
# "Washington blamed X", "holds X responsible": the blamed actor follows the verb.
_BLAMES_OBJECT = re.compile(r"\b(?:blamed|blames|blaming|holds|held|hold)\s+(?:the\s+)?")
# "the factions it blames for attacks on its troops": the blamed actor comes first.
_BLAMED_BEFORE = re.compile(
    r"\s+(?:that\s+|which\s+|whom\s+)?(?:it|they|Washington)\s+(?:has\s+|have\s+)?(?:blames?|blamed|holds?\s+responsible)"
    r"\s+for\b"
)
_BLAME_NEGATED = re.compile(r"\b(?:not|never|n't|no)\b|\bden(?:y|ied|ies)\b")
# What the blame is for: attacks on someone named, on the blamer's own forces, or on nobody named.
_BLAMED_FOR_ON = re.compile(
    r"^[^.;]{0,120}?\bfor\s+(?:[\w-]+\s+){0,6}?(?:attacks?|strikes?|others|bombings?|raids?)\s+"
    r"(?:on|against|targeting)\s+(?:the\s+)?(?P<own>(?:its|their)\s+(?:own\s+)?(?:[a-z]+\s+)?"
    r"(?:troops|forces|soldiers|personnel|bases|positions|interests|citizens|consulate|embassy|territory|soil|"
    r"diplomats|nationals|people|ships|warships))?"
)
_FOR = re.compile(r"\bfor\b")
_FOR_AN_ATTACK = re.compile(
    r"\s+(?:the|that|this|these|those|last\s+\w+['’]s|\w+['’]s)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:attacks?|strikes?|bombings?|raids?|assaults?|killings?|rockets?|missiles?|drones?|shelling|blasts?|"
    r"explosions?)\b"
)
# The attacked side as reports name it: "US soldiers killed", "Israeli troops were wounded", "a US outpost was hit".
_VICTIM_AFTER = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:soldiers?|troops|service\s*members|servicemen|forces|personnel|base|bases|outpost|"
    r"embassy|warships?|destroyer|sailors|marines|positions|convoy|patrol)\b"
)
_VICTIM_NOUN_END = re.compile(r"\b(?:soldiers|troops|forces|personnel|navy|marines)$")
_NEGATED_BEFORE = re.compile(r"\b(?:no|not|none\s+of\s+the)\s+$")
# The lead: title and opening lines, where reports name what was attacked and by whom.
_LEAD_CHARACTERS = 600
_CASUALTY = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)|injur(?:es|ed|ing)|hurt|died|dead|deadly|hits?|attacked|struck|"
    r"targeted|slammed|attacks?\s+on)\b"
)
# "The operation was supported by Australia, Bahrain and Canada": helpers of the lead's attackers.
_OPERATION_SUPPORTED = re.compile(
    r"\b(?:operation|strikes|attacks?|raids?|mission|campaign)\s+(?:was|were|had\s+been|has\s+been)\s+(?:also\s+)?"
    r"(?:supported|backed|assisted|aided)\s+by\s+(?:the\s+)?"
)
# "X had died in the same strike": a further victim of the lead's attack.
_SAME_STRIKE = re.compile(
    r"\b(?:died|was\s+killed|were\s+killed|killed|was\s+wounded|were\s+wounded)\s+in\s+the\s+same\s+"
    r"(?:[\w-]+\s+)?(?:strike|attack|raid|bombing|airstrike|air\s+strike)\b"
)


def article_links(
    text: str, sentences: Sequence[Span], nodes: list[LinkNode], found: Sequence[tuple[str, str, str, Span]]
) -> Iterator[tuple[str, str, str, Span]]:
    """(source, target, relation, sentence) read with the article's lead: blame, claims and helpers of an attack."""
    attackers = _lead_attackers(found)
    victim = _reported_victim(text, nodes)
    # A claim owns the lead's attack even where the lead names no hit forces; blame needs a named victim.
    claimed_victim = victim or _lead_target(found)
    starts = [node.start for node in nodes]
    replies = reply_word_starts(text)
    for sentence in sentences:
        body = text[sentence.start : sentence.end]
        # Cheap word tests first: most sentences hold none of these rules' words.
        blame = "blam" in body or "responsible" in body or "attribut" in body or "pinn" in body
        claim = claimed_victim is not None and (
            "claim" in body or "behind" in body or "carried out" in body or "said the" in body or blame
        )
        # " by " and "said the" are common: the rules' own patterns decide before a sentence view is built.
        claim = claim and (_CLAIMED.search(body) is not None or _CLAIMED_AS_ANSWER.search(body) is not None)
        helped = bool(attackers) and " by " in body and _OPERATION_SUPPORTED.search(body) is not None
        same = bool(attackers) and "same" in body and _SAME_STRIKE.search(body) is not None
        first_reply = bisect_left(replies, sentence.start)
        reply = first_reply < len(replies) and replies[first_reply] < sentence.end
        if not (blame or claim or helped or same or reply):
            continue
        inside = nodes[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        for replier, attacker in reply_links(text, sentence, inside, found) if inside and reply else ():
            yield replier, attacker, "attacks", sentence
        if not (blame or claim or helped or same) or not inside:
            continue
        view = SentenceView(text, sentence, inside)
        for source, target in _blamed(view, victim) if blame else ():
            yield source, target, "attacks", sentence
        for source, target in blamed_on(view, victim) if blame else ():
            yield source, target, "attacks", sentence
        claimed = _claimed(view, claimed_victim) if claim else None
        if claimed is not None:
            yield claimed, claimed_victim or "", "attacks", sentence
        for helper in _operation_helpers(view) if helped else ():
            for attacker in attackers:
                yield helper, attacker, "supports", sentence
        for target in _same_strike_victims(view) if same else ():
            for attacker in attackers:
                yield attacker, target, "attacks", sentence


def _lead_attackers(found: Sequence[tuple[str, str, str, Span]]) -> list[str]:
    """Who the lead says attacked: the sources of the attack links stated in the article's first sentences."""
    attackers: list[str] = []
    for source, _, relation, sentence in found:
        if relation == "attacks" and sentence.start < _LEAD_CHARACTERS and source not in attackers:
            attackers.append(source)
    return attackers[:2]


def _lead_target(found: Sequence[tuple[str, str, str, Span]]) -> str | None:
    """Whom the lead says was attacked, when its first attack link names a target."""
    return next(
        (
            target
            for _, target, relation, sentence in found
            if relation == "attacks" and sentence.start < _LEAD_CHARACTERS
        ),
        None,
    )


def _blamed(view: SentenceView, victim: str | None) -> Iterator[tuple[str, str]]:
    for match in re.finditer(_BLAMES_OBJECT, view.body):
        start, end = view.sentence.start + match.start(), view.sentence.start + match.end()
        blamed = view.after(end, 4, agentive_only=True)
        blamer = view.before(start, 60)
        if blamed is None or (blamer is not None and blamed.name == blamer.name):
            continue
        if match.group(0).startswith("h") and "responsible" not in view.text[blamed.end : view.sentence.end]:
            continue  # "holds talks with X" is no blame
        if _BLAME_NEGATED.search(view.text[blamer.end if blamer else view.sentence.start : start]):
            continue
        target = _blame_target(view, blamed.end, blamer, victim)
        if target is not None and target != blamed.name:
            yield blamed.name, target
    for node in view.nodes:
        relative = _BLAMED_BEFORE.match(view.text, node.end)
        blamer = view.before(node.start, 80) if relative else None
        if relative and blamer is not None and blamer.name != node.name:
            target = _blame_target(view, node.end, blamer, victim)
            if target is not None and target != node.name:
                yield node.name, target


def _blame_target(view: SentenceView, position: int, blamer: LinkNode | None, victim: str | None) -> str | None:
    """Whom the blamed actor attacked: named after "attacks on", the blamer's own forces, else the reported victim."""
    rest = view.text[position : view.sentence.end]
    on = _BLAMED_FOR_ON.match(rest)
    if on is None:
        blamed_for = _FOR.search(rest)
        # "blamed X" or "blamed X for the attack" point at the reported attack; "for the deaths" does not.
        return victim if blamed_for is None or _FOR_AN_ATTACK.match(rest, blamed_for.end()) else None
    if on.group("own"):
        return blamer.name if blamer is not None else None
    target = view.after(position + on.end(), 3)
    return target.name if target is not None else None


def _claimed(view: SentenceView, victim: str | None) -> str | None:
    if victim is None:
        return None
    answer = _CLAIMED_AS_ANSWER.search(view.text, view.sentence.start, view.sentence.end)
    claim = answer or _CLAIMED.search(view.text, view.sentence.start, view.sentence.end)
    if claim is None:
        return None
    agent = view.before(claim.start())
    # An answer names the attack it answers ("punishment for the Israeli strike"); a plain claim names no target.
    if agent is None or agent.name == victim or (answer is None and view.after(claim.end()) is not None):
        return None
    if re.match(r"\s+(?:on|against|targeting)\b", view.text[claim.end() : claim.end() + 12]):
        return None  # the claim names its own target ("claimed the attack on a ship")
    return agent.name if attack_relation(view, agent, claim.start()) == "attacks" else None


def _operation_helpers(view: SentenceView) -> list[str]:
    match = _OPERATION_SUPPORTED.search(view.body)
    if match is None:
        return []
    first = view.after(view.sentence.start + match.end(), 3, agentive_only=True)
    return [node.name for node in view.coordinated(first, 1)] if first is not None else []


def _same_strike_victims(view: SentenceView) -> list[str]:
    match = _SAME_STRIKE.search(view.body)
    if match is None:
        return []
    victim = view.before(view.sentence.start + match.start(), 80)
    return [victim.name] if victim is not None and not victim.generic else []


def _reported_victim(text: str, nodes: list[LinkNode]) -> str | None:
    """The side the article's lead reports as hit ("Three US soldiers killed ..."), if it names one."""
    for node in nodes:
        if node.start > _LEAD_CHARACTERS:
            break
        if node.person or node.generic or not node.agentive:
            continue
        if not (
            _VICTIM_AFTER.match(text[node.end : node.end + 40]) or _VICTIM_NOUN_END.search(text[node.start : node.end])
        ):
            continue
        if _NEGATED_BEFORE.search(text[max(0, node.start - 12) : node.start]):
            continue  # "no American personnel had been hit"
        line_start = text.rfind("\n", 0, node.start) + 1
        line_end = text.find("\n", node.end)
        line = text[max(line_start, node.start - 60) : min(node.end + 60, line_end if line_end >= 0 else len(text))]
        if _CASUALTY.search(line):
            return node.name
    return None
