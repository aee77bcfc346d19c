"""Decide from the surrounding words whether a state's name, demonym or capital stands for the state as an actor."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flashpoint.actor_phrases import ActorMention

_FOLD = str.maketrans({"’": "'", "‘": "'", "‑": "-", "–": "-", "\n": " ", "\t": " ", "\r": " "})
# Words after a state's demonym or possessive that make it the government, its forces or its people acting.
AGENT_NOUNS = frozenset(
    """government governments authorities authority officials official forces force military army navy troops
    soldiers soldier personnel police security intelligence investigators officers officer diplomats diplomat embassy
    ambassador envoy delegation negotiators leaders leader leadership president presidency minister ministers premier
    ministry regime administration cabinet parliament lawmakers state warplanes jets aircraft drone drones missile
    missiles strike strikes airstrike airstrikes attack attacks raid raids shelling bombardment fire artillery tank
    tanks warship warships destroyer frigate submarine operation operations offensive incursion invasion retaliation
    response crime crimes aggression occupation war campaign commander commanders general generals chief spokesman
    spokesperson spokeswoman marines sailors pilots guards defence defense counterpart counterparts side interests
    allies ally proxies proxy base bases outpost positions installations members units unit fighters gunfire snipers
    shells rockets bombs bombing bombings planes helicopters helicopter mediators mediation king queen emir prince
    sultan monarch sniper patrol patrols convoy convoys agents operatives commandos paratroopers reservists infantry
    gunboats
    service servicemen media courts court sanctions nuclear weapons backing support threat threats
    targets sites""".split()
)
# Nouns for a state's own forces and officials: "US troops" is the state acting wherever it stands.
FORCE_NOUNS = frozenset(
    """government authorities officials forces military army navy troops soldiers personnel warplanes jets
    warships""".split()
)
_EVENT_NOUNS = frozenset("attack attacks strike strikes bombing bombings drone blast explosion raid".split())
_EVENT_PLACE_BEFORE = re.compile(r"\b(?:for|after|since|following|amid|over|before|during)\s+$")
# Words after a state's possessive that show a place is meant ("Lebanon's southern frontier").
GEO_NOUNS = frozenset(
    """border borders frontier coast coastline waters capital port ports city cities soil territory territories airspace
    north south east west northern southern eastern western central province provinces region desert mountains shores
    islands island largest biggest second-largest""".split()
)
LOCATIVE_PREPOSITIONS = frozenset(
    """in into inside within across throughout from off near at around through via over toward towards to on of
    outside beyond along visit visited visiting entered toured leave left leaving reach reached crossed""".split()
)
# Words skipped when looking for the preposition before a name ("in war-torn northern Yemen").
_SKIPPED_BEFORE = frozenset(
    """the a an northern southern eastern western central north south east west northeastern northwestern
    southeastern southwestern northeast northwest southeast southwest north-east north-west south-east south-west
    far upper lower neighbouring neighboring war-torn nearby mainland occupied rural coastal oil-rich all""".split()
)
# Words between a demonym and an agent noun that keep the phrase going ("Israeli naval gunfire").
_MODIFIERS = frozenset(
    """military naval air armed security special state foreign defence defense senior top drone missile war
    government intelligence prime supreme elite interior deputy vice high-ranking national marine police health
    foreign fighter stealth reconnaissance surveillance unmanned ballistic cruise border""".split()
)
_OF_AGENTS = frozenset(
    """government president leader leaders forces army military navy ministry minister officials embassy ambassador
    enemy enemies allies ally proxies backing support supporters side regime interests behalf actions policy response
    role threat people help assistance aid coalition members member participation involvement invasion bombardment proxy
    shelling siege blockade""".split()
)
# "weapons from Iran", "orders from Tehran": what a state gives, not where something comes from.
# "aid from Cyprus" is left out: aid shipped from a place is more often meant than aid a state gives.
_FROM_AGENTS = frozenset(
    """weapons arms funding money financing training drones missiles rockets backing support help orders
    instructions approval permission pressure threats warships navies diplomats officials envoys delegations
    ministers leaders""".split()
)
_TO_AGENTS = frozenset(
    """warning warnings message messages threat threats letter appeal ultimatum aid support weapons arms ally allies
    close loyal opposed hostile response envoy ambassador apology bombs missiles drones munitions ammunition exports
    sales shipments deliveries transfers linked tied belonging affiliated allied""".split()
)
_ATTACK_BEFORE = re.compile(
    r"\b(?:attacks?|strikes?|struck|fire[ds]?|firing|launch\w*|war|assaults?|raids?|offensive|pressure|sanctions|"
    r"bombs?|rockets?|missiles?|drones?|aim\w*|target\w*|retaliat\w*|revenge|vengeance|declared|crackdown|blam\w*|finger|"
    r"hit)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
AGENT_SUFFIXES = frozenset(
    "backed sponsored funded armed supported aligned allied affiliated linked led controlled trained financed equipped"
    " proxy".split()
)
_CAPITAL_ADVERBS = frozenset(
    "also has have had is was would will previously later then quickly immediately again officially publicly reportedly"
    " strongly repeatedly further swiftly itself already now still on".split()
)
_CAPITAL_VERBS = re.compile(
    r"(?:said|says|say|saying|condemn|accus|warn|deni|deny|blam|reject|urg|call|announc|respond|vow|insist|believ|"
    r"see|sees|consider|struck|strike|launch|sent|send|impos|back|support|want|hope|seek|sought|claim|threat|demand|"
    r"approv|declin|refus|agre|welcom|prais|critici|express|issu|order|retaliat|pledg|promis|told|tell|ask|confirm|"
    r"maintain|regard|react|respond|will|would|has|have|is|was|and|view|signal|fear|"
    r"suppl|arm|fund|sponsor|fire|attack|den|thank|summon|recall|protest|lodg|demand|object|accept|offer|hold|held|"
    r"provid|ship|sen[dt]|deliver|gave|give)\w*$"
)
# Words before a capital that make it the government being addressed ("accused Tehran", "talks with Washington").
_CAPITAL_OBJECT_OF = frozenset(
    """accused accuses accusing blamed blames blaming warned warns urged urges told pressed sanctioned condemned
    criticised criticized against by with between asked""".split()
)
_BORDER = re.compile(r"^[-\w' ]{0,30}?\b(?:border|frontier|boundary|crossing|line|front)\b", re.IGNORECASE)
_BORDER_AFTER = re.compile(r"^\s*(?:border|frontier|boundary|crossing)\b", re.IGNORECASE)
# "Jordan River", "Jordan Valley", "Oman Sea": the state's name inside a longer place name.
_PLACE_NAME_AFTER = re.compile(
    r"^\s+(?:River|Valley|Sea|Gulf|Strait|Basin|Province|Governorate|Heights|Mountains?|Desert|Canal|Rift)\b"
)
_PRO_ANTI_BEFORE = re.compile(r"\b(?:pro|anti)[-‑–]$", re.IGNORECASE)
# "Israeli-American hostage": a second nationality, read on to the noun.
_DOUBLE_DEMONYM = re.compile(r"^[-‑–][A-Z][a-z]+(?:an|ian|i|ish|ese|ch)\b")
# Capitalised words that open a clause rather than name a place ("Later on Tuesday, Iran fired").
_TIME_WORDS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Later Earlier Meanwhile However Separately Overnight Today Yesterday Also
    Since Then Still""".split()
)
_FIRST_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'-]*)")
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the)\s+(?:\w+\s+)?$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]")
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?$")
_DATELINE_BEFORE = re.compile(r"[A-Z][A-Za-z'-]+,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:[-–—:(]|\(|$)")
_CAPITALISED_LIST = re.compile(
    r"(?:\b(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?)+$"
)
# A person's name after a state's possessive, then a speech verb.
_LEADER_SPEAKS = re.compile(
    r"['’]s\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}),?\s+(?:has\s+|had\s+)?(?:said|says|told|announced|warned|"
    r"condemned|called|urged|demanded|vowed|declared|insisted|added|wrote|posted)\b"
)
_TITLE_GAP = re.compile(r"^(?:'s|’s)?(?:\s+[A-Za-z.-]+){0,4}\s+$")


