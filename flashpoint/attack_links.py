"""Rules for who attacks whom in one sentence, stated with verbs: active, passive and headline forms."""

from __future__ import annotations

import re
from collections.abc import Iterator

from flashpoint.attack_nouns import (
    ATTACK_WORDS,
    MODIFIER_GAP,
    NOUN_WORDS,
    SUBORDINATE,
    UNATTRIBUTED,
    attack_relation,
    noun_attacks,
    unattributed,
    war_links,
)
from flashpoint.link_nodes import LinkNode, SentenceView, Trigger, pairs, word_forms

_IN_ATTACK = re.compile(
    r"^(?:\s+\w+){0,3}?\s+(?:in|by)\s+(?:(?:an?|the)\s+)?(?:[\w'.-]+\s+){1,3}?"
    r"(?P<noun>(?:strike|attack|raid|bombing|airstrike|assault|drone|missile|rocket|shelling|fire|bombardment))\b"
)
# An actor right after one of these prepositions sits in a phrase ("attack on US base kills"), not in the subject.
_OBJECT_OF_PREPOSITION = re.compile(r"\b(?:on|at|in|against|of|to|into|near|from|with)\s+(?:(?:the|a|an)\s+)?$")
_ATTACKED_PHRASE = re.compile(r"\b(?:attacks?|strikes?|raids?|bombings?|assaults?)\s+(?:on|against|targeting)\b[^,;]*$")
_BLAMED_ON = re.compile(r"\b(?:blamed\s+on|attributed\s+to)\s+(?:the\s+)?$")
_DETERMINERS = frozenset("a an the its their his her this these those any every each another".split())
_REDUCED_PASSIVE_AFTER = re.compile(
    r"^\s+(?:in|by|during|as|after|when|while|near|amid|since|on|last|earlier|overnight|yesterday|today|this)\b"
)
# The word boundary is tested before the hyphen look-behind: it fails fast inside words, where most positions are.
_ATTACK_VERB = Trigger(
    re.compile(
        r"\b(?<![-‑–])(?:attack(?:ed|s|ing)?|struck|strik(?:e|es|ing)|hit(?:s|ting)?|bomb(?:ed|s|ing)|shell(?:ed|s|ing)|"
        r"target(?:ed|s|ing)|raid(?:ed|s|ing)|pound(?:ed|s|ing)|ambush(?:ed|es|ing)|assault(?:ed|s|ing)|invad(?:ed|es|ing)|"
        r"kill(?:ed|s|ing)|sho(?:t|ot|ots|oting)(?!\s+down)|"
        # "destroyed Houthi launchers" is an attack; destroying a drone or missile in flight is an interception.
        r"destroy(?:ed|s|ing)?(?!\s+(?:[\w-]+\s+){0,3}?(?:drones?|missiles?|rockets?|projectiles?)\b(?!\s+(?:launch|"
        r"site|depot|storage|factor|facilit|base|position|production)))|fir(?:ed|es|ing)\b[^.;]{0,60}?\b(?:on|at|upon|into|toward|towards)|"
        r"launch(?:ed|es|ing)\b[^.;]{0,60}?\b(?:at|against|on|toward|towards|into)|seiz(?:ed|es|ing)|hijack(?:ed|s|ing)|"
        r"assassinat(?:ed|es|ing)|eliminat(?:ed|es|ing)|retaliat(?:ed|es|ing)\s+against|storm(?:ed|s|ing)|overr(?:an|un|uns)|"
        # "fought the Houthis", "fighting against IS": only with the opponent right after, not "fighting in Gaza".
        r"(?:fight(?:s|ing)?|fought)(?:\s+(?:against|back\s+against))?(?=\s+(?:the\s+)?[A-Z]))\b"
    ),
    ATTACK_WORDS,
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
    ATTACK_WORDS,
)
_ITS_TERRITORY = re.compile(
    r"\s+(?:(?:\w+\s+){1,2}of\s+)?(?:its|their)\s+(?:own\s+)?(?:[a-z-]+\s+){0,2}?(?:territory|soil|airspace|forces|troops|"
    r"soldiers|bases?|border\s+posts?|posts?|outposts?|convoys?|patrols?|commanders?|fighters|members|leaders?|officials|"
    r"officers|personnel|positions?|"
    r"men|advisers|envoy|diplomats|embassy|consulate)\b"
)
_IN_RETURN = re.compile(r"\bin\s+(?:return|retaliation|response|reprisal|kind)\b(?!\s+(?:for|to)\b)")
# A finite verb between a sentence's first actor and a later passive: another clause's subject.
_VERB_IN_GAP = re.compile(r"\b(?:said|says|say|told|reported|announced|warned|claimed|which|who|that|after|when)\b")
_LAUNCHED_BY = re.compile(r"\b(?:fired|launched)\s+(?:by|from)\s+(?:the\s+)?")
_USED_BY = re.compile(r"\b(?:used|run|held|operated|controlled|occupied|manned|belonging)\s+(?:by|to)\s+(?:the\s+)?$")
_SPEECH_THEN_WORD = re.compile(
    r"\b(?:said|says|say|told\s+\w+|reported|announced|confirmed|added|stated|claimed)\s+(?:that\s+)?(?:([\w']+)|$)"
)
_OWN_UNIT = re.compile(
    r"(?:[Tt]he|[Oo]ur)\s+(?:air\s+force|army|military|navy|forces|troops|jets|warplanes|fighters)\s+$"
)
_PRONOUNS = frozenset("it they he she we its their his her our".split())
# An actor's units and weapons: "said its jets struck" is the actor striking through them.
_UNITS = frozenset(
    """jets warplanes aircraft planes drones forces troops soldiers fighters militants gunmen artillery tanks warships
    navy army military units unit missiles rockets agents commandos helicopters force""".split()
)


