"""Find directed supports/attacks links between actor mentions with word patterns inside one sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence

from flashpoint.article_links import article_links
from flashpoint.attack_links import attack_links, lone_actor_attacks
from flashpoint.attack_nouns import UNATTRIBUTED
from flashpoint.backing_links import BACKING_RULES
from flashpoint.link_nodes import (
    HYPHEN_BACKING,
    HYPHENS,
    EntryLike,
    LinkNode,
    MentionLike,
    SentenceView,
    build_nodes,
)
from flashpoint.model import ActorLink, Span
from flashpoint.support_links import support_links
from flashpoint.unattributed_links import paragraph_attackers

# How far back (characters) a definite description may refer ("the Iran-backed rebels").
_ANAPHOR_REACH = 600
# Words one of which a strike with an unnamed attacker holds: most one-actor sentences have none.
_STRIKE_HINT = re.compile(
    r"[Ss]trike|[Aa]ttack|[Ff]ire|[Ss]hell|[Mm]issile|[Rr]ocket|[Dd]rone|[Bb]omb|[Rr]aid|[Bb]arrage|hit"
)


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
    nodes = build_nodes(text, mentions, entries, affiliations or {}, actor_names, generic_name)
    found: dict[tuple[str, str, str], ActorLink] = {}
    unattributed: list[tuple[str, Span]] = []
    starts = [node.start for node in nodes]
    for sentence in sentences:
        first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        inside = nodes[first:last]
        if (len(inside) < 2 and not any(_hyphen_backed(text, node) for node in inside)) or _one_actor_only(
            text, inside
        ):
            # Every rule links two different actors (or the sponsor of an Iran-backed group named earlier), except
            # a strike on the one actor named by an attacker named elsewhere in the paragraph.
            # The strike must be told before the actor: an actor named first would be its agent, not its target.
            if inside and _STRIKE_HINT.search(text, sentence.start, inside[0].start):
                view = SentenceView(text, sentence, inside)
                unattributed.extend((target, sentence) for _, target, _ in lone_actor_attacks(view))
            continue
        earlier = nodes[bisect_left(starts, sentence.start - _ANAPHOR_REACH) : first]
        for source, target, relation in _sentence_links(text, sentence, inside, entries, earlier, generic_sponsor):
            if source == UNATTRIBUTED:
                unattributed.append((target, sentence))
                continue
            key = (source, target, relation)
            if source != target and key not in found:
                found[key] = ActorLink(source, target, relation, text[sentence.start : sentence.end], sentence)
    stated = [(link.source, link.target, link.relation, link.span) for link in found.values()]
    for source, target, relation, sentence in list(article_links(text, sentences, nodes, stated)):
        if source and target and source != target:
            found.setdefault(
                (source, target, relation),
                ActorLink(source, target, relation, text[sentence.start : sentence.end], sentence),
            )
    attacks = [(link.source, link.span) for link in found.values() if link.relation == "attacks"]
    for source, target, span in paragraph_attackers(text, unattributed, attacks, nodes):
        found.setdefault(
            (source, target, "attacks"), ActorLink(source, target, "attacks", text[span.start : span.end], span)
        )
    if generic_name in actor_names and generic_sponsor in actor_names:
        first = next(mention for mention in mentions if mention.name == generic_name)
        sentence = next((span for span in sentences if span.start <= first.span.start < span.end), first.span)
        key = (generic_sponsor, generic_name, "supports")
        found.setdefault(key, ActorLink(*key, text[sentence.start : sentence.end], sentence))
    return tuple(found.values())


def _one_actor_only(text: str, nodes: list[LinkNode]) -> bool:
    """True when the sentence's nodes all name one specific actor and none is followed by "-backed"."""
    name = nodes[0].name if nodes else None
    return all(node.name == name and not node.generic for node in nodes) and not any(
        _hyphen_backed(text, node) for node in nodes
    )


def _hyphen_backed(text: str, node: LinkNode) -> bool:
    """True when "-backed" or the like follows the node; the next character is tested before the pattern runs."""
    return text[node.end : node.end + 1] in HYPHENS and HYPHEN_BACKING.match(text[node.end : node.end + 20]) is not None


def _sentence_links(
    text: str,
    sentence: Span,
    nodes: list[LinkNode],
    entries: Mapping[str, EntryLike],
    earlier: list[LinkNode],
    generic_sponsor: str,
) -> Iterator[tuple[str, str, str]]:
    finder = SentenceView(text, sentence, nodes, earlier)
    for rule, gate in BACKING_RULES:
        # A rule scanning for trigger words finds nothing in a sentence holding none of them: skip its set-up.
        if gate is not None and gate.isdisjoint(finder.words):
            continue
        for source, target in rule(finder, entries):
            yield source, target, "supports"
    for source, target in support_links(finder, generic_sponsor):
        yield source, target, "supports"
    yield from attack_links(finder)
