"""Find the numbers an article states about attacks, casualties, hostages, displacement and weapons, with their kind.

Rules, in the order they are tried for each amount in a sentence:
1. a killing/wounding/abducting verb right before it ("killing six", "wounded 284", "the deaths of 3 soldiers");
2. people words and a casualty verb or noun after it ("12 people have now died", "two dozen others were wounded",
   "twelve deaths", "left 3 dead", "four civilians including two children were killed");
3. a counted noun after it ("13 attacks", "85 targets", "dozens of missiles", "30 casualties" when only wounds
   are mentioned);
4. a toll or tally before it ("the death toll climbs to 12", "the number of attacks rose to 150",
   "attacked at least 66 times");
5. a breakdown of the figure before it in the same sentence ("75 injured, 15 of them critically",
   "including 5 children"): breakdowns and totals are both kept.
Running totals stated as ordinals ("the 108th attack") count attacks. "a/an/one" + a person noun counts 1
when it is the subject or object of a casualty verb ("an Israeli soldier was killed").
Vague amounts ("dozens", "hundreds") become figures with value None and the vague word as qualifier.
Bombings, blasts and shells are not counted as attacks: several may make up one attack.
"""

from __future__ import annotations

import re

from flashpoint.model import Figure, Span
from flashpoint.numbers import QUALIFIERS, NumberMention, find_numbers

