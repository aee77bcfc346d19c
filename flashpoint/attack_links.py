"""Rules for who attacks whom in one sentence: verbs, attack nouns, passives and wars between two sides."""

from __future__ import annotations

import re
from collections.abc import Iterator

from flashpoint.link_nodes import LIST_GAP, LinkNode, SentenceView, Trigger, both_ways, pairs, word_forms

_ATTACK_WORDS = word_forms(
    "attack strike bomb shell target raid pound ambush assault invade kill fire launch seize hijack assassinate "
    "eliminate retaliate wound injure storm overrun fight",
    "struck striking hitting hit hits invading seizing firing assassinating eliminating retaliating hurt overran "
    "fought",
)
_IN_ATTACK = re.compile(
    r"^(?:\s+\w+){0,3}?\s+(?:in|by)\s+(?:(?:an?|the)\s+)?(?:[\w'.-]+\s+){1,3}?"
    r"(?P<noun>(?:strike|attack|raid|bombing|airstrike|assault|drone|missile|rocket|shelling|fire|bombardment))\b"
)
_SUBORDINATE = re.compile(r"\b(?:after|following|because|amid|since|while|when|until|before)\b")
# An actor right after one of these prepositions sits in a phrase ("attack on US base kills"), not in the subject.
_OBJECT_OF_PREPOSITION = re.compile(r"\b(?:on|at|in|against|of|to|into|near|from|with)\s+(?:(?:the|a|an)\s+)?$")
_ATTACKED_PHRASE = re.compile(r"\b(?:attacks?|strikes?|raids?|bombings?|assaults?)\s+(?:on|against|targeting)\b[^,;]*$")
_BLAMED_ON = re.compile(r"\b(?:blamed\s+on|attributed\s+to)\s+(?:the\s+)?$")
_DETERMINERS = frozenset("a an the its their his her this these those any every each another".split())
_REDUCED_PASSIVE_AFTER = re.compile(
    r"^\s+(?:in|by|during|as|after|when|while|near|amid|since|on|last|earlier|overnight|yesterday|today|this)\b"
)
_ATTACK_VERB = Trigger(
    re.compile(
        r"(?<![-‑–])\b(?:attack(?:ed|s|ing)?|struck|strik(?:e|es|ing)|hit(?:s|ting)?|bomb(?:ed|s|ing)|shell(?:ed|s|ing)|"
        r"target(?:ed|s|ing)|raid(?:ed|s|ing)|pound(?:ed|s|ing)|ambush(?:ed|es|ing)|assault(?:ed|s|ing)|invad(?:ed|es|ing)|"
        r"kill(?:ed|s|ing)|fir(?:ed|es|ing)\b[^.;]{0,60}?\b(?:on|at|upon|into|toward|towards)|"
        r"launch(?:ed|es|ing)\b[^.;]{0,60}?\b(?:at|against|on|toward|towards|into)|seiz(?:ed|es|ing)|hijack(?:ed|s|ing)|"
        r"assassinat(?:ed|es|ing)|eliminat(?:ed|es|ing)|retaliat(?:ed|es|ing)\s+against|storm(?:ed|s|ing)|overr(?:an|un|uns)|"
        # "fought the Houthis", "fighting against IS": only with the opponent right after, not "fighting in Gaza".
        r"(?:fight(?:s|ing)?|fought)(?:\s+(?:against|back\s+against))?(?=\s+(?:the\s+)?[A-Z]))\b"
    ),
    _ATTACK_WORDS,
)
_INTERCEPT = Trigger(
    re.compile(r"\b(?:intercept(?:ed|s|ing)?|shot\s+down|downed)\b"),
    frozenset({"intercept", "intercepted", "intercepts", "intercepting", "shot", "downed"}),
)
_PASSIVE_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got|gets)\s+(?:\w+ly\s+)?$")
_PASSIVE_ATTACK = Trigger(
    re.compile(
        r"\b(?:was|were|been|being|is|are|came|come|comes|coming|get|got)\s+(?:\w+\s+){0,2}?"
        r"(?:under\s+(?:[\w-]+\s+){0,4}?(?:attack|fire)|attacked|struck|hit|targeted|bombed|shelled|raided|ambushed|assaulted|"
        r"killed|seized|hijacked|wounded|injured|hurt|assassinated)\b"
    ),
    _ATTACK_WORDS,
)
_ATTACK_NOUN = Trigger(
    re.compile(
        r"\b(?:attacks?|strikes?|airstrikes?|raids?|assaults?|bombings?|bombardments?|shelling|offensive|incursions?|"
        r"invasion|war|campaign|operations?|fire|barrages?|ambush(?:es)?|aggression|retaliation|insurgency)\b"
    ),
    _ATTACK_WORDS
    | word_forms("airstrike raid bombing bombardment offensive incursion campaign operation barrage aggression")
    | frozenset({"war", "invasion", "retaliation", "insurgency"}),
)
_TARGET_PREPOSITION = re.compile(
    r"(?:\s+(?:in|across|inside|throughout)\s+[^,;.]{1,40}?)?\s+(?:on|against|targeting|at|upon)\s+"
    # "bombardment of Gaza", "invasion of Lebanon": nouns whose "of" names what is hit.
    r"|(?:(?<=bombardment)|(?<=invasion)|(?<=shelling)|(?<=blockade)|(?<=siege))\s+of\s+"
)
_LAUNCH_WORDS = re.compile(
    r"\b(?:launch|carr|conduct|stag|mount|began|begin|start|wag|step|intensif|claim|responsib|behind|order|continu|"
    r"escalat|resum|unleash|open|respond|retaliat|answer|fought|fight|suspend|halt|paus)\w*"
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
_ITS_TERRITORY = re.compile(
    r"\s+(?:its|their)\s+(?:own\s+)?(?:territory|soil|airspace|forces|troops|soldiers|bases|border\s+posts)\b"
)
_COALITION_AGAINST = re.compile(
    r"\s+(?:against|fighting|battling|to\s+defeat|in\s+the\s+fight\s+against)\s+(?:the\s+)?"
)
_IN_RETURN = re.compile(r"\bin\s+(?:return|retaliation|response|reprisal|kind)\b(?!\s+(?:for|to)\b)")
_LAUNCHED_BY = re.compile(r"\b(?:fired|launched)\s+(?:by|from)\s+(?:the\s+)?")
_INSIDE = re.compile(r"\binside\s+(?:the\s+)?")
_CLAUSE_END_NOUN = re.compile(r"[;]|\b(?:after|following|because|amid|since|while|when|until|said|says)\b")
_IN_WHICH_DIED = re.compile(
    r"[^.;]{0,80}?,?\s+in\s+which\s+(?P<dead>[^.;]{0,80}?)\s(?:died|were\s+killed|was\s+killed|were\s+wounded|"
    r"perished|lost\s+their\s+lives)\b"
)
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
_USED_BY = re.compile(r"\b(?:used|run|held|operated|controlled|occupied|manned|belonging)\s+(?:by|to)\s+(?:the\s+)?$")
_SPEECH_THEN_WORD = re.compile(
    r"\b(?:said|says|say|told\s+\w+|reported|announced|confirmed|added|stated|claimed)\s+(?:that\s+)?(?:([\w']+)|$)"
)
_PRONOUNS = frozenset("it they he she we its their his her our".split())
_MODIFIER_GAP = re.compile(r"^(?:['’]s?)?(?:\s+[a-z-]+){0,3}\s+$")
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|threaten\w*|vow\w*|pledg\w*|warn\w*|promis\w*|plan\w*|prepar\w*|seek\w*|sought|"
    r"want\w*|ready|deter\w*|avoid\w*|prevent\w*|intend\w*|consider\w*|not|never|den(?:y|ied|ies)|rul\w*|urg\w*|"
    r"if)\b|n't\b"
)
_THREAT_WORDS = re.compile(r"\b(?:threaten\w*|vow\w*|pledg\w*|warn\w*|promis\w*)\b")
_CONDITIONAL_BEFORE = re.compile(r"\b(?:if|unless|whether)\b[^,;]*$")