def unify(text: str) -> str:
    """Text with quotes, dashes and line breaks unified, case kept, every character's offset unchanged."""
    return text.translate(_FOLD)


def in_capitals_line(text: str, offset: int) -> bool:
    """True when the line holding `offset` is written in capitals (a shouted headline)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    letters = [character for character in text[start : end if end >= 0 else len(text)] if character.isalpha()]
    return len(letters) > 8 and sum(character.isupper() for character in letters) > 0.7 * len(letters)


def header_zone(text: str) -> tuple[int, int]:
    """The page-header lines between the title and the first real paragraph (source, section, date)."""
    first_end = text.find("\n")
    if first_end < 0:
        return (0, 0)
    position = first_end
    for line in text[first_end:].split("\n"):
        stripped = line.strip()
        if stripped and (len(stripped.split()) > 8 or stripped[-1] in '.!?"”'):
            break
        position += len(line) + 1
    return (first_end, min(position, len(text)))


def is_title_gap(gap: str) -> bool:
    """True when the words between an actor and a person's name are a title ("'s caretaker premier")."""
    return bool(_TITLE_GAP.match(gap)) and len(gap) <= 40


def classify(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Set `agentive` on every state name, demonym and capital mention; other forms are always agentive."""
    result: list[ActorMention] = []
    # Where named groups start: "Lebanon's Hezbollah said" is the group speaking, not the state.
    group_starts = frozenset(mention.span.start for mention in mentions if mention.form in {"alias", "pattern"})
    for mention in mentions:
        if mention.form == "city":
            result.append(type(mention)(mention.name, mention.span, mention.surface, mention.form, False))
            continue
        if mention.form not in {"place", "demonym", "capital"}:
            result.append(mention)
            continue
        previous = result[-1] if result else None
        if (
            mention.form == "place"
            and previous is not None
            and previous.form == "place"
            and _LIST_GAP.match(text[previous.span.end : mention.span.start])
        ):
            agentive = previous.agentive
        elif mention.form == "place":
            agentive = _place_is_agent(text, mention.span.start, mention.span.end, group_starts)
        elif mention.form == "demonym":
            agentive = _demonym_is_agent(text, mention)
        else:
            agentive = _capital_is_agent(text, mention.span.start, mention.span.end)
        result.append(type(mention)(mention.name, mention.span, mention.surface, mention.form, agentive))
    return result


def _words_after(text: str, end: int, count: int = 4) -> list[str]:
    return _WORD.findall(text[end : end + 60])[:count]


def _words_before(text: str, start: int) -> list[str]:
    return _WORD.findall(text[max(0, start - 40) : start])


def _hyphen_suffix(text: str, end: int) -> bool | None:
    """Agentive verdict from a hyphenated compound ("Iran-backed", "Belize-flagged", "Lebanon-Israel border")."""
    if end >= len(text) or text[end] not in "-‑–":
        return None
    word = _LETTERS.match(text, end + 1, end + 20)
    if word is None:
        return None
    if word.group(0).lower() in AGENT_SUFFIXES:
        return True
    if word.group(0)[0].isupper():
        return not _BORDER.match(text[end + 1 : end + 50])
    return False


def _possessive_verdict(text: str, end: int, named_starts: frozenset[int] = frozenset()) -> bool | None:
    if end >= len(text) or text[end] not in "'’" or not _POSSESSIVE.match(text[end : end + 3]):
        return None
    leader = _LEADER_SPEAKS.match(text, end)
    if leader and leader.start(1) not in named_starts:
        return (
            True  # "France's Emmanuel Macron said": the state speaking through its leader, unlike "Lebanon's Hezbollah"
        )
    # A date between the possessive and its noun is read past: "Iran's April 13 attack", "Hamas's October 7 assault".
    date = _DATE_AFTER.match(text, end + 2)
    start = date.end() if date and _MONTHS.intersection(date.group(0).split()) else end + 2
    words = [word for word in _words_after(text, start, 3) if word.isalpha() or "-" in word]
    lowered = [word.lower() for word in words]
    if any(word in AGENT_NOUNS for word in lowered):
        return True
    return not (not words or words[0][0].isupper() or lowered[0] in GEO_NOUNS)


def _place_is_agent(text: str, start: int, end: int, group_starts: frozenset[int] = frozenset()) -> bool:
    if _DATELINE_AFTER.match(text[end : end + 3]) and _DATELINE_BEFORE.search(text[max(0, start - 30) : start]):
        return False
    if _BORDER_AFTER.match(text[end : end + 20]) or _PLACE_NAME_AFTER.match(text[end : end + 16]):
        return False
    if _after_hyphen(text, start) and _PRO_ANTI_BEFORE.search(text[max(0, start - 5) : start]):
        return False  # "pro-Israel protesters": a stance, not the state acting
    first_word = _FIRST_WORD.match(text, end)
    following = [first_word.group(1)] if first_word else []
    if following and following[0] in _EVENT_NOUNS and _EVENT_PLACE_BEFORE.search(text[max(0, start - 12) : start]):
        return False  # "in reprisal for Jordan drone attack": the place where it happened
    if following and following[0] in FORCE_NOUNS:
        return True  # "in Iraq, US troops...": a state's forces act even inside a place phrase
    if following and following[0] in AGENT_NOUNS and _ARTICLE_BEFORE.search(text[max(0, start - 20) : start]):
        return True  # "in a targeted US drone strike", unlike "for Jordan drone attack" (a place)
    for verdict in (_hyphen_suffix(text, end), _possessive_verdict(text, end, group_starts)):
        if verdict is not None:
            return verdict
    tail = text[max(0, start - 8) : start].rstrip().lower()
    if tail.endswith((",", " and", " or", "the")):
        preceding = text[max(0, start - 200) : start]
        listed = _CAPITALISED_LIST.search(preceding)
        if listed and not _TIME_WORDS.intersection(listed.group(0).replace(",", " ").split()):
            # In a list of names ("from the Philippines, Ukraine and Romania") the word before the list decides.
            start -= len(preceding) - listed.start()
    # Only the last two words that are not skipped matter: read backwards and stop there.
    last_two: list[str] = []
    for word in reversed(_words_before(text, start)):
        if word.lower() not in _SKIPPED_BEFORE:
            last_two.append(word.lower())
            if len(last_two) == 2:
                break
    if not last_two:
        return True
    preposition = last_two[0]
    word_before = last_two[1] if len(last_two) > 1 else ""
    if preposition in {"on", "at"}:
        return bool(_ATTACK_BEFORE.search(text[max(0, start - 60) : start]))
    if preposition == "of":
        return word_before in _OF_AGENTS
    if preposition == "to":
        return word_before in _TO_AGENTS
    if preposition == "from":
        return word_before in _FROM_AGENTS
    if preposition == "with":
        return word_before not in {"border", "borders"}
    return preposition not in LOCATIVE_PREPOSITIONS


def _after_hyphen(text: str, start: int) -> bool:
    """True when a hyphen (or a line break, which `$` may stand before) ends the text before `start`."""
    return start > 0 and text[start - 1] in "-‑–\n"


def _demonym_is_agent(text: str, mention: ActorMention) -> bool:
    hyphen = _hyphen_suffix(text, mention.span.end)
    if hyphen is not None and not _DOUBLE_DEMONYM.match(text[mention.span.end : mention.span.end + 20]):
        return hyphen
    if _after_hyphen(text, mention.span.start) and _PRO_ANTI_BEFORE.search(
        text[max(0, mention.span.start - 5) : mention.span.start]
    ):
        return False
    if mention.surface.endswith("s") and not mention.surface.endswith(("ss", "ese")):
        return True  # "the Israelis", "Americans": the people acting
    for word in _words_after(text, mention.span.end, 4):
        lowered = word.lower()
        if lowered in AGENT_NOUNS:
            return True
        # Keep reading across coordinated demonyms, titles and modifiers: "Israeli and American officials".
        if not (lowered in {"and", "or", ","} or word[0].isupper() or lowered in _MODIFIERS):
            return False
    return False


def _capital_is_agent(text: str, start: int, end: int) -> bool:
    before = _words_before(text, start)
    if before and before[-1].lower() in _CAPITAL_OBJECT_OF:
        return True
    hyphen = _hyphen_suffix(text, end)
    if hyphen is not None:
        return hyphen
    possessive = _possessive_verdict(text, end)
    if possessive is not None:
        return possessive and not re.match(r"['’]s?\s+[a-z]+\s+(?:suburbs?|streets?|outskirts)", text[end : end + 30])
    for word in _words_after(text, end, 4):
        lowered = word.lower()
        if lowered in _CAPITAL_ADVERBS and lowered not in {"has", "have", "had", "is", "was", "will", "would"}:
            continue
        return bool(_CAPITAL_VERBS.match(lowered)) and lowered != "and"
    return False


_LETTERS = re.compile(r"[A-Za-z]+")
_MONTHS = frozenset("January February March April May June July August September October November December".split())
_DATE_AFTER = re.compile(r"\s*(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{1,2}\b|\s*\d{1,2}\s+[A-Z][a-z]+\b")
_POSSESSIVE = re.compile(r"['’]s?\b")
