"""Link rules: who supports whom and who attacks whom, read from one sentence's wording."""

from __future__ import annotations

import pytest

from flashpoint.actors import GENERIC_ACTOR, ActorExtractor, load_actor_dictionary
from flashpoint.sentences import split_sentences

SCORED = {"supports", "attacks"}


@pytest.fixture(scope="module")
def extractor() -> ActorExtractor:
    return ActorExtractor(load_actor_dictionary())


def links_of(extractor: ActorExtractor, text: str, relations: set[str] = SCORED) -> set[tuple[str, str, str]]:
    _, links = extractor.extract(text, split_sentences(text))
    return {(link.source, link.relation, link.target) for link in links if link.relation in relations}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Yemen's Iran-backed Houthis seized a cargo ship.", {("Iran", "supports", "Houthis")}),
        ("Hezbollah, which is funded and armed by Iran, fired rockets.", {("Iran", "supports", "Hezbollah")}),
        ("The Houthis, backed by Iran, have vowed to continue.", {("Iran", "supports", "Houthis")}),
        (
            "Iran is believed to sponsor various militant groups including Hamas, Palestinian Islamic Jihad, "
            "and Hezbollah.",
            {
                ("Iran", "supports", "Hamas"),
                ("Iran", "supports", "Palestinian Islamic Jihad"),
                ("Iran", "supports", "Hezbollah"),
            },
        ),
        ("Washington has accused Tehran of arming the Houthis.", {("Iran", "supports", "Houthis")}),
        ("Tehran supplies the Houthis with drones and missiles.", {("Iran", "supports", "Houthis")}),
        ("Iran denies arming the Houthis.", set()),
        (
            "The Syrian Democratic Forces, a US-backed Kurdish-led militia, detained the suspects.",
            {("United States", "supports", "Syrian Democratic Forces")},
        ),
        ("Several groups backed by Iran are suspected.", {("Iran", "supports", GENERIC_ACTOR)}),
        (
            "Iran's proxies, including Hezbollah and the Houthis, have joined the fight.",
            {("Iran", "supports", GENERIC_ACTOR), ("Iran", "supports", "Hezbollah"), ("Iran", "supports", "Houthis")},
        ),
        ("Jordan, a close US ally, condemned the attack.", set()),
        ("Russia, which Iran has supplied with drones, denied it.", {("Iran", "supports", "Russia")}),
        ("Iran supports the Palestinian cause.", set()),
        ("The US supports Israel's right to defend itself.", set()),
        ("Protesters marched in support of Hamas in London.", set()),
        ("Qatar, which hosts Hamas leaders, mediated.", set()),
        ("Hezbollah, a proxy of Iran, fired rockets.", {("Iran", "supports", "Hezbollah")}),
        ("The Houthis receive weapons and training from Iran, US officials say.", {("Iran", "supports", "Houthis")}),
        ("Iran has provided the Houthis with drones.", {("Iran", "supports", "Houthis")}),
        ("The SDF, the US-allied Kurdish-led force, said six fighters died.", set()),
        (
            "Hamas fighters clashed with Israeli troops, the armed wing of the group, the Qassam Brigades, said.",
            {("Hamas", "attacks", "Israel"), ("Israel", "attacks", "Hamas")},
        ),
        (
            "The Houthis seized a ship on Sunday. The Iran-backed rebels released a video of the raid.",
            {("Iran", "supports", "Houthis")},
        ),
        (
            "Kataib Hezbollah, an Iraqi militia backed by Iran, claimed the attack.",
            {("Iran", "supports", "Kataib Hezbollah")},
        ),
    ],
)
def test_supports_links(extractor: ActorExtractor, sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert links_of(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Israeli warplanes struck Hezbollah targets in southern Lebanon.", {("Israel", "attacks", "Hezbollah")}),
        ("Hezbollah said it fired rockets at Israeli army positions.", {("Hezbollah", "attacks", "Israel")}),
        (
            "US and British warplanes struck Houthi targets overnight.",
            {("United States", "attacks", "Houthis"), ("United Kingdom", "attacks", "Houthis")},
        ),
        (
            "US forces came under attack by Iran-backed militants at the base.",
            {(GENERIC_ACTOR, "attacks", "United States"), ("Iran", "supports", GENERIC_ACTOR)},
        ),
        (
            "Two Israeli soldiers were killed by an anti-tank missile fired by Hezbollah.",
            {("Hezbollah", "attacks", "Israel")},
        ),
        ("Iran fired more than 300 drones and missiles at Israel in April.", {("Iran", "attacks", "Israel")}),
        ("Israel launched airstrikes on Iranian military facilities in Syria.", {("Israel", "attacks", "Iran")}),
        ("A drone strike blamed on Israel killed a senior Hamas official in Beirut.", {("Israel", "attacks", "Hamas")}),
        (
            "The US military said it struck an Iranian-backed militia's headquarters.",
            {("United States", "attacks", GENERIC_ACTOR), ("Iran", "supports", GENERIC_ACTOR)},
        ),
        ("Israel's military said it killed a Hamas commander in an airstrike.", {("Israel", "attacks", "Hamas")}),
        (
            "The attacks on American forces by Iran-backed militants continued.",
            {(GENERIC_ACTOR, "attacks", "United States"), ("Iran", "supports", GENERIC_ACTOR)},
        ),
        ("Tensions rose after a terror attack by Hamas on Israel.", {("Hamas", "attacks", "Israel")}),
        ("An Israeli drone strike on the Hamas office killed six people.", {("Israel", "attacks", "Hamas")}),
        (
            "The US has conducted retaliatory airstrikes against Kataib Hezbollah in Iraq.",
            {("United States", "attacks", "Kataib Hezbollah")},
        ),
        (
            "IS, a group that has struck before in Iran, claimed the bombing, Iran said.",
            {("Islamic State", "attacks", "Iran")},
        ),
        (
            "Soleimani, the Revolutionary Guards commander, was killed in a US drone strike in Baghdad.",
            {("United States", "attacks", "IRGC")},
        ),
        # Wars and exchanges of fire run both ways; "war on" runs one way.
        (
            "The war between Israel and Hamas erupted on October 7.",
            {("Israel", "attacks", "Hamas"), ("Hamas", "attacks", "Israel")},
        ),
        (
            "Israel's war with Hamas has displaced most of Gaza.",
            {("Israel", "attacks", "Hamas"), ("Hamas", "attacks", "Israel")},
        ),
        (
            "Israel and Hezbollah have exchanged fire almost daily.",
            {("Israel", "attacks", "Hezbollah"), ("Hezbollah", "attacks", "Israel")},
        ),
        (
            "The Israel-Hezbollah conflict has displaced thousands.",
            {("Israel", "attacks", "Hezbollah"), ("Hezbollah", "attacks", "Israel")},
        ),
        ("In response, Israel launched a war on Hamas in Gaza.", {("Israel", "attacks", "Hamas")}),
        (
            "Two US soldiers were wounded in an attack by Iran-backed militias.",
            {(GENERIC_ACTOR, "attacks", "United States"), ("Iran", "supports", GENERIC_ACTOR)},
        ),
        ("The Israeli army said it had eliminated a Hezbollah commander.", {("Israel", "attacks", "Hezbollah")}),
        ("Israel's invasion of Lebanon began on Tuesday, Lebanon said.", {("Israel", "attacks", "Lebanon")}),
        (
            "Hezbollah and Israel have been trading blows for months.",
            {("Israel", "attacks", "Hezbollah"), ("Hezbollah", "attacks", "Israel")},
        ),
        ("The US retaliated against Kataib Hezbollah on Friday.", {("United States", "attacks", "Kataib Hezbollah")}),
        (
            "The US military has carried out strikes in Iraq and Syria against Kataib Hezbollah.",
            {("United States", "attacks", "Kataib Hezbollah")},
        ),
        (
            "The Houthis fired a missile toward the USS Gravely, the US military said.",
            {("Houthis", "attacks", "United States")},
        ),
        ("An Israeli airstrike hit the building, Iranian state media reported.", set()),
        ("A drone attack on a base housing US troops killed six SDF fighters.", set()),
        (
            "Washington has blamed previous attacks on Iran-backed Iraqi militias.",
            {("Iran", "supports", GENERIC_ACTOR)},
        ),
        ("Israeli strikes kill 20 in Rafah as Egypt warns against an offensive.", set()),
        ("Later on Tuesday, Iran fired about 180 ballistic missiles at Israel.", {("Iran", "attacks", "Israel")}),
        (
            "Hezbollah launched a barrage of rockets into northern Israel, the Israeli army said.",
            {("Hezbollah", "attacks", "Israel")},
        ),
        ("Iran vows revenge after strike on Damascus consulate kills Revolutionary Guards commanders.", set()),
        (
            "The US launched strikes on more than 85 targets in Iraq and Syria linked to the Revolutionary Guards.",
            {("United States", "attacks", "IRGC")},
        ),
        ("The SDF blamed the attack on mercenaries backed by the Syrian regime.", set()),
        ("US bombers hit 85 targets in Iraq and Syria in reprisal for the attack, Iraq said.", set()),
        (
            "Harakat al-Nujaba, a group backed by Tehran, said it attacked US forces.",
            {("Iran", "supports", "Harakat al-Nujaba"), ("Harakat al-Nujaba", "attacks", "United States")},
        ),
        # Traps: interception, hypotheticals, threats, headline passives, nouns.
        ("The USS Carney intercepted missiles launched by Iran-backed Houthis.", {("Iran", "supports", "Houthis")}),
        ("Blinken said that if Iran attacks US personnel, the response will be swift.", set()),
        ("Hezbollah has threatened to strike Israel if the war spreads.", set()),
        ("Hamas leader killed in blast in Beirut, Hezbollah says.", set()),
        (
            "The UN Security Council condemned the bombing as a cowardly terrorist attack "
            "and urged states to work with Iran.",
            set(),
        ),
        ("Israel did not attack Iran, officials said.", set()),
    ],
)
def test_attack_links(extractor: ActorExtractor, sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert links_of(extractor, sentence) == expected


def test_interception_is_its_own_relation(extractor: ActorExtractor) -> None:
    text = "The US Navy intercepted a missile launched by the Houthis."
    assert links_of(extractor, text, {"intercepts", "attacks"}) == {("United States", "intercepts", "Houthis")}


def test_threat_is_its_own_relation(extractor: ActorExtractor) -> None:
    text = "Hezbollah has threatened to strike Israel if the war spreads."
    assert links_of(extractor, text, {"threatens", "attacks"}) == {("Hezbollah", "threatens", "Israel")}


def test_each_link_carries_its_sentence_and_span(extractor: ActorExtractor) -> None:
    text = "Title here\n\nThe weather was calm. Israeli jets struck Hezbollah sites. Nothing else happened."
    _, links = extractor.extract(text, split_sentences(text))
    (link,) = links
    assert link.sentence == "Israeli jets struck Hezbollah sites."
    assert text[link.span.start : link.span.end] == link.sentence


def test_links_name_extracted_actors_only(extractor: ActorExtractor) -> None:
    text = (
        "Hamas fighters attacked Israeli positions. The militias in Iraq were blamed by Iran for the attack on Jordan."
    )
    actors, links = extractor.extract(text, split_sentences(text))
    names = {actor.name for actor in actors}
    assert all(link.source in names and link.target in names for link in links)


def test_blame_for_the_reported_attack_links_to_the_side_the_lead_says_was_hit(extractor: ActorExtractor) -> None:
    text = (
        "Three US soldiers killed in drone attack on base\n\n"
        "The drone struck the outpost overnight. Officials said one of several groups backed by Iran carried out "
        "the attack."
    )
    assert (GENERIC_ACTOR, "attacks", "United States") in links_of(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Missiles kill four civilians in Erbil\n\nThe United States said no American personnel had been hit. "
        "IS claimed that attack.",
        "Three US soldiers killed in Jordan\n\nThe Houthis claimed the attack on a cargo ship in the Red Sea.",
        "Three US soldiers killed in Jordan\n\nKataib Hezbollah denied it carried out the attack.",
    ],
)
def test_blame_without_a_reported_victim_links_nothing(extractor: ActorExtractor, text: str) -> None:
    assert {link for link in links_of(extractor, text) if link[1] == "attacks" and link[2] == "United States"} == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Attacks stated as nouns led, wielded or owned by the actor.
        (
            "Violence has grown since the Hezbollah-led assault on Israel last year.",
            {("Hezbollah", "attacks", "Israel")},
        ),
        (
            "The United States and Britain answered with a wave of airstrikes on Houthi radar sites.",
            {("United States", "attacks", "Houthis"), ("United Kingdom", "attacks", "Houthis")},
        ),
        (
            "Hezbollah has backed Hamas with daily fire on northern Israel.",
            {("Hezbollah", "attacks", "Israel"), ("Hezbollah", "supports", "Hamas")},
        ),
        ("The Houthis, whose attacks on Israel began in 2023, were defiant.", {("Houthis", "attacks", "Israel")}),
        (
            "The PKK, which has waged an insurgency against the Turkish state since 1984, is banned.",
            {("PKK", "attacks", "Turkey")},
        ),
        # Attack verbs: storming, fighting an enemy named right after.
        (
            "Islamic Jihad gunmen stormed an Israeli army post near the fence.",
            {("Palestinian Islamic Jihad", "attacks", "Israel")},
        ),
        ("Iraqi troops fought the Islamic State group for three years.", {("Iraq", "attacks", "Islamic State")}),
        ("Israeli jets struck as fighting in Gaza continued.", set()),
        ("Turkish jets struck caves used by the PKK in the mountains.", {("Turkey", "attacks", "PKK")}),
        ("Two drones launched by the Houthis struck a tanker.", set()),
        # Passives: coming under fire, headline passives with the striker in the attack noun.
        (
            "US bases have come under repeated rocket and drone fire from Iran-backed militias.",
            {(GENERIC_ACTOR, "attacks", "United States"), ("Iran", "supports", GENERIC_ACTOR)},
        ),
        ("Hezbollah fighter killed in Israeli drone strike, group says", {("Israel", "attacks", "Hezbollah")}),
        (
            "Kataib Hezbollah commander killed by US drone in Baghdad",
            {("United States", "attacks", "Kataib Hezbollah")},
        ),
        # Wars and fighting run both ways.
        (
            "Hezbollah backs Hamas, whose war with Israel began in October.",
            {("Hamas", "attacks", "Israel"), ("Israel", "attacks", "Hamas"), ("Hezbollah", "supports", "Hamas")},
        ),
        (
            "Nine Pakistani soldiers were killed in three days of fighting with the separatist "
            "Balochistan Liberation Army.",
            {
                ("Balochistan Liberation Army", "attacks", "Pakistan"),
                ("Pakistan", "attacks", "Balochistan Liberation Army"),
            },
        ),
        (
            "Israel's long war with the Houthis continued.",
            {("Houthis", "attacks", "Israel"), ("Israel", "attacks", "Houthis")},
        ),
        # Targets further on: states "inside", the dead of an "in which" clause, the subject's own territory.
        (
            "Pakistan carried out air strikes on what it called hideouts inside Iran. Iran protested.",
            {("Pakistan", "attacks", "Iran")},
        ),
        (
            "Iran called it revenge for the Israeli strike on its embassy, in which three Revolutionary Guards "
            "officers died.",
            {("Israel", "attacks", "IRGC")},
        ),
        (
            "An Israeli strike in which five Hezbollah fighters were killed drew condemnation.",
            {("Israel", "attacks", "Hezbollah")},
        ),
        (
            "Pakistan retaliated on Thursday, two days after Iranian missiles and drones hit its own territory.",
            {("Iran", "attacks", "Pakistan"), ("Pakistan", "attacks", "Iran")},
        ),
        ("US strikes in Iraq hit militia sites, Iraq said.", set()),
        # The launcher named inside "fired from/by", state targets named by a demonym.
        (
            "The destroyer downed a missile fired from Houthi-held areas of Yemen towards the American destroyer.",
            {("Houthis", "attacks", "United States")},
        ),
        ("Two missiles fired from Lebanon at Israel were intercepted.", set()),
        (
            "Israel has stepped up its strikes on Iranian and Hezbollah targets in Syria.",
            {("Israel", "attacks", "Iran"), ("Israel", "attacks", "Hezbollah")},
        ),
        # Answers in return hit the first clause's subject; suspending operations against someone implies them.
        (
            "The Houthis have launched missiles at Israel, and Israeli jets have bombed ports in Hodeidah in return.",
            {("Houthis", "attacks", "Israel"), ("Israel", "attacks", "Houthis")},
        ),
        (
            "Kataib Hezbollah said it was suspending military operations against US forces.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        # Progressive verbs are no passives; blame for an attack on the blamer's own sites.
        ("Israel is fighting Hamas in Rafah.", {("Israel", "attacks", "Hamas")}),
        ("Hamas is being attacked by Israel.", {("Israel", "attacks", "Hamas")}),
        ("Iran blamed Israel for the attack on its consulate.", {("Israel", "attacks", "Iran")}),
        ("The Houthis blamed the US for the deaths.", set()),
        ("Egypt said it was fighting to get aid into Gaza.", set()),
        # Towns of a state that holds its territory stand for it as a target, never as an actor.
        (
            "Hamas fired a barrage of rockets from Rafah towards the Tel Aviv area, Israel said.",
            {("Hamas", "attacks", "Israel")},
        ),
        ("Hezbollah said it had targeted the city of Haifa. Israel responded.", {("Hezbollah", "attacks", "Israel")}),
        ("Israel struck Isfahan overnight, Iran said.", {("Israel", "attacks", "Iran")}),
        ("Residents of Haifa said Hezbollah fired rockets. Israel responded.", set()),
        # The actor an aside describes acts, not the aside's last actor.
        (
            "Kataib Hezbollah, which Washington holds chiefly responsible for the Jordan attack, had announced that "
            "it was suspending its operations against US forces.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        ("Israel, in a statement, said it continued strikes on Hamas.", {("Israel", "attacks", "Hamas")}),
        # Passives: a sentence-opening subject across place phrases; a speaker is not what was hit.
        (
            "Iran-backed militias were named. US positions at the gas field and in Hasakah province have also "
            "repeatedly come under rocket fire from Tehran's proxies.",
            {("Iran", "supports", GENERIC_ACTOR), (GENERIC_ACTOR, "attacks", "United States")},
        ),
        ("Israel said the convoy in Gaza was hit by Hamas fire.", set()),
        ("Hezbollah said its fighters were killed by Israeli fire.", {("Israel", "attacks", "Hezbollah")}),
        # A coalition's enemy.
        (
            "US troops are based at the airport as part of the coalition against IS.",
            {("US-led coalition", "attacks", "Islamic State")},
        ),
        ("The Saudi-led coalition against the Houthis has bombed Sanaa.", {("Saudi Arabia", "attacks", "Houthis")}),
        ("The coalition against the war held a rally.", set()),
        # Reported speech: the speaker is not the attacker unless it speaks of itself.
        ("Iran said strikes hit targets linked to the IRGC.", set()),
        ("The US military said that it struck Houthi targets.", {("United States", "attacks", "Houthis")}),
        # Attacks carried out through an actor's units and weapons.
        ("The IDF said its aircraft struck Hezbollah infrastructure overnight.", {("Israel", "attacks", "Hezbollah")}),
        ("Hamas said its gunmen killed two Israeli soldiers.", {("Hamas", "attacks", "Israel")}),
        (
            "American fighter jets bombed Kataib Hezbollah weapons depots.",
            {("United States", "attacks", "Kataib Hezbollah")},
        ),
        ("Hezbollah fighters ambushed an Israeli patrol near the border.", {("Hezbollah", "attacks", "Israel")}),
        ("Israeli jets intercepted a Houthi drone over the Red Sea.", set()),
        ("Houthi forces could fire missiles at US ships, analysts said.", set()),
        ("Its jets struck nothing, Israel said of the Hezbollah claim.", set()),
        (
            "An Israeli sniper killed a Palestinian Islamic Jihad commander in Jenin.",
            {("Israel", "attacks", "Palestinian Islamic Jihad")},
        ),
        ("Egyptian border guards shot a Hamas smuggler.", {("Egypt", "attacks", "Hamas")}),
        ("Israeli jets destroyed Hezbollah rocket launchers.", {("Israel", "attacks", "Hezbollah")}),
        ("British Typhoon jets joined the strikes on Houthi targets.", {("United Kingdom", "attacks", "Houthis")}),
        # The dead of a ", killing ..." clause name whom the strike hit.
        ("An Israeli strike hit the building, killing five IRGC officers.", {("Israel", "attacks", "IRGC")}),
        (
            "US jets struck a compound, wounding two Kataib Hezbollah fighters.",
            {("United States", "attacks", "Kataib Hezbollah")},
        ),
        # Revenge or blame aimed at an actor for a strike told right after: that actor struck.
        (
            "Iran vowed revenge on Israel after a strike killed seven Revolutionary Guards officers in Damascus.",
            {("Israel", "attacks", "IRGC")},
        ),
        ("Hamas blamed Israel after a strike killed its deputy leader in Beirut.", {("Israel", "attacks", "Hamas")}),
        (
            "Iran vowed revenge on Israel after a Hezbollah strike killed two Israeli soldiers.",
            {("Hezbollah", "attacks", "Israel")},
        ),
        ("Israel vowed to retaliate against Hezbollah after a rocket hit a football pitch.", set()),
        ("Iran vowed revenge on Israel if a strike kills its officers.", set()),
        # A speaker's own unit acts for it; an aside between subject and verb does not.
        ("Israel's defence minister said the air force hit Hezbollah in Beirut.", {("Israel", "attacks", "Hezbollah")}),
        ("Hezbollah said the Israeli army struck its positions.", {("Israel", "attacks", "Hezbollah")}),
        ("Iran said the group fired missiles at Israel.", set()),
        ("Hezbollah, allied with Iran, fired rockets at Israel.", {("Hezbollah", "attacks", "Israel")}),
        (
            "Kataib Hezbollah fighters, acting on orders from Iran, attacked US troops in Syria.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Israel rarely comments on its raids in Syria, where it has struck hundreds of targets linked to Iran.",
            {("Israel", "attacks", "Iran")},
        ),
        # "its commander" after the verb: the sentence's speaker is the one hit.
        ("Hezbollah said Israel killed its commander Taleb Abdallah.", {("Israel", "attacks", "Hezbollah")}),
        ("Hamas said Israel killed its top military commander in Gaza.", {("Israel", "attacks", "Hamas")}),
        ("Israel said it killed its own soldier by mistake.", set()),
        ("Israeli jets destroyed a Hezbollah drone over Haifa.", set()),
        ("Hezbollah shot down an Israeli drone.", set()),
        # Possessive and noun offensives, dated or not.
        ("Hamas's October 7 attack on Israel killed 1,200 people.", {("Hamas", "attacks", "Israel")}),
        ("Iran's April 13 drone barrage on Israel failed.", {("Iran", "attacks", "Israel")}),
        ("The Israeli bombardment of Lebanon went on all night.", {("Israel", "attacks", "Lebanon")}),
        ("Turkey's air campaign against the PKK entered a third week.", {("Turkey", "attacks", "PKK")}),
        ("Israel's planned offensive on Hezbollah has been put off.", set()),
        ("Egypt warned against an Israeli offensive on Hamas in Rafah.", set()),
        ("A possible Israeli offensive on Hezbollah would be catastrophic, the UN said.", set()),
    ],
)
def test_attack_phrasings_beyond_the_simple_verb(
    extractor: ActorExtractor, sentence: str, expected: set[tuple[str, str, str]]
) -> None:
    assert links_of(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Washington has supported Israel with intelligence, officials said.",
            {("United States", "supports", "Israel")},
        ),
        (
            "Iran supports Hamas and Islamic Jihad.",
            {("Iran", "supports", "Hamas"), ("Iran", "supports", "Palestinian Islamic Jihad")},
        ),
        ("Russia supported Iran's call for talks.", set()),
        ("China supports the UN resolution on Gaza.", set()),
        ("The US reaffirmed its ironclad support for Israel.", {("United States", "supports", "Israel")}),
        ("Britain's military aid to Ukraine continued.", {("United Kingdom", "supports", "Ukraine")}),
        ("Moscow ended its support for the Assad regime.", set()),
        (
            "The Houthis attacked ships in support of their ally Hamas.",
            {("Houthis", "supports", "Hamas")},
        ),
        ("Jordan, which the US has long backed, said nothing.", {("United States", "supports", "Jordan")}),
        (
            "Kataib Hezbollah is part of the Islamic Resistance in Iraq, an umbrella for militias backed by Tehran.",
            {("Iran", "supports", GENERIC_ACTOR), ("Iran", "supports", "Islamic Resistance in Iraq")},
        ),
        (
            "Officials named the Islamic Resistance in Iraq, a loose alliance of Iran-aligned militias that includes "
            "Kataib Hezbollah and Nujaba.",
            {
                ("Iran", "supports", GENERIC_ACTOR),
                ("Iran", "supports", "Islamic Resistance in Iraq"),
                ("Iran", "supports", "Kataib Hezbollah"),
                ("Iran", "supports", "Harakat al-Nujaba"),
            },
        ),
        (
            "Biden warned all Iran-backed terror groups, including Lebanon's Hezbollah and the Houthis.",
            {("Iran", "supports", "Hezbollah"), ("Iran", "supports", "Houthis")},
        ),
        (
            "Iran-backed fighters were hit. The jets struck sites of the Quds Force and the militias it sponsors.",
            {("Iran", "supports", GENERIC_ACTOR), ("IRGC", "supports", GENERIC_ACTOR)},
        ),
        # Backing stated with a copula, a backer's noun, handing over weapons, or a proxy with modifiers.
        ("The Houthis are armed and financed by Iran.", {("Iran", "supports", "Houthis")}),
        ("The US is Israel's main military backer.", {("United States", "supports", "Israel")}),
        ("Iran is Hamas's main sponsor.", {("Iran", "supports", "Hamas")}),
        ("Hezbollah, Iran's most powerful proxy, fired rockets.", {("Iran", "supports", "Hezbollah")}),
        ("The US shipped thousands of bombs to Israel.", {("United States", "supports", "Israel")}),
        ("Iran sends drones to Russia.", {("Iran", "supports", "Russia")}),
        ("Germany approved arms exports to Israel.", {("Germany", "supports", "Israel")}),
        (
            "Washington provides Israel with $3.8 billion in military aid each year.",
            {("United States", "supports", "Israel")},
        ),
        (
            "The Houthis said they had launched the drones in support of Hamas.",
            {("Houthis", "supports", "Hamas")},
        ),
        ("Iran said Hezbollah fired in support of Hamas.", {("Hezbollah", "supports", "Hamas")}),
        (
            "The Syrian Democratic Forces reported the deaths. The US-backed force called for restraint.",
            {("United States", "supports", "Syrian Democratic Forces")},
        ),
        # Traps: positions, halted or denied deliveries, phrasal verbs.
        (
            "The US-led strikes against the Houthis were supported by Australia, Bahrain and Canada.",
            {("United States", "attacks", "Houthis")},
        ),
        ("The UN supports a ceasefire between Israel and Hamas.", set()),
        ("The US paused deliveries of bombs to Israel.", set()),
        ("Iran denies sending drones to Russia.", set()),
        ("The US would send more missiles to Israel if asked.", set()),
        ("Israel backed away from the deal with Hamas.", set()),
    ],
)
def test_support_phrasings_beyond_the_simple_verb(
    extractor: ActorExtractor, sentence: str, expected: set[tuple[str, str, str]]
) -> None:
    assert links_of(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Blame names the attacker; the target is named, the blamer's own forces, or the side the lead says was hit.
        (
            "Rockets hit US base in Syria\n\nTwo US soldiers were wounded in the attack. "
            "Washington has blamed Kataib Hezbollah.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Drones fly over Iraq\n\n"
            "The Pentagon holds Kataib Hezbollah responsible for dozens of attacks on its troops.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Ships diverted\n\nLondon blamed the Houthis for the attacks on Israel.",
            {("Houthis", "attacks", "Israel")},
        ),
        (
            "Militias warned\n\n"
            "The US struck the Iraqi militias it blames for attacks on its forces. Iran denied a role.",
            {
                ("United States", "attacks", GENERIC_ACTOR),
                (GENERIC_ACTOR, "attacks", "United States"),
                ("Iran", "supports", GENERIC_ACTOR),
            },
        ),
        ("Talks held\n\nWashington holds talks with Iraq on Sunday.", set()),
        (
            "Rockets hit US base in Syria\n\nTwo US soldiers were wounded. "
            "Iraq blamed Kataib Hezbollah for the unrest.",
            set(),
        ),
        (
            "Rockets hit US base in Syria\n\nTwo US soldiers were wounded. Officials blamed Kataib Hezbollah for "
            "the deadly drone strike.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Rockets hit US base in Syria\n\nTwo US soldiers were wounded. Washington has not blamed Kataib Hezbollah.",
            set(),
        ),
        # Helpers of the lead's attack and further victims of the same strike.
        (
            "Israeli jets strike Hezbollah in Beirut\n\nThe raid flattened a building. "
            "A Revolutionary Guards adviser also died in the same strike.",
            {("Israel", "attacks", "Hezbollah"), ("Israel", "attacks", "IRGC")},
        ),
        (
            "US and UK strike Houthi sites\n\nThe strikes were backed by Denmark and Canada.",
            {
                ("United States", "attacks", "Houthis"),
                ("United Kingdom", "attacks", "Houthis"),
                ("Denmark", "supports", "United States"),
                ("Denmark", "supports", "United Kingdom"),
                ("Canada", "supports", "United States"),
                ("Canada", "supports", "United Kingdom"),
            },
        ),
        ("Ceasefire talks resume\n\nThe mission was supported by Qatar and Egypt.", set()),
        (
            "Iran fires drones at Israel\n\nIsraeli forces were on alert. The Revolutionary Guards said the operation "
            "was punishment for the Israeli strike on its consulate.",
            {("Iran", "attacks", "Israel"), ("IRGC", "attacks", "Israel")},
        ),
        # Owning the reported attack as an answer to another is a claim of it.
        (
            "Iran fires drones at Israel\n\nThe Revolutionary Guards said the operation, which they named Promise, "
            "was punishment for the strike in Damascus.",
            {("Iran", "attacks", "Israel"), ("IRGC", "attacks", "Israel")},
        ),
        (
            "Iran fires drones at Israel\n\nIsrael said the operation was an act of war.",
            {("Iran", "attacks", "Israel")},
        ),
        # A headline's last word is not the speaker of the next paragraph.
        ("Houthis strike Israel\n\nThe Houthis said more attacks would follow.", {("Houthis", "attacks", "Israel")}),
        # A reply with no target of its own hits whoever attacked the replier just before.
        (
            "Israel struck Hezbollah positions in southern Lebanon. Hezbollah hit back with a barrage of rockets.",
            {("Israel", "attacks", "Hezbollah"), ("Hezbollah", "attacks", "Israel")},
        ),
        (
            "The Houthis attacked a US destroyer on Monday. Washington retaliated on Tuesday.",
            {("Houthis", "attacks", "United States"), ("United States", "attacks", "Houthis")},
        ),
        (
            "Iran launched missiles at Israel in April. Israel responded with a strike near Isfahan.",
            {("Iran", "attacks", "Israel"), ("Israel", "attacks", "Iran")},
        ),
        (
            "Hamas fired rockets at Tel Aviv. In response, Israel bombed targets in Gaza.",
            {("Hamas", "attacks", "Israel"), ("Israel", "attacks", "Hamas")},
        ),
        (
            "Turkish jets struck sites in Iraq in retaliation for the PKK's assault on an army post.",
            {("Turkey", "attacks", "PKK")},
        ),
        (
            "The US launched strikes in Iraq in response to the drone attack by Kataib Hezbollah.",
            {("United States", "attacks", "Kataib Hezbollah")},
        ),
        (
            "The IDF said Hezbollah had launched 50 rockets at northern Israel, and its jets struck back.",
            {("Hezbollah", "attacks", "Israel"), ("Israel", "attacks", "Hezbollah")},
        ),
        (
            "Two Israeli soldiers died when Hezbollah fired an anti-tank missile at their position.",
            {("Hezbollah", "attacks", "Israel")},
        ),
        # Traps: vowed, denied, conditional and future replies, and replies to someone else.
        (
            "Israel struck Hezbollah positions in southern Lebanon. Hezbollah vowed to retaliate.",
            {("Israel", "attacks", "Hezbollah")},
        ),
        ("Hezbollah fired rockets at Israel. Israel has not yet retaliated.", {("Hezbollah", "attacks", "Israel")}),
        (
            "Iran fired missiles at Israel. Israel said it would retaliate if attacked again.",
            {("Iran", "attacks", "Israel")},
        ),
        ("Israel struck Hezbollah positions. Hezbollah did not hit back.", {("Israel", "attacks", "Hezbollah")}),
        ("Hamas fired rockets at Israel. Hezbollah retaliated on Friday.", {("Hamas", "attacks", "Israel")}),
        ("Iran vowed to strike back in retaliation for the Israeli strike on its consulate.", set()),
        ("The UN spoke in response to Egypt's proposal on Hamas.", set()),
        # Blame in a relative clause or with "attributed to": the target is the one the sentence or lead names.
        (
            "Three US soldiers died in a drone attack on Tower 22, which Washington blamed on Kataib Hezbollah.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Troops on alert\n\nThe US attributed the rocket attack on its troops to Kataib Hezbollah.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Officials blamed the drone strike on the US base on Kataib Hezbollah.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Rockets hit US base in Syria\n\nTwo US soldiers were wounded. "
            "The attack, which the Pentagon pinned on Kataib Hezbollah, was the third this week.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Washington blamed the Tower 22 drone strike, which killed three US troops, on Kataib Hezbollah.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        (
            "Three US soldiers killed in Jordan\n\n"
            "The White House pinned the blame for the strike on Kataib Hezbollah and Harakat al-Nujaba.",
            {("Kataib Hezbollah", "attacks", "United States"), ("Harakat al-Nujaba", "attacks", "United States")},
        ),
        (
            "Two US soldiers wounded in Syria\n\nOfficials blamed Kataib Hezbollah for the rockets.",
            {("Kataib Hezbollah", "attacks", "United States")},
        ),
        # Traps: blame with no one named as hit, denied or withheld blame, blame for something that is no attack.
        ("The rocket fire, which the IDF attributed to Islamic Jihad, hit a hospital.", set()),
        ("The bombing, which Iran blamed on Israel, killed a senior commander.", set()),
        ("A blast, which Lebanese officials have not blamed on Israel, hit Beirut.", set()),
        (
            "Rockets hit US base in Syria\n\nTwo US soldiers were wounded. The Pentagon blamed the delay on Iraq.",
            set(),
        ),
        # A strike with no attacker in its sentence goes to the one attacking side its paragraph names.
        (
            "Israel pressed its offensive against Hamas. Before dawn, a strike on a school run by the UN killed 33.",
            {("Israel", "attacks", "Hamas"), ("Israel", "attacks", "United Nations")},
        ),
        (
            "Israeli troops advanced in Khan Younis. A strike hit a UN shelter there, killing nine.",
            {("Israel", "attacks", "United Nations")},
        ),
        (
            "Iran-backed militias have attacked US forces dozens of times. A drone attack on a base housing US troops "
            "killed six SDF fighters.",
            {(GENERIC_ACTOR, "attacks", "United States"), ("Iran", "supports", GENERIC_ACTOR)},
        ),
        (
            "Israel has kept up its assault on Gaza. On Sunday an airstrike hit a Hamas-run police station.",
            {("Israel", "attacks", "Hamas")},
        ),
        (
            "Hezbollah has fired hundreds of rockets at northern Israel. A rocket hit an Israeli army base near Safed.",
            {("Hezbollah", "attacks", "Israel")},
        ),
        # Traps: two attacking sides, another paragraph, an unknown attacker, a prospect.
        (
            "Israel and Hamas traded fire. An airstrike on a UN clinic killed two.",
            {("Israel", "attacks", "Hamas"), ("Hamas", "attacks", "Israel")},
        ),
        (
            "Israel struck Hezbollah again.\n\nAn airstrike on a UN clinic killed two.",
            {("Israel", "attacks", "Hezbollah")},
        ),
        ("Israel's planned offensive on Gaza was delayed. An airstrike hit a Hamas office.", set()),
        ("US forces are based in Syria. A drone attack on a US base wounded four.", set()),
        (
            "The US struck Houthi targets. The Houthis fired back at a cargo ship.",
            {("United States", "attacks", "Houthis")},
        ),
        (
            "Israel struck Hezbollah again. An airstrike on a UN clinic killed two; it is unclear who carried it out.",
            {("Israel", "attacks", "Hezbollah")},
        ),
        (
            "Israel struck Hezbollah again. A possible strike on the UN base would end the truce, officials said.",
            {("Israel", "attacks", "Hezbollah")},
        ),
    ],
)
def test_article_level_blame_helpers_and_victims(
    extractor: ActorExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert links_of(extractor, text) == expected
