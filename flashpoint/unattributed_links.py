"""Give a strike whose sentence names no attacker to the one attacking side its paragraph names, if only one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from flashpoint.link_nodes import LinkNode
from flashpoint.model import Span

# "Israeli troops advanced", "US forces were deployed": a side fighting in the paragraph though it attacks no one named.
_FORCES_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[a-z-]+\s+)?(?:troops|forces|army|military|jets|warplanes|tanks|artillery|navy|soldiers|drones)\b"
)
_FORCES_END = re.compile(r"\b(?:troops|forces|army|military|jets|warplanes|tanks|artillery|navy|soldiers|drones)$")

_OFFENSIVE = r"(?:offensive|assault|campaign|bombardment|strikes|airstrikes|air\s+strikes|invasion|war|operations?)"
# "Israel has kept up its assault on Gaza", "Israel's offensive in Rafah", "Israel bombed Gaza": an attacking side,
# though what it attacks is a place, not an actor.
_ATTACKING_AFTER = re.compile(
    rf"['’]s?\s+(?:[a-z-]+\s+){{0,2}}?{_OFFENSIVE}\b"
    rf"|\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?:\w+\s+){{0,3}}?(?:its|their)\s+(?:[a-z-]+\s+){{0,2}}?{_OFFENSIVE}\b"
    r"|\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?:struck|bombed|shelled|pounded|attacked|raided|invaded)\b"
)
_NOT_DONE = re.compile(
    r"\b(?:plan\w*|threat\w*|vow\w*|warn\w*|would|could|may|might|possible|potential|not|never|n't|end\w*|halt\w*|"
    r"suspend\w*|paus\w*|stop\w*)\b"
)


def _attacking(text: str, node: LinkNode, paragraph_end: int) -> bool:
    """True when the words after the actor say it attacks or wages an offensive (not a planned or halted one)."""
    statement = _ATTACKING_AFTER.match(text, node.end, paragraph_end)
    return statement is not None and not _NOT_DONE.search(statement.group(0))


def paragraph_attackers(
    text: str,
    unattributed: Iterable[tuple[str, Span]],
    attacks: Sequence[tuple[str, Span]],
    nodes: Sequence[LinkNode],
) -> Iterator[tuple[str, str, Span]]:
    """(attacker, target, sentence) for each strike whose sentence names no attacker but whose paragraph names one.

    "Israel pressed its offensive. A strike on a UN school killed 33": Israel is the one side attacking there.
    """
    for target, sentence in unattributed:
        source = paragraph_attacker(text, sentence, target, attacks, nodes)
        if source is not None:
            yield source, target, sentence


def paragraph_attacker(
    text: str,
    sentence: Span,
    target: str,
    attacks: Iterable[tuple[str, Span]],
    nodes: Sequence[LinkNode],
) -> str | None:
    """The only side other than the target that attacks, or has forces, in the sentence's paragraph."""
    start = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    end = len(text) if end < 0 else end
    sides = {source for source, span in attacks if start <= span.start < end}
    sides |= {
        node.name
        for node in nodes
        if start <= node.start < end
        and node.agentive
        and not node.person
        and not node.speaker
        and (
            _FORCES_AFTER.match(text, node.end)
            or _FORCES_END.search(text, node.start, node.end)
            or _attacking(text, node, end)
        )
    }
    sides.discard(target)
    return sides.pop() if len(sides) == 1 else None