_PEOPLE = (
    r"(?:people|persons|individuals|civilians|soldiers|troops|service\s*members|servicemen|servicewomen|personnel"
    r"|members|fighters|militants|gunmen|combatants|children|kids|minors|babies|infants|women|men|boys|girls"
    r"|students|journalists|reporters|photographers|workers|aid\s+workers|medics|paramedics|doctors|nurses"
    r"|rescuers|officers|policemen|police\s+officers|police|officials|commanders|operatives|guards|sailors"
    r"|seafarers|mariners|crew(?:\s*members)?|passengers|pilgrims|worshippers|worshipers|mourners|residents"
    r"|villagers|inhabitants|refugees|nationals|citizens|victims|family\s+members|relatives|staff(?:\s+members)?"
    r"|employees|contractors|peacekeepers|marines|airmen|reservists|settlers|demonstrators|protesters|protestors"
    r"|teenagers|adults|patients|farmers|shepherds|fishermen|others|more|Palestinians|Israelis|Americans"
    r"|Lebanese|Syrians|Iraqis|Iranians|Yemenis|Jordanians|Egyptians|Gazans|Kurds|foreigners|hostages|captives"
    r"|prisoners|detainees)"
)
_PERSON = (
    r"(?:person|man|woman|child|boy|girl|baby|infant|toddler|teenager|soldier|civilian|fighter|militant|officer"
    r"|policeman|policewoman|journalist|reporter|photographer|worker|aid\s+worker|medic|paramedic|doctor|nurse"
    r"|student|resident|farmer|shepherd|fisherman|sailor|seafarer|crew\s*member|service\s*member|serviceman"
    r"|contractor|guard|citizen|national|settler|reservist|peacekeeper|marine|pilot|Israeli|Palestinian|American"
    r"|Lebanese|Syrian|Iraqi|Iranian|Yemeni|Jordanian|Egyptian|Briton)"
)
# Words allowed between an amount and what it counts: names and nationalities, hyphenated words, and adjectives.
_MODIFIER = (
    r"(?:(?-i:[A-Z][\w'’.]*)|\w+-[\w-]+|teenage|pregnant|senior|junior|retired|former|female|male|unidentified"
    r"|unnamed|combat|more|other|additional|further|separate|new|recent|suspected|confirmed"
    r"|reported|known|documented|deadly|fatal|major|minor|large|small|similar|different|coordinated|retaliatory"
    r"|drone|rocket|missile|mortar|artillery|air|aerial|ballistic|cruise|naval|ground|hostile|enemy|terror"
    r"|terrorist|militant|militia|distinct|individual|daily|successful|failed|attempted|direct|indirect|such"
    r"|innocent|unarmed|young|elderly|civilian|foreign|local|military|armed|security|rescue|medical|aid|police"
    r"|army|government|rebel|insurgent|enemy|precision|guided|explosive|suicide|kamikaze|anti-ship|attack|the"
    r"|its|their|his|her|our|those|these)"
)
_AUXILIARY = (
    r"(?:were|was|are|is|have|has|had|been|being|be|now|also|reportedly|already|so\s+far|all|since|later"
    r"|subsequently|allegedly|confirmed|believed|thought|feared|said|reported|found|left|initially|only"
    r"|apparently|seriously|critically|severely|lightly|slightly|badly|moderately|gravely|both|each|who|that"
    r"|eventually|still|in\s+total|altogether|will|would|may|might|could|to|then|not|yet|remain|remained)"
)
_KILLED = (
    r"killed|dead|died|among\s+the\s+(?:dead|killed|victims)|deaths?|fatalities|perished|slain|martyred|(?:fatally|mortally)\s+(?:wounded|injured|shot)"
    r"|lost\s+(?:their|his|her)\s+lives?|(?:shot|stabbed|beaten|burned|crushed)\s+(?:to\s+death|dead)"
    r"|gunned\s+down|succumbed|executed|massacred|bodies"
)
_INJURED = (
    r"wounded|injured|hurt|among\s+the\s+(?:wounded|injured)|injuries|wounds|hospitali[sz]ed|maimed"
    r"|(?:suffered|sustained|received|reported|had|has|have|with|treated\s+for|diagnosed\s+with|evaluated\s+for)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:injuries|injury|wounds|concussions?|TBIs?)"
    r"|(?:[a-z]+ed\s+)?with\s+(?:[\w-]+\s+){0,3}?(?:injuries|wounds)"
    r"|(?:taken|rushed|admitted|transferred|airlifted|evacuated|flown)\s+to\s+(?:(?:a|the)\s+)?(?:\w+\s+)?hospitals?"
)
_HOSTAGES = (
    r"hostages?|captives?|(?:taken|held|kept)\s+(?:hostage|captive|prisoner)|kidnapped|abducted"
    r"|(?:being|been|were|are|remain|remains|still)\s+held"
)
_DISPLACED = r"displaced|(?:forced|driven)\s+from\s+(?:their|his|her)\s+homes|uprooted|fled(?:\s+their\s+homes)?"
# The sentence's amount, then people it counts, then what happened to them.
_PEOPLE_TAIL = re.compile(
    r"(?:\s+of(?:\s+(?:the|them|those|whom))?)?"
    rf"(?:\s+{_MODIFIER}){{0,3}}(?:\s+(?:{_PEOPLE}|{_PERSON})(?:\s+and\s+(?:an?\s+|\w+\s+)?(?:{_MODIFIER}\s+)?(?:{_PEOPLE}|{_PERSON}))?)?"
    r"(?:\s*,?\s+(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them)\b[^,.;:]{0,60}?,?"
    r"|\s*[—–]\s*[^—–.;]{1,60}?[—–]|\s+-\s+[^.;]{1,60}?\s+-|\s*\([^)]{1,60}\))?"
    rf"(?P<auxiliary>(?:\s+{_AUXILIARY}){{0,4}})\s+"
    rf"(?:(?P<killed>{_KILLED})|(?P<injured>{_INJURED})|(?P<hostages>{_HOSTAGES})|(?P<displaced>{_DISPLACED}))\b",
    re.IGNORECASE,
)
# After "a soldier" / "an Israeli": only what happened to that one person, so "an Israeli drone" never counts.
_ONE_PERSON_TAIL = re.compile(
    rf"(?P<auxiliary>(?:\s+{_AUXILIARY}){{0,4}})\s+"
    rf"(?:(?P<killed>{_KILLED})|(?P<injured>{_INJURED})|(?P<hostages>{_HOSTAGES})|(?P<displaced>{_DISPLACED}))\b",
    re.IGNORECASE,
)
# After an active casualty verb, an object means the counted amount was the attacker ("two bombers killed 84").
_ACTIVE_OBJECT = re.compile(
    rf"\s+(?:\d|an?\b|the\b|him\b|her\b|them\b|at\s+least\b|more\s+than\b|{'|'.join(QUALIFIERS)}\b"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozens|hundreds)",
    re.IGNORECASE,
)
_VERB_KINDS = ("killed", "wounded", "injured", "hurt", "kidnapped", "abducted", "maimed", "executed", "massacred")
# "of" only follows vague amounts here ("dozens of missiles"): "one of the attacks" is not a count of attacks.
_NOUN_TAIL = re.compile(
    rf"(?:(?<=s)\s+of)?(?:\s+{_MODIFIER}(?:,|\s+and|\s+or)?){{0,4}}\s+(?:"
    r"(?P<attacks>attacks?|strikes?|air\s*strikes?|incidents?|assaults?)"
    r"|(?P<missiles>missiles?|rockets?|projectiles?)"
    r"|(?P<drones>drones?|UAVs?|unmanned\s+aerial\s+vehicles?)"
    r"|(?P<targets>targets?|sites?)"
    r"|(?P<casualties>casualties))\b",
    re.IGNORECASE,
)
_BEFORE = {
    "killed": re.compile(
        r"\b(?:killed|killing|kills|kill|slew|slaying|massacred|executed|executing|(?:shot|shooting)\s+dead"
        r"|(?:claimed|claiming|took|taking|cost|costing)\s+the\s+lives\s+of|(?:deaths?|killings?|murders?|massacre)\s+of"
        r"|dead\s+(?:to|at|of|reached|rose\s+to)|among\s+the\s+(?:dead|killed|victims)\s+(?:were|are|was|is))\s+$",
        re.IGNORECASE,
    ),
    "injured": re.compile(
        r"\b(?:wounded|wounding|wounds|injured|injuring|injures|hurt|hurting|maimed|maiming|wounding\s+of"
        r"|among\s+the\s+(?:wounded|injured)\s+(?:were|are|was|is))\s+$",
        re.IGNORECASE,
    ),
    "hostages": re.compile(
        r"\b(?:kidnapped|kidnapping|abducted|abducting|seized|seizing|captured|capturing|holding|release\s+of"
        r"|freed|freeing|released|releasing)\s+$",
        re.IGNORECASE,
    ),
    "displaced": re.compile(r"\b(?:displaced|displacing|uprooted|uprooting)\s+$", re.IGNORECASE),
}
# After a verb-led amount: the people counted, or nothing more (punctuation, a conjunction, a preposition).
_VERB_OBJECT_TAIL = re.compile(
    rf"(?:\s+of(?:\s+(?:the|them|those))?)?(?:\s+{_MODIFIER}){{0,3}}\s+(?:{_PEOPLE}|{_PERSON})\b"
    r"|(?=\s*(?:[,.;:)\-–—]|$)|\s+(?:and|or|but|in|on|at|near|across|during|since|after|before|when|while|as|with"
    r"|including|among|from|by|over|inside|outside|this|last|so|overnight|yesterday|today|earlier|later)\b)",
    re.IGNORECASE,
)
# "Hezbollah has lost 100 fighters": losing people counts the dead.
_LOST_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:now\s+|already\s+)?lost\s+$", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(rf"(?:\s+{_MODIFIER}){{0,3}}\s+{_PEOPLE}\b", re.IGNORECASE)
_PEOPLE_AFTER_OF = re.compile(
    rf"(?:\s+of\s+(?:his|her|their|its|the))?(?:\s+{_MODIFIER}){{0,3}}\s+(?:{_PEOPLE}|guards|bodyguards|aides)\b",
    re.IGNORECASE,
)
# "12 people were killed or wounded" adds two kinds together: no figure of either kind.
_EITHER_KIND_AFTER = re.compile(r"\s+or\s+(?:were\s+)?(?:wounded|injured|hurt|killed|dead|missing)\b", re.IGNORECASE)
_TALLY_VERB = (
    r"(?:to|at|of|from|reached|reaches|reaching|hit|hits|surpassed|surpasses|passed|passes|topped|tops|exceeded"
    r"|exceeds|crossed|crosses|nears|neared|approaches|approached|is|was|stood|stands|now)"
)
# "killed a senior commander and two of his guards": people joined to the object of a casualty verb.
_COORDINATED_BEFORE = {
    "killed": re.compile(r"\b(?:killed|killing|kills)\b(?:(?!\b(?:were|was|are|is|and)\b)[^.;:]){0,80}?\band\s+$"),
    "injured": re.compile(
        r"\b(?:wounded|wounding|injured|injuring)\b(?:(?!\b(?:were|was|are|is|and)\b)[^.;:]){0,80}?\band\s+$"
    ),
}
_TOLL = re.compile(rf"\btoll\b[^.;:]{{0,80}}?\b{_TALLY_VERB}\s+$", re.IGNORECASE)
_TALLY = re.compile(
    r"\b(?:number|tally|total|count)\s+of\s+(?:[\w-]+\s+){0,4}?"
    r"(?:(?P<killed>killed|dead|deaths|fatalities|died)|(?P<injured>wounded|injured|injuries)"
    rf"|(?P<attacks>attacks|strikes|incidents))\b[^.;:]{{0,60}}?\b{_TALLY_VERB}\s+$",
    re.IGNORECASE,
)
_ATTACKED_BEFORE = re.compile(
    r"\b(?:attack(?:ed)?|targeted|struck|hit|fired\s+(?:on|at|upon)|shelled|bombed|raided)\b[^.;:]{0,60}$",
    re.IGNORECASE,
)
_TIMES_AFTER = re.compile(r"\s+times\b", re.IGNORECASE)
_BREAKDOWN_AFTER = re.compile(r"\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)
_BREAKDOWN_BEFORE = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+which)\s+$",
    re.IGNORECASE,
)
_ORDINAL = re.compile(
    rf"\bthe\s+(?P<number>\d{{1,3}}(?:,\d{{3}})*)(?:st|nd|rd|th)(?:\s+{_MODIFIER}){{0,3}}\s+"
    r"(?:attack|strike|assault|incident)s?\b",
    re.IGNORECASE,
)
_ONE_PERSON = re.compile(rf"\b(?<!-)an?(?:\s+{_MODIFIER}){{0,3}}\s+{_PERSON}\b", re.IGNORECASE)
_WOUND_WORDS = re.compile(r"injur|wound|hurt", re.IGNORECASE)
_DEATH_WORDS = re.compile(r"kill|dead|death|died|fatal", re.IGNORECASE)
_HEAD_CHARS = 160
_BREAKDOWN_KINDS = frozenset({"attacks", "killed", "injured", "hostages", "displaced"})