def attack_links(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    """Every (source, target, relation) the attack rules read in one sentence."""
    for rule in (_war_links, _noun_attacks, _verb_attacks, _passive_attacks):
        yield from rule(finder)


def _war_links(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
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
        if _MODIFIER_GAP.match(side_gap) or "at war" in finder.gap(side.end, end) or _SIDE_GAP.fullmatch(side_gap):
            yield from both_ways(side, opponent)
    for start, end in finder.matches(_CLASHED_WITH):
        side, opponent = finder.before(start, 40), finder.after(end, 30, agentive_only=True)
        if side and opponent and attack_relation(finder, side, start) == "attacks":
            yield from both_ways(side, opponent)
    for node in finder.nodes:
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
        if re.fullmatch(r"\s+and\s+(?:the\s+)?", gap) and _MUTUAL_VERB.match(finder.text[second.end : second.end + 40]):
            yield from both_ways(first, second)


def _noun_attacks(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
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
            if tail:
                agent = finder.after(after_target + tail.end(), 2, agentive_only=True)
        if agent is None:
            agent = _noun_modifier_or_subject(finder, start)
        if agent is None:
            continue
        relation = attack_relation(finder, agent, start)
        if relation:
            yield from pairs(finder.coordinated(agent, -1), targets, relation)


def _further_targets(finder: SentenceView, position: int) -> list[LinkNode]:
    """States named "inside" after an attack noun, and the dead of an "in which ... died" clause."""
    found: list[LinkNode] = []
    clause_end = _CLAUSE_END_NOUN.search(finder.text, position, finder.sentence.end)
    limit = clause_end.start() if clause_end else finder.sentence.end
    inside = _INSIDE.search(finder.text, position, min(limit, position + 90))
    if inside:
        found += [node for node in finder.nodes if inside.end() <= node.start <= inside.end() + 1]
    died = _IN_WHICH_DIED.match(finder.text, position, finder.sentence.end)
    if died:
        found += [node for node in finder.nodes if died.start("dead") <= node.start < died.end("dead")]
    return found


def _noun_modifier_or_subject(finder: SentenceView, noun_start: int) -> LinkNode | None:
    candidate = finder.before(noun_start)
    if candidate is None:
        return None
    gap = finder.gap(candidate.end, noun_start)
    # "Israeli drone strike on", "Israel's war on": only modifiers between; "blamed the attack on" is no subject.
    words = gap.lower().split()
    if _BLAMED.search(gap):
        return None  # "Washington has blamed previous attacks on militias": the militias attacked
    modifier = _MODIFIER_GAP.match(gap) and not any(word in {"a", "an", "the"} for word in words)
    modifier = modifier and not _SUBORDINATE.search(gap)
    # "the Hamas-led attack", "responded with waves of strikes on": the actor leads or wields the attack.
    if modifier and re.match(r"\s+with\b", gap):
        # "X has backed Hamas with fire on Y": the verb's subject wields the fire, not its object.
        subject = finder.before(candidate.start, 40)
        if subject is not None and _VERB_GAP.fullmatch(finder.gap(subject.end, candidate.start)):
            return subject
    if modifier or _LAUNCH_WORDS.search(gap) or _LED_OR_WITH_GAP.match(gap):
        return candidate
    return None


def _verb_attacks(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    for pattern, relation_if_true in ((_ATTACK_VERB, "attacks"), (_INTERCEPT, "intercepts")):
        for start, end in finder.matches(pattern):
            progressive = finder.text[start:end].split()[0].endswith("ing")  # "is fighting Hamas" is no passive
            if not progressive and _PASSIVE_AUXILIARY.search(
                finder.text[max(finder.sentence.start, start - 30) : start]
            ):
                continue
            agent = finder.before(start)
            launcher = _LAUNCHED_BY.search(finder.text, start, end) if pattern is _ATTACK_VERB else None
            if launcher is not None:
                # "a missile fired from Houthi-held areas towards the destroyer": the launcher is named inside.
                inner = finder.after(launcher.end(), 2, agentive_only=True)
                target = finder.after(end)
                if inner is not None and inner.end <= end and target is not None and not inner.generic:
                    yield inner.name, target.name, "attacks"
                continue
            if agent is None or _not_subject(finder, agent, start) or _reported_speech(finder.gap(agent.end, start)):
                continue
            perfect = bool(re.search(r"\b(?:has|have|had)\s+$", finder.gap(agent.end, start)))
            if _REDUCED_PASSIVE_AFTER.match(finder.text[end : end + 12]) and not perfect:
                # A headline passive ("leader killed in blast"): the victim stands before the verb.
                striker = _agent_of_attack_noun_after(finder, end) if pattern is _ATTACK_VERB else None
                if striker is not None and len(finder.gap(agent.end, start).split()) <= 2:
                    yield striker.name, agent.name, "attacks"
                continue
            target = finder.after(end) or _own_territory_owner(finder, agent, end) or _answered(finder, agent, end)
            if target is None:
                continue
            object_gap = finder.gap(end, target.start)
            agent_after = re.search(r"\b(?:by|from)\s+(?:the\s+)?$", object_gap)
            # "targeted hideouts used by the BLA": the users of what was hit are the target, not the agent.
            if pattern is _ATTACK_VERB and agent_after and not _USED_BY.search(object_gap):
                continue
            last_words = finder.gap(agent.end, start).lower().split()[-3:]
            if any(word in _DETERMINERS for word in last_words):
                continue  # a noun ("a cowardly attack"), not a verb
            relation = attack_relation(finder, agent, start)
            if relation == "attacks":
                relation = relation_if_true
            if relation:
                yield from pairs(finder.coordinated(agent, -1), finder.coordinated(target, 1), relation)


def _own_territory_owner(finder: SentenceView, agent: LinkNode, verb_end: int) -> LinkNode | None:
    """ "Pakistan struck back after Iranian drones hit its territory": "its" is the sentence's subject."""
    if not _ITS_TERRITORY.match(finder.text, verb_end):
        return None
    subject = finder.nodes[0] if finder.nodes else None
    if subject is None or subject.name == agent.name or subject.start >= agent.start or subject.person:
        return None
    return subject if subject.start - finder.sentence.start <= 30 else None


def _answered(finder: SentenceView, agent: LinkNode, verb_end: int) -> LinkNode | None:
    """ "X fired at Israel, and Israeli jets bombed ports in return": the answer hits the first clause's subject."""
    if not _IN_RETURN.search(finder.text, verb_end, finder.sentence.end):
        return None
    subject = finder.nodes[0] if finder.nodes else None
    if subject is None or subject.name == agent.name or subject.start >= agent.start or subject.person:
        return None
    return subject if subject.start - finder.sentence.start <= 30 else None


def _reported_speech(gap: str) -> bool:
    """True when the actor before a verb only reports it ("Iran said strikes hit"), unlike "Iran said it struck"."""
    speech = _SPEECH_THEN_WORD.search(gap)
    return speech is not None and (speech.group(1) is None or speech.group(1).lower() not in _PRONOUNS)


def _not_subject(finder: SentenceView, agent: LinkNode, verb_start: int) -> bool:
    """True when the actor before a verb sits in a phrase ("attack on US base kills", "revenge after strike kills")."""
    gap = finder.gap(agent.end, verb_start)
    if _SUBORDINATE.search(gap):
        return True
    before = finder.text[max(finder.sentence.start, agent.start - 60) : agent.start]
    if _ATTACKED_PHRASE.search(before):
        return True  # "A drone attack on a base housing US troops ... killed": US is what was attacked
    relative = re.search(r"\b(?:that|which|who)\b", gap)
    return bool(_OBJECT_OF_PREPOSITION.search(before[-30:])) and not relative and not _BLAMED_ON.search(before)


def _passive_attacks(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
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
                yield from pairs([agent], finder.coordinated(victim, -1), "attacks")
            continue
        agent = finder.after(end + by.end(), 150, agentive_only=True, within_clause=False)
        if agent is None or (
            not re.search(r"\b(?:by|from)\s+(?:the\s+)?$", finder.gap(end, agent.start)) and by.start() > 0
        ):
            agent = agent if agent and agent.start - end < 150 else None
        if agent is not None:
            yield from pairs(finder.coordinated(agent, 1), finder.coordinated(victim, -1), "attacks")


def _agent_of_attack_noun_after(finder: SentenceView, position: int) -> LinkNode | None:
    """The actor modifying an attack noun after a passive verb ("was killed in a US drone strike")."""
    match = _IN_ATTACK.match(finder.text[position : position + 80])
    if match is None:
        return None
    noun_start = position + match.start("noun")
    agent = finder.after(position, noun_start - position, agentive_only=True)
    if agent is None or not _MODIFIER_GAP.match(finder.gap(agent.end, noun_start)):
        return None
    return agent


def attack_relation(finder: SentenceView, agent: LinkNode, trigger_start: int) -> str | None:
    """'attacks' for a stated attack; 'threatens' for a vowed one; None for hypothetical or denied ones."""
    gap = finder.gap(agent.end, trigger_start)
    if _CONDITIONAL_BEFORE.search(finder.text[max(finder.sentence.start, agent.start - 40) : agent.start]):
        return None
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
