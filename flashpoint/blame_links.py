"""Read "the attack, which Washington blamed on X" and "Israel attributed the strike to X": X attacked someone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from flashpoint.link_nodes import LinkNode, SentenceView

# The verb and whatever it governs up to the "on"/"to" naming the blamed: "blamed the Majdal Shams strike on".
_BLAME_VERB = re.compile(r"\b(?:blam(?:ed|es|ing|e)|attribut(?:ed|es|ing|e)|pinn(?:ed|ing)|pins?)\b")
# "pinned the blame for the bombings on X": the idiom's "for" names the attack, not the blamed.
_BLAME_FOR = re.compile(r"^\s+(?:the\s+)?(?:blame|responsibility)\s+for\b")
# "blamed the strike, which killed three US troops, on X": an aside inside the verb's phrase.
_ASIDE = re.compile(r",\s*(?:which|that|who)\b[^,;]*,")
_ON_OR_TO = re.compile(r"\s(?:on|to)\s+(?:the\s+)?")
# How far after the verb the blamed may be named ("blamed the deadly drone strike on the base on X").
_OBJECT_REACH = 90
_ATTACK_NOUN = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|bombings?|blasts?|explosions?|raids?|assaults?|shelling|fire|barrages?|"
    r"ambush|killings?|assassinations?)\b"
)
# "attack on X", "strike on its troops": whom the blamed attack hit, as the sentence names it.
_ATTACK_ON = re.compile(
    _ATTACK_NOUN.pattern + r"\s+(?:on|against|targeting)\s+(?:the\s+)?(?P<own>(?:its|their)\s+(?:own\s+)?)?"
)
_NEGATED = re.compile(r"\b(?:not|never|no|n't|den(?:y|ied|ies|ying))\b")
# How far before the verb the attack a relative clause describes may be named ("The bombing, which Iran blamed on").
_ANTECEDENT_REACH = 100
_VICTIM_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:soldiers?|troops|service\s*members|servicemen|personnel|sailors|marines|officers|"
    r"commanders?|advisers|advisors|diplomats|fighters|members)\b[^.;]{0,30}?\b(?:killed|died|dead|wounded|injured|hurt)\b"
    r"|[^.;]{0,12}?\b(?:soldiers?|troops|personnel)\s+(?:were\s+|was\s+)?(?:killed|died|dead|wounded|injured)\b"
)

_CASUALTY_BEFORE = re.compile(r"\b(?:killed|killing|wounded|wounding|injured|injuring)\s+(?:[\w-]+\s+){0,2}$")
_VICTIM_NOUN = re.compile(r"\s+(?:soldiers?|troops|service\s*members|servicemen|personnel|sailors|marines|officers)\b")


def blamed_on(view: SentenceView, victim: str | None) -> Iterator[tuple[str, str]]:
    """(blamed, attacked) for an attack blamed on or attributed to an actor in this sentence."""
    for match in _BLAME_VERB.finditer(view.body):
        start = view.sentence.start + match.start()
        found = _blamed_after(view, view.sentence.start + match.end())
        if found is None:
            continue
        blamed, end = found
        window_start = max(view.sentence.start, start - _ANTECEDENT_REACH)
        window = view.text[window_start:end]
        if not _ATTACK_NOUN.search(window):
            continue  # "blamed the crisis on Iran", "attributed the delay to Egypt": no attack is blamed
        if _NEGATED.search(view.text[max(view.sentence.start, start - 25) : start]):
            continue  # "which officials have not blamed on anyone", "denied attributing it to"
        blamer = _blamer(view, start, end, blamed)
        target = _attacked(view, window_start, end, blamed, blamer) or victim
        for member in view.coordinated(blamed, 1):
            if target is not None and target != member.name:
                yield member.name, target


def _blamed_after(view: SentenceView, verb_end: int) -> tuple[LinkNode, int] | None:
    """The actor after the "on"/"to" that names the blamed, and where that phrase ends.

    "blamed the attack on X": one "on", X is blamed. "blamed the attack on the base on X": the first "on" names
    what was hit, the last names the blamed. "blamed X for ...": another rule's form.
    """
    limit = min(view.sentence.end, verb_end + _OBJECT_REACH)
    candidates = []
    for on in _ON_OR_TO.finditer(view.text, verb_end, limit):
        governed = _ASIDE.sub(" ", _BLAME_FOR.sub(" ", view.text[verb_end : on.start()]))
        if re.search(r"\bfor\b|[,;]", governed):
            break  # "blamed X for ...": another rule's form; a comma ends the verb's phrase
        node = view.after(on.end(), 3, agentive_only=True)
        if node is not None:
            candidates.append((node, on.end()))
    return candidates[-1] if candidates else None


def _blamer(view: SentenceView, start: int, end: int, blamed: LinkNode) -> LinkNode | None:
    """Who blames: the subject before the verb ("which Washington blamed"), else the agent of a passive ("by X")."""
    before = view.before(start, 40)
    if before is not None and before is not blamed:
        return before
    by = re.search(r"\bby\s+(?:the\s+)?", view.text[blamed.end : view.sentence.end])
    return view.after(blamed.end + by.end(), 3, agentive_only=True) if by else None


def _attacked(view: SentenceView, window_start: int, end: int, blamed: LinkNode, blamer: LinkNode | None) -> str | None:
    """The attack's target named in the sentence: after "attack on", the blamer's own forces, or a named victim."""
    for hit in _ATTACK_ON.finditer(view.text, window_start, end):
        if hit.group("own"):
            return blamer.name if blamer is not None else None
        target = view.after(hit.end(), 3)
        if target is not None and target is not blamed and not target.generic:
            return target.name
    for node in view.nodes:
        if node is blamed or node.generic or node.person:
            continue
        if _VICTIM_AFTER.match(view.text, node.end, view.sentence.end) or (
            _CASUALTY_BEFORE.search(view.text, max(view.sentence.start, node.start - 30), node.start)
            and _VICTIM_NOUN.match(view.text, node.end, view.sentence.end)
        ):
            return node.name  # "Three US soldiers died in a drone attack, which Washington blamed on X"
    return None