def _tail_kind(text: str, mention: NumberMention, sentence: Span, one_person: bool) -> str | None:
    tail = (_ONE_PERSON_TAIL if one_person else _PEOPLE_TAIL).match(text, mention.end, sentence.end)
    if tail:
        kind = next(name for name in ("killed", "injured", "hostages", "displaced") if tail.group(name))
        verb = tail.group(kind).lower()
        if _EITHER_KIND_AFTER.match(text, tail.end(), sentence.end):
            return None
        if (
            tail.group("auxiliary")
            or verb not in _VERB_KINDS
            or not _ACTIVE_OBJECT.match(text, tail.end(), sentence.end)
        ):
            return kind
    if one_person:
        return None
    noun = _NOUN_TAIL.match(text, mention.end, sentence.end)
    if noun:
        kind = next(name for name in ("attacks", "missiles", "drones", "targets", "casualties") if noun.group(name))
        if kind != "casualties":
            return kind
        words = text[sentence.start : sentence.end]
        if _WOUND_WORDS.search(words) and not _DEATH_WORDS.search(words):
            return "injured"
    return None


def _head_kind(text: str, mention: NumberMention, sentence: Span) -> str | None:
    head = text[max(sentence.start, mention.phrase_start - _HEAD_CHARS) : mention.phrase_start]
    if _VERB_OBJECT_TAIL.match(text, mention.end, sentence.end):
        for kind, pattern in _BEFORE.items():
            if pattern.search(head):
                return kind
    if _LOST_BEFORE.search(head) and _PEOPLE_AFTER.match(text, mention.end, sentence.end):
        return "killed"
    if _TOLL.search(head):
        return "killed"
    tally = _TALLY.search(head)
    if tally:
        return next(name for name in ("killed", "injured", "attacks") if tally.group(name))
    if _TIMES_AFTER.match(text, mention.end, sentence.end) and _ATTACKED_BEFORE.search(head):
        return "attacks"
    return None