def attack_links(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    """Every (source, target, relation) the attack rules read in one sentence."""
    yield from war_links(finder)
    for rule, gate in _GATED_RULES:
        # Each of these rules only scans for its trigger words: a sentence holding none of them is skipped whole.
        if not gate.isdisjoint(finder.words):
            yield from rule(finder)


def _verb_attacks(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    for pattern, relation_if_true in ((_ATTACK_VERB, "attacks"), (_INTERCEPT, "intercepts")):
        for start, end in finder.matches(pattern):
            progressive = finder.text[start:end].split()[0].endswith("ing")  # "is fighting Hamas" is no passive
            if not progressive and _PASSIVE_AUXILIARY.search(
                finder.text[max(finder.sentence.start, start - 30) : start]
            ):
                continue
            agent = finder.before(start)
            if agent is not None and finder.text[agent.end : start].strip() == ",":
                agent = _past_aside(finder, agent)
            launcher = _LAUNCHED_BY.search(finder.text, start, end) if pattern is _ATTACK_VERB else None
            if launcher is not None:
                # "a missile fired from Houthi-held areas towards the destroyer": the launcher is named inside.
                inner = finder.after(launcher.end(), 2, agentive_only=True)
                target = finder.after(end)
                if inner is not None and inner.end <= end and target is not None and not inner.generic:
                    yield inner.name, target.name, "attacks"
                continue
            weapon = agent is None and pattern is _ATTACK_VERB
            if weapon and _WEAPON_SUBJECT.fullmatch(finder.text, finder.sentence.start, start):
                # "A strike hit a UN shelter", "tank fire hit the school": no attacker named in the sentence.
                target = finder.after(end)
                if target is not None and unattributed(finder, start):
                    yield UNATTRIBUTED, target.name, "attacks"
                continue
            # Most sentences hold no word of a reply or blame frame: the frame is looked for only where one is.
            frame_words = agent is not None and pattern is _ATTACK_VERB and not _AVENGED_WORDS.isdisjoint(finder.words)
            author = _avenged_author(finder, agent, start) if frame_words else None
            if author is not None:
                # "Iran vowed revenge on Israel after a strike killed seven Guards officers": the one answered struck.
                target = _own_territory_owner(finder, author, end) or finder.after(end) or _killed_after(finder, end)
                if target is not None and target.name != author.name:
                    yield author.name, target.name, "attacks"
                continue
            if agent is None or _not_subject(finder, agent, start) or _reported_speech(finder.gap(agent.end, start)):
                continue
            perfect = bool(_PERFECT_BEFORE.search(finder.gap(agent.end, start)))
            if _REDUCED_PASSIVE_AFTER.match(finder.text[end : end + 12]) and not perfect:
                # A headline passive ("leader killed in blast"): the victim stands before the verb.
                striker = _agent_of_attack_noun_after(finder, end) if pattern is _ATTACK_VERB else None
                if striker is not None and len(finder.gap(agent.end, start).split()) <= 2:
                    yield striker.name, agent.name, "attacks"
                continue
            target = (
                _own_territory_owner(finder, agent, end)
                or finder.after(end)
                or _answered(finder, agent, end)
                or _killed_after(finder, end)
            )
            if target is None:
                continue
            object_gap = finder.gap(end, target.start)
            agent_after = _BY_BEFORE.search(object_gap)
            # "targeted hideouts used by the BLA": the users of what was hit are the target, not the agent.
            if pattern is _ATTACK_VERB and agent_after and not _USED_BY.search(object_gap):
                continue
            last_words = finder.gap(agent.end, start).lower().split()[-3:]
            if any(word in _DETERMINERS for word in last_words) and not (last_words and last_words[-1] in _UNITS):
                continue  # a noun ("a cowardly attack"), not a verb; "its jets struck" is the actor's unit acting
            if last_words and last_words[-1] in {"of", "and"}:
                continue  # "shipped thousands of bombs to Israel", "drones and strikes": a noun
            relation = attack_relation(finder, agent, start)
            if relation == "attacks":
                relation = relation_if_true
            if relation:
                yield from pairs(finder.coordinated(agent, -1), finder.coordinated(target, 1), relation)


def lone_actor_attacks(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    """Attacks on the one actor a sentence names, by an attacker named nearby ("An airstrike on a Hezbollah base")."""
    for rule, gate in ((noun_attacks, NOUN_WORDS), (_verb_attacks, _ATTACK_VERB.words)):
        if not gate.isdisjoint(finder.words):
            yield from (link for link in rule(finder) if link[0] == UNATTRIBUTED)


def _past_aside(finder: SentenceView, agent: LinkNode) -> LinkNode:
    """The subject before an aside that ends with `agent` and a comma ("Hezbollah, allied with Iran, fired ...")."""
    earlier = [node for node in finder.nodes if node.end <= agent.start]
    if earlier and _ASIDE_OPENS.fullmatch(finder.text, earlier[-1].end, agent.start):
        return earlier[-1]
    return agent


def _killed_after(finder: SentenceView, verb_end: int) -> LinkNode | None:
    """ "An Israeli strike hit the building, killing five IRGC officers": the dead name whom the attack hit."""
    killing = _KILLING.search(finder.text, verb_end, finder.sentence.end)
    return finder.after(killing.end(), 60) if killing else None


def _avenged_author(finder: SentenceView, agent: LinkNode, verb_start: int) -> LinkNode | None:
    """The actor a reply or blame aims at when the attack it answers follows ("revenge on Israel after a strike")."""
    frame = _AVENGED_FRAME.search(finder.text, finder.sentence.start, agent.start)
    if frame is None or finder.text[frame.end() : agent.start].strip():
        return None  # the agent must follow the frame right away: "revenge on Israel", "blamed Israel"
    if not _AFTER_STRIKE.fullmatch(finder.text, agent.end, verb_start):
        return None
    return agent if attack_relation(finder, agent, agent.end) == "attacks" else None


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
    """True when the actor before a verb only reports it ("Iran said strikes hit"), unlike "Iran said it struck".

    The speaker's own unit acts for it too: "Israel's defence minister said the air force struck".
    """
    speech = _SPEECH_THEN_WORD.search(gap)
    if speech is None or (speech.group(1) is not None and speech.group(1).lower() in _PRONOUNS):
        return False
    return not _OWN_UNIT.match(gap, speech.start(1)) if speech.group(1) is not None else True


def _not_subject(finder: SentenceView, agent: LinkNode, verb_start: int) -> bool:
    """True when the actor before a verb sits in a phrase ("attack on US base kills", "revenge after strike kills")."""
    gap = finder.gap(agent.end, verb_start)
    if SUBORDINATE.search(gap):
        return True
    before = finder.text[max(finder.sentence.start, agent.start - 60) : agent.start]
    if _ATTACKED_PHRASE.search(before):
        return True  # "A drone attack on a base housing US troops ... killed": US is what was attacked
    relative = _RELATIVE.search(gap)
    return bool(_OBJECT_OF_PREPOSITION.search(before[-30:])) and not relative and not _BLAMED_ON.search(before)


def _sentence_subject_before(finder: SentenceView, position: int) -> LinkNode | None:
    """The actor opening the sentence when only places and no clause break stand before the passive verb."""
    subject = finder.nodes[0] if finder.nodes else None
    if subject is None or subject.start != finder.sentence.start or subject.person or subject.generic:
        return None
    gap = finder.gap(subject.end, position)
    if len(gap) > 140 or any(mark in gap for mark in ",;:") or _VERB_IN_GAP.search(gap):
        return None
    return subject if all(node.start >= position or node is subject for node in finder.nodes) else None


def _passive_attacks(finder: SentenceView) -> Iterator[tuple[str, str, str]]:
    for start, end in finder.matches(_PASSIVE_ATTACK):
        victim = finder.before(start, 50) or _sentence_subject_before(finder, start)
        if victim is None or (len(finder.gap(victim.end, start).split()) > 8 and victim.start > finder.sentence.start):
            continue
        if _reported_speech(finder.gap(victim.end, start)):
            continue  # "Israel said the convoy was hit": the speaker is not what was hit
        if _RELATIVE.search(finder.gap(victim.end, start).split(",")[-1]) and "," not in finder.gap(victim.end, start):
            continue
        by = _BY.search(finder.text[end : finder.sentence.end])
        if by is None or by.start() > 40:
            agent = _agent_of_attack_noun_after(finder, end)
            if agent is not None:
                yield from pairs([agent], finder.coordinated(victim, -1), "attacks")
            continue
        agent = finder.after(end + by.end(), 150, agentive_only=True, within_clause=False)
        if agent is None or (not _BY_BEFORE.search(finder.gap(end, agent.start)) and by.start() > 0):
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
    if agent is None or not MODIFIER_GAP.match(finder.gap(agent.end, noun_start)):
        return None
    return agent


_GATED_RULES = (
    (noun_attacks, NOUN_WORDS),
    (_verb_attacks, _ATTACK_VERB.words | _INTERCEPT.words),
    (_passive_attacks, _PASSIVE_ATTACK.words),
)

# The subject of an attack verb is the weapon itself: "A strike hit", "Two tank shells slammed into".
_WEAPON_SUBJECT = re.compile(
    r"(?:[\w,'’-]+\s+){0,5}?(?:[Ss]trikes?|[Aa]irstrikes?|[Ff]ire|[Ss]hells?|[Ss]helling|[Mm]issiles?|[Rr]ockets?|"
    r"[Dd]rones?|[Bb]ombs?|[Rr]aids?|[Aa]ttacks?|[Bb]arrages?)\s+(?:(?:also|then|later|reportedly)\s+)?"
)
# ", allied with ", ", acting on orders from ": an aside opened by a comma, with no other comma or verb of speech.
_ASIDE_OPENS = re.compile(r"(?:\s+[a-z-]+){0,2}\s*,\s*(?![^,;]*\b(?:and|or|said|says)\b)[^,;]{1,60}?")
_KILLING = re.compile(r",\s*(?:killing|wounding|injuring)\s+")
# "revenge on", "retaliate against", "blamed": a frame naming whom the next clause's attack is answered on.
_AVENGED_FRAME = re.compile(
    r"\b(?:revenge\s+(?:on|against)|retaliat\w*\s+against|avenge\w*|blam\w*|accus\w*|vengeance\s+(?:on|against))"
    r"\s+(?:the\s+)?"
)
_AVENGED_WORDS = word_forms("retaliate avenge blame accuse", "revenge vengeance retaliating avenging blaming accusing")
# Between the answered actor and the verb: a clause opened by "after", whose subject is a weapon.
_AFTER_STRIKE = re.compile(
    r"[^.;,]{0,40}?\b(?:after|following|when)\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:strikes?|airstrikes?|attacks?|raids?|bombings?|missiles?|rockets?|drones?|shells?|explosions?|blasts?)\s+"
    # "after a strike flattened its consulate, killing ...": the weapon's own verb, then the killing.
    r"(?:[a-z]+ed\b[^.;,]{0,60},\s*)?"
)
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+$")
_BY_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$")
_BY = re.compile(r"\b(?:by|from)\b")
_RELATIVE = re.compile(r"\b(?:that|which|who)\b")
