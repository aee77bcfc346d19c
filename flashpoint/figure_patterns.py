"""The words and phrase patterns that tell what an amount in a news sentence counts (people, harm, attacks, tallies)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from flashpoint.numbers import QUALIFIERS

# "the 170th attack": an ordinal, whose number part is digits and thousands commas right before its suffix.
ORDINAL = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})*)(?:st|nd|rd|th)\b")
_SUFFIXED_DIGIT = re.compile(r"\d(?:st|nd|rd|th)\b")

PEOPLE = (
    r"(?:people|persons|individuals|civilians|soldiers|troops|service\s*members|servicemen|servicewomen|personnel"
    r"|members|fighters|militants|gunmen|combatants|children|kids|minors|babies|infants|women|men|boys|girls"
    r"|students|pupils|schoolchildren|teachers|journalists|reporters|photographers|workers|aid\s+workers|medics"
    r"|paramedics|doctors|nurses|rescuers|firefighters|officers|policemen|police\s+officers|police|officials"
    r"|commanders|leaders|chiefs|deputies|generals|colonels|lieutenants|captains|sergeants|operatives|guards"
    r"|bodyguards|aides"
    r"|advisers|advisors|diplomats|envoys|engineers|scientists|ministers|lawmakers|activists|volunteers|cadets"
    r"|recruits|conscripts|guardsmen|militiamen|paratroopers|commandos|jihadists|insurgents|rebels|extremists"
    r"|terrorists|attackers|assailants|sailors|seafarers|seamen|mariners|crewmen|crew(?:\s*members)?|passengers"
    r"|drivers|labou?rers|migrants|tourists|visitors|shoppers|bystanders|pedestrians|motorists|pilgrims"
    r"|worshippers|worshipers|mourners|clerics|residents|villagers|inhabitants|refugees|nationals|citizens|victims"
    r"|family\s+members|relatives|brothers|sisters|sons|daughters|mothers|fathers|wives|husbands|siblings|cousins"
    r"|grandchildren|staff(?:\s+members)?|employees|contractors|peacekeepers|marines|airmen|reservists|settlers"
    r"|demonstrators|protesters|protestors|teenagers|adolescents|adults|patients|farmers|shepherds|fishermen"
    r"|inmates|agents|others|more|foreigners|hostages|captives|prisoners|detainees|Jews|Druze"
    # Capitalised plural demonyms and communities: Iranians, Britons, Israelis, Kurds, Turks, Shiites, Lebanese.
    r"|(?-i:[A-Z][a-z]+(?:n|i|ite|ard|urd|urk|ab|ek|ch)s|[A-Z][a-z]+ese))"
)
PERSON = (
    r"(?:person|man|woman|child|boy|girl|baby|infant|toddler|teenager|soldier|civilian|fighter|militant|officer"
    r"|policeman|policewoman|journalist|reporter|photographer|worker|aid\s+worker|medic|paramedic|doctor|nurse"
    r"|student|resident|farmer|shepherd|fisherman|sailor|seafarer|crew\s*member|service\s*member|serviceman"
    r"|contractor|guard|citizen|national|settler|reservist|peacekeeper|marine|pilot|commander|leader|general"
    r"|colonel|aide|bodyguard|diplomat|driver|volunteer|hostage|captive|relative|member|Israeli|Palestinian"
    r"|American|Lebanese|Syrian|Iraqi|Iranian|Yemeni|Jordanian|Egyptian|Briton)"
)
# Words allowed between an amount and what it counts: names, possessives, hyphenated words and adjectives.
MODIFIER = (
    r"(?:(?-i:[A-Z][\w'’.]*)|\w+['’]s|\w+-[\w-]+|teenage|pregnant|senior|junior|retired|former|female|male"
    r"|unidentified|unnamed|combat|more|other|additional|further|separate|new|recent|suspected|confirmed"
    r"|reported|known|documented|deadly|fatal|major|minor|large|small|similar|different|coordinated|retaliatory"
    r"|drone|rocket|missile|mortar|artillery|air|aerial|ballistic|cruise|naval|ground|hostile|enemy|terror"
    r"|terrorist|militant|militia|distinct|individual|daily|successful|failed|attempted|direct|indirect|such"
    r"|innocent|unarmed|young|elderly|civilian|foreign|local|military|armed|security|rescue|medical|aid|police"
    r"|army|government|rebel|insurgent|precision|guided|explosive|suicide|kamikaze|anti-ship|attack|the"
    r"|its|their|his|her|our|those|these)"
)
AUXILIARY = (
    r"(?:were|was|are|is|have|has|had|been|being|be|now|also|reportedly|already|so\s+far|all|since|later"
    r"|subsequently|allegedly|confirmed|believed|thought|feared|said|reported|found|left|initially|only"
    r"|apparently|seriously|critically|severely|lightly|slightly|badly|moderately|gravely|both|each|who|that"
    r"|eventually|still|in\s+total|altogether|will|would|may|might|could|to|then|not|yet|remain|remained)"
)
KILLED = (
    r"killed|dead|died|among\s+(?:the|those)\s+(?:[\d,]+\s+)?(?:dead|killed|victims)|martyrs|deaths?|fatalities"
    r"|perished|slain|martyred"
    r"|(?:fatally|mortally)\s+(?:wounded|injured|shot)|lost\s+(?:their|his|her)\s+lives?"
    r"|(?:shot|stabbed|beaten|burned|crushed)\s+(?:to\s+death|dead)|gunned\s+down|succumbed|executed|massacred"
    r"|murdered|assassinated|bodies|lives\s+(?:were|have\s+been|had\s+been)\s+lost"
)
INJURED = (
    r"wounded|injured|hurt|among\s+(?:the|those)\s+(?:wounded|injured|hurt)|injuries|wounds|hospitali[sz]ed|maimed"
    r"|(?:suffered|sustained|received|reported|had|has|have|with|treated\s+for|diagnosed\s+with|evaluated\s+for)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:injuries|injury|wounds|concussions?|TBIs?|burns|fractures)"
    r"|(?:[a-z]+ed\s+)?with\s+(?:[\w-]+\s+){0,3}?(?:injuries|wounds)"
    r"|(?:taken|rushed|admitted|transferred|airlifted|evacuated|flown)\s+to\s+(?:(?:a|the)\s+)?(?:\w+\s+)?hospitals?"
    r"|in\s+(?:a\s+)?(?:critical|serious|grave|stable)\s+condition"
)
HOSTAGES = (
    r"hostages?|captives?|(?:taken|held|kept)\s+(?:hostage|captive|prisoner)|kidnapped|abducted"
    r"|(?:being|been|were|are|remain|remains|still)\s+held"
)
DISPLACED = r"displaced|(?:forced|driven)\s+from\s+(?:their|his|her)\s+homes|uprooted|fled(?:\s+their\s+homes)?"
TALLY_VERB = (
    r"(?:to|at|of|from|reached|reaches|reaching|hit|hits|surpassed|surpasses|passed|passes|topped|tops|exceeded"
    r"|exceeds|crossed|crosses|nears|neared|approaches|approached|is|was|stood|stands|now)"
)
HARM_KINDS = ("killed", "injured", "hostages", "displaced")
# A sentence without any of these stems states no harm to people, so the costly harm patterns are skipped there.
# Matched against lower-cased text: a case-insensitive scan is several times slower.
HARM_HINT = re.compile(
    r"kill|dead|die|death|fatal|wound|injur|hurt|hospital|hostage|captiv|held|kidnap|abduct|displac|fled|uproot"
    r"|slain|perish|martyr|lives|execut|massacr|murder|assassin|bodies|gunned|succumb|condition|maim|tbi"
    r"|concussion|toll|lost|shot|stabbed|victim|burn|fracture"
)
# Participles that may also be active verbs: "12 soldiers killed 3 gunmen" makes the amount the attacker.
AMBIGUOUS_PARTICIPLES = ("killed", "wounded", "injured", "hurt", "kidnapped", "abducted", "maimed", "executed")

_HARM = rf"(?:(?P<killed>{KILLED})|(?P<injured>{INJURED})|(?P<hostages>{HOSTAGES})|(?P<displaced>{DISPLACED}))\b"
_COUNTED = rf"(?:{PEOPLE}|{PERSON})"
# Any plain word may describe people counted by a people noun ("196 humanitarian workers"), but not a word that
# links to another phrase.
_FREE_WORD = (
    r"(?!(?:at|on|in|of|to|by|for|with|from|into|onto|near|against|towards?|after|before|since|during|over|under"
    r"|about|around|through|across|behind|inside|outside|within|without|upon|off|out|up|down|than|as|and|or|but"
    r"|then|there|here|also|not|only|were|was|are|is|had|has|have|said|say|says|told|who|whom|whose|that|which"
    r"|while|when)\b)"
    # Plural nouns ("rockets", "shells") are things counted instead of people; "-ous" adjectives are not plurals.
    r"[a-z][\w'’-]*(?<![^su]s)"
)
# Who the people belong to or where they were: "five officers of the Revolutionary Guards were killed".
_PLACED = r"(?:\s+(?:of|from|in|at|on|aboard)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
# A comma-delimited aside between the counted people and their verb ("16 people, civilians among them, were
# killed"); one opening with a conjunction starts a new clause instead.
_ASIDE = (
    r"\s*,(?P<aside>(?!\s*(?:and|but|or|while|whereas|as|when|after|before|because|although|though|then|so|yet)\b)"
    r"[^;:!?()\"“”]{2,120}?),"
)
# The sentence's amount, then people it counts, then what happened to them.
PEOPLE_TAIL = re.compile(
    rf"(?:\s+of(?:\s+(?:the|them|those|whom))?)?"
    rf"(?:(?:\s+(?:{MODIFIER}|{_FREE_WORD})){{0,3}}\s+{_COUNTED}"
    rf"(?:\s+and\s+(?:an?\s+|\w+\s+)?(?:{MODIFIER}\s+)?{_COUNTED})?"
    rf"{_PLACED}|(?:\s+{MODIFIER}){{0,3}})"
    r"(?:\s*,?\s+(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them)\b[^,;:]{0,60}?,?"
    rf"|\s*[—–]\s*[^—–;]{{1,60}}?[—–]|\s+-\s+[^;]{{1,60}}?\s+-|\s*\([^)]{{1,60}}\)|{_ASIDE})?"
    rf"(?P<auxiliary>(?:\s+{AUXILIARY}){{0,5}})\s+{_HARM}",
    re.IGNORECASE,
)
# After an active casualty verb, an object means the counted amount was the attacker ("two bombers killed 84").
# A qualifier counts only before an amount: "ten people killed over the weekend" has no object.
ACTIVE_OBJECT = re.compile(
    rf"\s+(?:(?:{'|'.join(QUALIFIERS)})\s+)?(?:\d|an?\b|the\b|him\b|her\b|them\b"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|dozens|scores|hundreds|thousands)\b)",
    re.IGNORECASE,
)
# "of" only follows vague amounts here ("dozens of missiles"): "one of the attacks" is not a count of attacks.
# "strike groups", "attack helicopters": the noun is an adjective of another noun.
NOUN_TAIL = re.compile(
    rf"(?:(?<=s)\s+of)?(?:\s+{MODIFIER}(?:,|\s+and|\s+or)?){{0,4}}\s+(?:"
    r"(?P<attacks>(?:attacks?|strikes?|air\s*strikes?|incidents?|assaults?)\b(?!\s+(?:groups?|forces?|packages?"
    r"|aircraft|helicopters?|jets?|fighters?|planes?|submarines?|boats?|craft|teams?|units?|capabilit|missions?"
    r"|drones?|UAVs?)))"
    r"|(?P<missiles>missiles?|rockets?|projectiles?)\b"
    r"|(?P<drones>drones?|UAVs?|unmanned\s+aerial\s+vehicles?)\b"
    r"|(?P<targets>targets?|sites?)\b"
    r"|(?P<casualties>casualties)\b)",
    re.IGNORECASE,
)
BEFORE = {
    "killed": re.compile(
        r"\b(?:killed|killing|kills|kill|slew|slaying|massacred|executed|executing|(?:shot|shooting)\s+dead"
        r"|(?:claimed|claiming|took|taking|cost|costing)\s+the\s+lives\s+of"
        r"|(?:deaths?|killings?|murders?|massacre)\s+of"
        r"|bodies\s+of|dead\s+(?:to|at|of|reached|rose\s+to)|murdered|murdering|assassinated"
        r"|(?:dead|killed|victims|fatalities)\s+(?:were|are|was|is|included|include|includes))\s+$",
        re.IGNORECASE,
    ),
    "injured": re.compile(
        r"\b(?:wounded|wounding|wounds|injured|injuring|injures|hurt|hurting|maimed|maiming|wounding\s+of"
        r"|(?:wounded|injured)\s+(?:were|are|was|is|included|include|includes))\s+$",
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
VERB_OBJECT_TAIL = re.compile(
    rf"(?:\s+of(?:\s+(?:the|them|those))?)?(?:\s+{MODIFIER}){{0,3}}\s+{_COUNTED}\b"
    r"|(?=\s*(?:[,.;:)\-–—]|$)|\s+(?:and|or|but|in|on|at|near|across|during|since|after|before|when|while|as|with"
    r"|including|among|from|by|over|inside|outside|this|last|so|overnight|yesterday|today|earlier|later)\b)",
    re.IGNORECASE,
)


def ordinal_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ORDINAL.finditer(text), trying the pattern only just before a digit with a suffix.

    Trying it at every digit of an article costs twice as much; a match always ends in such a digit.
    """
    position = 0
    for suffixed in _SUFFIXED_DIGIT.finditer(text):
        suffix_start = suffixed.start() + 1
        if suffix_start <= position:
            continue
        first = suffix_start
        while first > position and (text[first - 1].isdecimal() or text[first - 1] == ","):
            first -= 1
        for start in range(first, suffix_start):
            found = ORDINAL.match(text, start)
            if found is not None:
                yield found
                position = found.end()
                break