def _coordinated_kind(text: str, mention: NumberMention, sentence: Span) -> str | None:
    if not _PEOPLE_AFTER_OF.match(text, mention.end, sentence.end):
        return None
    head = text[max(sentence.start, mention.phrase_start - 100) : mention.phrase_start]
    return next((kind for kind, pattern in _COORDINATED_BEFORE.items() if pattern.search(head)), None)


def _is_breakdown(text: str, mention: NumberMention, sentence: Span) -> bool:
    head = text[max(sentence.start, mention.phrase_start - 40) : mention.phrase_start]
    return bool(_BREAKDOWN_AFTER.match(text, mention.end, sentence.end) or _BREAKDOWN_BEFORE.search(head))


def _one_person_mentions(text: str, sentence: Span) -> list[NumberMention]:
    return [
        NumberMention(match.start(), match.end(), 1, None, match.start())
        for match in _ONE_PERSON.finditer(text, sentence.start, sentence.end)
    ]


def _sentence_figures(text: str, sentence: Span) -> list[Figure]:
    sentence_text = text[sentence.start : sentence.end]
    figures: list[Figure] = []
    one_person = _one_person_mentions(text, sentence)
    mentions = sorted(find_numbers(text, sentence.start, sentence.end) + one_person, key=lambda mention: mention.start)
    for mention in mentions:
        is_one_person = mention in one_person
        kind = _head_kind(text, mention, sentence) or _tail_kind(text, mention, sentence, is_one_person)
        if kind is None:
            kind = _coordinated_kind(text, mention, sentence)
        if kind is None and _is_breakdown(text, mention, sentence):
            kind = next((figure.kind for figure in reversed(figures) if figure.kind in _BREAKDOWN_KINDS), None)
        if kind is None:
            continue
        span = Span(mention.start, mention.end)
        figures.append(Figure(kind, mention.value, mention.qualifier, text[span.start : span.end], sentence_text, span))
    for match in _ORDINAL.finditer(text, sentence.start, sentence.end):
        span = Span(*match.span("number"))
        figures.append(Figure("attacks", int(match.group("number").replace(",", "")), None, match.group("number"),
                              sentence_text, span))  # fmt: skip
    return figures


def find_figures(text: str, sentences: list[Span]) -> tuple[Figure, ...]:
    """Every attack, casualty, hostage, displacement, missile, drone and target count in the text, in text order."""
    figures: list[Figure] = []
    for sentence in sentences:
        figures.extend(_sentence_figures(text, sentence))
    figures.sort(key=lambda figure: figure.span.start)
    return tuple(figures)
