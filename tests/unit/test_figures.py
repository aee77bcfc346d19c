"""Figures: which amounts count attacks, injured, killed and the other kinds, with their qualifiers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint.figure_patterns import ORDINAL, ordinal_matches
from flashpoint.figures import find_figures
from flashpoint.numbers import amount_starts, find_numbers, parse_number_words
from flashpoint.sentences import split_sentences


def figures_of(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(figure.kind, figure.value, figure.qualifier) for figure in find_figures(text, split_sentences(text))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Verb before the amount.
        ("Israeli fire killed two Palestinians near the fence.", [("killed", 2, None)]),
        ("The blast tore through the market, killing six.", [("killed", 6, None)]),
        ("The strike killed 84 and wounded 284.", [("killed", 84, None), ("injured", 284, None)]),
        ("The bombing claimed the lives of 15 worshippers.", [("killed", 15, None)]),
        ("The army announced the deaths of two more soldiers.", [("killed", 2, None)]),
        ("The raid killed about 100 people.", [("killed", 100, "about")]),
        ("Twin bombings killed no fewer than 84 people.", [("killed", 84, "no fewer than")]),
        ("Shelling wounded 12 civilians on Monday.", [("injured", 12, None)]),
        ("Rocket fire hit the town, injuring dozens.", [("injured", None, "dozens")]),
        (
            "A missile hit the ship, killing 3 crew members and injuring at least 4 others.",
            [("killed", 3, None), ("injured", 4, "at least")],
        ),
        ("Gunmen killed a policeman and wounded two others.", [("injured", 2, None)]),
        # People, then what happened to them.
        (
            "Three US soldiers killed, at least two dozen hurt in drone strike",
            [("killed", 3, None), ("injured", 24, "at least")],
        ),
        ("Five people were killed and 17 wounded in the raid.", [("killed", 5, None), ("injured", 17, None)]),
        ("Officials said 12 people have now died.", [("killed", 12, None)]),
        ("Officials said twelve deaths had been confirmed.", [("killed", 12, None)]),
        ("The blast left 3 dead and 12 wounded.", [("killed", 3, None), ("injured", 12, None)]),
        ("The agency said the strike left four people dead.", [("killed", 4, None)]),
        ("One person died and four others were hurt.", [("killed", 1, None), ("injured", 4, None)]),
        ("One Israeli soldier was killed in southern Lebanon.", [("killed", 1, None)]),
        ("Eleven people lost their lives in the attack.", [("killed", 11, None)]),
        ("Nine fatalities were reported.", [("killed", 9, None)]),
        ("Three soldiers were among the dead.", [("killed", 3, None)]),
        ("The ministry said 25,000 Palestinians have been killed.", [("killed", 25_000, None)]),
        ("Approximately 20 service members sustained minor injuries.", [("injured", 20, "approximately")]),
        ("At least 34 troops were treated for traumatic brain injuries.", [("injured", 34, "at least")]),
        ("Hundreds of people were also wounded in the blasts.", [("injured", None, "hundreds")]),
        ("Twenty-one soldiers died when the building collapsed.", [("killed", 21, None)]),
        ("The attack caused 18 casualties, all with minor injuries.", [("injured", 18, None)]),
        # Breakdowns and totals are both kept.
        (
            "Twelve were killed and more than 75 people injured, 15 of them critically.",
            [("killed", 12, None), ("injured", 75, "more than"), ("injured", 15, None)],
        ),
        (
            "The strikes killed at least 20 people, including five children.",
            [("killed", 20, "at least"), ("killed", 5, None)],
        ),
        ("Four civilians including two children were killed.", [("killed", 4, None), ("killed", 2, None)]),
        (
            "The ministry said 45 troops were hurt and 25 reported brain injuries.",
            [("injured", 45, None), ("injured", 25, None)],
        ),
        # Tolls and tallies.
        ("Death toll from tank fire on the shelter climbs to 12", [("killed", 12, None)]),
        ("A day later the death toll was lowered from around 100.", [("killed", 100, "around")]),
        ("The number of people killed rose to 150.", [("killed", 150, None)]),
        ("The number of attacks has reached 170.", [("attacks", 170, None)]),
        # Attacks.
        ("The Pentagon reported at least 13 attacks in the past week.", [("attacks", 13, "at least")]),
        ("Militias have carried out a total of 150 attacks since October 17.", [("attacks", 150, None)]),
        ("It was the 108th attack on US forces since the war began.", [("attacks", 108, None)]),
        ("US forces have been attacked at least 66 times since mid-October.", [("attacks", 66, "at least")]),
        ("The group claimed 12 drone attacks this week.", [("attacks", 12, None)]),
        ("Israel carried out more than a dozen airstrikes.", [("attacks", 12, "more than")]),
        # Other kinds.
        ("Jets struck 85 targets at seven sites.", [("targets", 85, None), ("targets", 7, None)]),
        ("The Houthis have launched dozens of missiles since November.", [("missiles", None, "dozens")]),
        ("The 25 seafarers being held are safe.", [("hostages", 25, None)]),
        ("Two Israeli hostages were killed in the operation.", [("killed", 2, None)]),
        ("The war has displaced 1.9 million people.", [("displaced", 1_900_000, None)]),
    ],
)
def test_figure_rules(sentence: str, expected: list[tuple[str, int | None, str | None]]) -> None:
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The 24-year-old was killed by a sniper.",
        "The victim, aged 19, died at the scene.",
        "Around 3,000 US troops are spread across the country.",
        "The vessel, whose crew numbers 25, lost contact.",
        "He said two tank shells slammed into the shelter.",
        "The general was killed four years ago in a drone strike.",
        "Hamas attacked Israel on October 7, sparking the war.",
        "The report was filed at 22h43 on 25/10/2023.",
        "The waterway carries roughly 12% of seaborne trade.",
        "Arouri, one of the most senior officials in Hamas, died in the explosion.",
        "The warship intercepted multiple missiles and drones.",
        "Call +1 202 555 0143 for details.",
        "The Oct. 7 attack shocked the country.",
        "An Israeli drone carried out the attack.",
        "Two suicide bombers killed dozens in the crowd.",
        "The company was fined $5 million.",
        "There were no casualties.",
        "It happened in 2019, when the Tower 22 outpost opened.",
        # Only written amounts count: "a"/"an" before a person states no number.
        "An Israeli soldier was killed in southern Lebanon.",
        "A US sailor was injured in the incident.",
        "A girl was hurt by falling shrapnel.",
        "An Egyptian soldier was shot dead near the crossing.",
        "Among the dead was an eight-year-old girl.",
        "A 15-year-old boy was shot dead by Israeli troops in Jenin.",
        # Asides and lists that do not lead to a casualty verb, or lead to a new clause.
        "The army deployed 300 troops, and in the clashes that followed, killed militants.",
        "The US has 900 troops, officials said, stationed in Syria.",
        "The battalion, 600 soldiers in all, was hit by rockets.",
        "Officials counted 12 buildings, most of them homes, destroyed in the strikes.",
        "The ship's 25 crew members, mostly Filipinos, were unharmed.",
        "After the attack, 40 others in the convoy fled.",
        "After the attack, police arrested a suspect and 3 others.",
        "The US has about 2,500 troops in Iraq and 900 in Syria.",
        # Nouns used as adjectives, measures and counts of things.
        "The Pentagon sent two strike groups to the region.",
        "The army flew in two attack helicopters.",
        "The US flew 125 precision munitions and two B-1 bombers to the region.",
        "He was sentenced to 15 years in prison.",
        "About 45% of the dead were children.",
        "Israel has killed one of the most senior Hezbollah commanders.",
        "The military said three drones were shot down and no one was hurt.",
        "The Pentagon said the attack caused 34 casualties.",
        "Militants fired 20 rockets at the base; no casualties were reported.",
        "The IDF said it had struck more than 150 targets overnight.",
        "Two suicide bombs killed civilians at the checkpoint.",
        # Numbers near casualty words that count something else.
        "The 2,500 US troops in Iraq, officials said, are there to fight Islamic State, which killed thousands.",
        "Israel has mobilised 360,000 reservists, and dozens have been killed since.",
        "The ship, with 25 crew members aboard, was hit by a missile but no one was hurt.",
        "The 12-member crew, all Filipinos, were safe, the company said.",
        "Hezbollah has an estimated 100,000 fighters, Nasrallah said, some of whom were killed in 2006.",
        "He was one of 3 candidates, and was killed in 2020.",
        "The 5 ships, which were attacked last week, were carrying grain.",
        "The UN said 2 million people, about 90% of the population, have been displaced.",
        "The US has sent 2 carrier strike groups, 1,000 troops and dozens of jets to the region.",
        "Houthi leader Abdul Malik al-Houthi, 44, said his forces had been hurt by the strikes.",
        "The army released 3 photos, which it said showed the bodies of militants.",
        "The Security Council voted 13-0, with 2 abstentions, on the resolution condemning the killing of aid workers.",
        "The ministry said it would release 150 names of those killed at a later date.",
        "Two Houthi spokesmen, speaking on Al-Masirah, denied the ship was hit.",
        "The Marines, 2,000 of them, arrived aboard the USS Bataan after the attack.",
        "The militants fired 3 rockets and 2 drones, the army said, causing no casualties.",
        "The bill, passed 311 to 14, funds Israel's war with Hamas, which has killed civilians.",
        "Biden spoke with the families of the 3 soldiers on Monday.",
        "Israeli forces struck 3 sites, including a weapons depot, and killed militants there.",
        "The Pentagon deployed 900 more troops to the Middle East after the attacks.",
        "About 40 journalists met in Cairo to discuss the dangers of covering the war.",
        "The funeral for the 3 soldiers drew thousands of mourners.",
        "Iran said the 2 men, who were arrested in Tehran, had planned to kill officials.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert [item for item in figures_of(sentence) if item[0] in ("attacks", "injured", "killed") and item[1]] == []


def test_two_bombers_are_not_counted_as_killed_but_their_victims_are() -> None:
    assert figures_of("Two bombers killed 84 people.") == [("killed", 84, None)]


def test_every_figure_span_points_at_its_text_inside_its_sentence() -> None:
    text = (
        "Three US soldiers killed, at least two dozen hurt\n\nThe strike killed 84 and wounded 284. "
        "One Israeli soldier was killed. It was the 108th attack. Officials said twelve deaths had been confirmed."
    )
    figures = find_figures(text, split_sentences(text))
    assert len(figures) == 7
    for figure in figures:
        assert text[figure.span.start : figure.span.end] == figure.text
        assert figure.text in figure.sentence
        assert figure.sentence in text


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("forty-five", 45),
        ("twelve", 12),
        ("two dozen", 24),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two hundred and six", 206),
        ("a thousand", 1000),
        ("three thousand five hundred", 3500),
        ("twenty one", 21),
        ("several", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,200 people", [(1200, None)]),
        ("36,700 homes", [(36_700, None)]),
        ("at least 13", [(13, "at least")]),
        ("no fewer than 84", [(84, "no fewer than")]),
        ("an estimated 100", [(100, "an estimated")]),
        ("tens of thousands of people", [(None, "tens of thousands")]),
        ("1.5 million", [(1_500_000, None)]),
        ("in 2024", []),
        ("on 7 October", []),
        ("at 23:00 local time", []),
        ("a 30-day truce", []),
        ("an MQ-9 Reaper", []),
        ("35 nautical miles", []),
        ("reference 2025550143 killed", []),
        ("1,139 people", [(1139, None)]),
        ("AMMAN - Three soldiers", [(3, None)]),
        ("an F-16 and 10-12 jets", [(10, None)]),
        ("on Oct. 7 and No. 5", []),
        ("no one was hurt", []),
        ("İstanbul: 12 hurt", [(12, None)]),
        ("Forty-five were hurt and a dozen died", [(45, None), (12, None)]),
        ("the number of dead at under 100", [(100, "under")]),
    ],
)
def test_find_numbers(text: str, expected: list[tuple[int | None, str | None]]) -> None:
    assert [(mention.value, mention.qualifier) for mention in find_numbers(text)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("US forces had come under attack at least 150 times since October.", {("attacks", 150)}),
        ("More than 20 people were rushed to hospital after the blast.", {("injured", 20)}),
        ("Among the dead were 5 children.", {("killed", 5)}),
        ("Among the wounded were 12 soldiers.", {("injured", 12)}),
        ("Hezbollah has lost more than 100 fighters since October.", {("killed", 100)}),
        ("Israel has lost 2 billion dollars in trade.", set()),
        ("Twelve people were killed or wounded in the blast.", set()),
        ("One of the attacks hit the base.", set()),
        ("Two of the soldiers were killed.", {("killed", 2)}),
        ("Israeli Strike Kills 20 In Rafah", {("killed", 20)}),
        ("Iran says 103 killed in blasts at memorial", {("killed", 103)}),
        ("The blasts raised the number of dead to 84.", {("killed", 84)}),
        ("Health officials reported 15 people killed.", {("killed", 15)}),
        ("Channel 12 reported that 3 soldiers were killed.", {("killed", 3)}),
        ("The attack, at 3:30 a.m., killed two.", {("killed", 2)}),
        ("The US has suffered 186 casualties, mostly traumatic brain injuries.", {("injured", 186)}),
        ("The Houthis have attacked ships more than 40 times.", {("attacks", 40)}),
        ("Three people, among them two children, died.", {("killed", 3), ("killed", 2)}),
        ("Strikes have killed at least 26,083 Palestinians since Oct. 7, the ministry said.", {("killed", 26_083)}),
        ("Officials said the blast killed 31 and injured 100 others.", {("killed", 31), ("injured", 100)}),
        (
            "The health ministry said the toll had climbed to 25,105, with 62,681 wounded.",
            {("killed", 25_105), ("injured", 62_681)},
        ),
        ("Eight Palestinians were killed and dozens injured during the raid.", {("killed", 8)}),
        ("Some 240 people were taken hostage.", set()),
        ("Two soldiers were killed and one was seriously wounded.", {("killed", 2), ("injured", 1)}),
        ("The attack wounded eight US troops and a civilian contractor.", {("injured", 8)}),
        ("Since the war began 1,139 people have been killed in Israel.", {("killed", 1139)}),
        ("The toll in the attack rose to three dead and 47 injured.", {("killed", 3), ("injured", 47)}),
        ("The raid killed a senior commander and two of his bodyguards.", {("killed", 2)}),
        ("The strike killed 5 people and 3 soldiers were injured.", {("killed", 5), ("injured", 3)}),
        ("There have been at least 13 drone and rocket attacks on US troops.", {("attacks", 13)}),
        ("At least 34 had been diagnosed with traumatic brain injuries.", {("injured", 34)}),
        ("Gaza's death toll passes 30,000", {("killed", 30_000)}),
        ("The militias carried out 13 attacks, 9 of them in Syria.", {("attacks", 13), ("attacks", 9)}),
        ("Troops killed the gunman and arrested 3 suspects.", set()),
        ("About 1,200 people — most of them civilians — were killed in the attack.", {("killed", 1200)}),
        ("Some 1,200 people (mostly civilians) were killed.", {("killed", 1200)}),
        ("A 12-year-old boy was killed by shrapnel.", set()),
        ("Israel said 3 of its soldiers were killed.", {("killed", 3)}),
        ("This was the 38th Houthi attack on shipping.", {("attacks", 38)}),
        ("The number of injured reached 284.", {("injured", 284)}),
        ("A 2,000-pound bomb hit the building.", set()),
        ("The army reported 7 combat deaths this week.", {("killed", 7)}),
        ("Four sailors were evacuated with serious injuries.", {("injured", 4)}),
        ("Gaza: 178 dead in 24 hours", {("killed", 178)}),
        ("The strike killed 21 people, 15 of them women and children.", {("killed", 21), ("killed", 15)}),
        ("The raid killed the deputy leader and six others.", {("killed", 6)}),
    ],
)
def test_wire_phrasings(sentence: str, expected: set[tuple[str, int]]) -> None:
    scored = {(kind, value) for kind, value, _ in figures_of(sentence) if kind in ("attacks", "injured", "killed")}
    assert {pair for pair in scored if pair[1] is not None} == expected


# Phrasings in the styles of several wire services and broadcasters, written for these tests: asides between the
# people and their verb, lists, continuations, tallies named after the amount, possessive ordinals.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The explosion ripped through the market, leaving 14 dead.", {("killed", 14)}),
        (
            "Israeli strikes on the camp killed at least 30 people, including 12 children, the ministry said.",
            {("killed", 12), ("killed", 30)},
        ),
        (
            "Seven people were killed and 22 others wounded in the shelling, according to local officials.",
            {("injured", 22), ("killed", 7)},
        ),
        ("The toll rose to 41 on Tuesday after rescuers pulled more bodies from the rubble.", {("killed", 41)}),
        ("Civil defence crews said 17 more bodies were recovered from the rubble.", {("killed", 17)}),
        ("The bombardment claimed the lives of at least 19 Palestinians overnight.", {("killed", 19)}),
        (
            "At least 21,000 Palestinians have been killed since October 7, according to the health ministry.",
            {("killed", 21_000)},
        ),
        ("Officials said 35 people were injured, eight of them seriously.", {("injured", 8), ("injured", 35)}),
        ("The strike wounded 11 people, including three paramedics.", {("injured", 3), ("injured", 11)}),
        (
            "Israeli fire hit a crowd in Gaza City, killing 112 and injuring 760 others.",
            {("injured", 760), ("killed", 112)},
        ),
        ("Eight US personnel suffered minor injuries and have since returned to duty.", {("injured", 8)}),
        ("Eleven service members were treated for traumatic brain injuries after the strike.", {("injured", 11)}),
        ("There have been 151 attacks on US and coalition forces since October 17.", {("attacks", 151)}),
        (
            "The drone strike was the 170th attack on American troops in Iraq and Syria since mid-October.",
            {("attacks", 170)},
        ),
        (
            "A roadside bomb killed two Israeli soldiers and wounded four others in the northern West Bank.",
            {("injured", 4), ("killed", 2)},
        ),
        (
            "Two generals and five other officers of the Revolutionary Guards were killed.",
            {("killed", 2), ("killed", 5)},
        ),
        ("Houthi rebels have launched more than 100 attacks on merchant ships in the Red Sea.", {("attacks", 100)}),
        ("The health ministry said four people, among them a child, had been killed.", {("killed", 4)}),
        ("Twenty people, most of them women and children, were killed when the strike hit a school.", {("killed", 20)}),
        ("Rescuers pulled the bodies of nine people from the rubble.", {("killed", 9)}),
        ("The attack left 3 soldiers dead and 25 wounded.", {("injured", 25), ("killed", 3)}),
        ("Israel says it has killed 10,000 Hamas fighters since the war began.", {("killed", 10_000)}),
        ("Hezbollah said eight of its fighters were killed in Israeli strikes on Saturday.", {("killed", 8)}),
        (
            "The army said 14 soldiers were killed in the past 24 hours, bringing its death toll in the ground "
            "offensive to 153.",
            {("killed", 14), ("killed", 153)},
        ),
        (
            "Gaza's health ministry said on Monday that 25,295 Palestinians had been killed and 63,000 wounded.",
            {("injured", 63_000), ("killed", 25_295)},
        ),
        ("About 1,200 people were killed and some 250 taken hostage in the Oct. 7 attack.", {("killed", 1200)}),
        (
            "The militants carried out 13 attacks on US forces in Iraq and another 10 in Syria.",
            {("attacks", 10), ("attacks", 13)},
        ),
        ("The ministry put the death toll at 34,000.", {("killed", 34_000)}),
        ("The army put the number of Palestinian dead at under 100.", {("killed", 100)}),
        ("The attack killed one person and wounded 12.", {("injured", 12), ("killed", 1)}),
        ("Two more hostages died in captivity, the group said.", {("killed", 2)}),
        (
            "The Houthis said the strikes had killed five of the group's fighters and wounded six others.",
            {("injured", 6), ("killed", 5)},
        ),
        (
            "At least 45 people were killed in the strike on a tent camp, the ministry said, and 249 were injured.",
            {("injured", 249), ("killed", 45)},
        ),
        ("The attack on the convoy left 104 people dead and 760 injured.", {("injured", 760), ("killed", 104)}),
        ("Among the 7 killed were three Britons.", {("killed", 3), ("killed", 7)}),
        ("Six Palestinians were shot dead by Israeli forces during a raid on the camp.", {("killed", 6)}),
        (
            "The blasts killed 12 people, including two children, and wounded about 2,800.",
            {("injured", 2800), ("killed", 2), ("killed", 12)},
        ),
        (
            "An estimated 3,000 people were wounded, about 200 of them critically.",
            {("injured", 200), ("injured", 3000)},
        ),
        ("The UN said 150 of its staff had been killed in Gaza since the war began.", {("killed", 150)}),
        ("Twelve people, including a 2-year-old child, died in the strike.", {("killed", 12)}),
        (
            "The ministry said 32 people were killed in the past 24 hours, raising the overall toll to 23,210.",
            {("killed", 32), ("killed", 23_210)},
        ),
        ("Two Israeli soldiers were lightly wounded, the army said.", {("injured", 2)}),
        (
            "The Pentagon said 56 US troops had suffered minor injuries or traumatic brain injuries in the attacks.",
            {("injured", 56)},
        ),
        ("Some 80 service members have been diagnosed with traumatic brain injury.", {("injured", 80)}),
        (
            "At least 66 attacks have targeted US forces since October 17, a Pentagon spokesperson said.",
            {("attacks", 66)},
        ),
        ("Hezbollah has announced the deaths of more than 200 of its fighters since October 8.", {("killed", 200)}),
        ("Palestinian officials said 10 people were killed, among them a 15-year-old boy.", {("killed", 10)}),
        ("Sixteen people were killed, including civilians, the Iraqi government said.", {("killed", 16)}),
        (
            "The drone attack injured 18 people, officials said, four of them critically.",
            {("injured", 4), ("injured", 18)},
        ),
        ("Washington blamed the group for the attack and for at least 150 others on US forces.", {("attacks", 150)}),
        ("US forces in Iraq and Syria have come under fire 65 times since Oct. 17.", {("attacks", 65)}),
        ("The ministry said 3 people were killed by gunfire and 15 more were hurt.", {("injured", 15), ("killed", 3)}),
        ("In total 87 people have lost their lives.", {("killed", 87)}),
        ("The ministry said the number of people killed in Gaza had risen to 15,207.", {("killed", 15_207)}),
        ("Israel says 260 of its soldiers have died in the ground operation.", {("killed", 260)}),
        (
            "Four Palestinians were killed in a drone strike on Tuesday, bringing to 250 the number killed in the "
            "West Bank since October 7.",
            {("killed", 4), ("killed", 250)},
        ),
        ("More than 50 people were reported injured.", {("injured", 50)}),
        ("Six soldiers sustained wounds in the clash.", {("injured", 6)}),
        ("Police said two men opened fire, killing four people and wounding 12.", {("injured", 12), ("killed", 4)}),
        ("It was the group's 27th attack on shipping since November.", {("attacks", 27)}),
        ("Seventy-three air strikes were carried out overnight.", {("attacks", 73)}),
        ("The ministry said 12 of the dead were children.", {("killed", 12)}),
        ("Three of those killed were members of the same family.", {("killed", 3)}),
        (
            "The Houthis claimed three attacks on ships on Monday and two more on Tuesday.",
            {("attacks", 2), ("attacks", 3)},
        ),
        (
            "At least 12 people were injured, two of them critically, when the missile hit.",
            {("injured", 2), ("injured", 12)},
        ),
        ("Thirteen people have died of their injuries.", {("killed", 13)}),
        ("The Israeli army said it killed 5 militants in Gaza and 3 in the West Bank.", {("killed", 3), ("killed", 5)}),
        (
            "Sixteen people, civilians among them, were killed and 25 others wounded in the raids.",
            {("injured", 25), ("killed", 16)},
        ),
        (
            "Nine people, three women, four children and two men, were killed when missiles struck a village.",
            {("killed", 2), ("killed", 3), ("killed", 4), ("killed", 9)},
        ),
        ("At least 196 aid workers, most of them UNRWA staff, have been killed in Gaza.", {("killed", 196)}),
        (
            "A monitor said 11 people were killed in all: eight Iranians, two Syrians and a Lebanese.",
            {("killed", 2), ("killed", 8), ("killed", 11)},
        ),
        ("Five soldiers, including a colonel, had been wounded, the army said.", {("injured", 5)}),
        ("Twenty-two people, the youngest a baby girl, died in the fire.", {("killed", 22)}),
        ("Three Jordanian soldiers, who were guarding the border, were injured.", {("injured", 3)}),
        ("Some 40 civilians, many of them women, are believed to have been killed.", {("killed", 40)}),
        ("The attack took place at 3 am local time and killed four.", {("killed", 4)}),
        ("Two tank shells hit the shelter, killing 9.", {("killed", 9)}),
        (
            "The Gaza health ministry said the death toll had risen to 27,019, with 66,139 wounded.",
            {("injured", 66_139), ("killed", 27_019)},
        ),
        ("At least 10 people were killed Tuesday and more than 30 wounded.", {("injured", 30), ("killed", 10)}),
        ("Lebanese state media said three people died, including a child.", {("killed", 3)}),
        (
            "The Israeli army said one of its soldiers was killed and two were seriously wounded.",
            {("injured", 2), ("killed", 1)},
        ),
        ("Two Palestinians were killed and a third was wounded.", {("killed", 2)}),
        ("Israel's military said it had hit more than 50 Hezbollah targets.", set()),
        ("The strike in Deir al-Balah killed 15 members of one family.", {("killed", 15)}),
        ("Five Israeli soldiers were killed in a friendly fire incident.", {("killed", 5)}),
        ("Two other soldiers were seriously injured.", {("injured", 2)}),
        (
            "Palestinian health officials say at least 400 people have been killed in Israeli raids in the West Bank.",
            {("killed", 400)},
        ),
        (
            "An Israeli strike killed a Hamas commander, the military said, along with 11 other people.",
            {("killed", 11)},
        ),
        ("The shelling killed a woman and her three children.", {("killed", 3)}),
        (
            "The blast killed 18, among them four children, and wounded 50.",
            {("injured", 50), ("killed", 4), ("killed", 18)},
        ),
        ("Six others remain in critical condition.", {("injured", 6)}),
        ("Three soldiers were missing after the attack.", set()),
        ("The number of US troops injured in the attack has risen to 40.", {("injured", 40)}),
        (
            "Nearly 200 Palestinians have been killed in the occupied West Bank since Oct. 7, according to the "
            "ministry.",
            {("killed", 200)},
        ),
        (
            "Gaza officials said the Israeli bombardment had killed 9,770 people, 4,800 of them children.",
            {("killed", 4800), ("killed", 9770)},
        ),
        (
            "The war has killed more than 1,400 people in Israel and over 9,000 in Gaza.",
            {("killed", 1400), ("killed", 9000)},
        ),
        ("Three people were reported killed.", {("killed", 3)}),
        ("The Houthis have carried out at least 34 attacks on ships since November 19.", {("attacks", 34)}),
        ("There were five attacks against US forces on Monday alone.", {("attacks", 5)}),
        ("The latest attack brings to 61 the number of attacks on US forces since October 17.", {("attacks", 61)}),
        (
            "Israeli strikes killed 20 people overnight, health officials said, bringing the death toll in Gaza "
            "to 35,000.",
            {("killed", 20), ("killed", 35_000)},
        ),
        ("Two US service members were wounded in a rocket attack on Ain al-Asad air base.", {("injured", 2)}),
        (
            "It was the 150th attack against US forces in Iraq and Syria since Oct. 17 and the first to cause "
            "fatalities.",
            {("attacks", 150)},
        ),
        ("More than 60 U.S. troops suffered minor injuries in the strikes.", {("injured", 60)}),
        ("Seven crew members were evacuated to hospital with burns.", {("injured", 7)}),
        ("Twenty-five people, among them women and children, lost their lives.", {("killed", 25)}),
        ("Two suspected militants were killed, and a third was arrested.", {("killed", 2)}),
        (
            "The strike killed at least 90 people, according to Hamas-run health officials, while Israel said it "
            "targeted two Hamas commanders.",
            {("killed", 90)},
        ),
        ("At least 35 Palestinians killed in Israeli attacks across Gaza", {("killed", 35)}),
        ("Israel kills 45 in Rafah tent camp strike", {("killed", 45)}),
        ("Death toll in Gaza tops 30,000", {("killed", 30_000)}),
        ("Gaza death toll nears 40,000 as ceasefire talks stall", {("killed", 40_000)}),
        ("UN says 13,000 children killed in Gaza", {("killed", 13_000)}),
        ("Over 100 killed in strike on aid queue, ministry says", {("killed", 100)}),
        ("Hezbollah fires 100 rockets after commander killed", set()),
        ("The Pentagon said there had been 97 attacks.", {("attacks", 97)}),
        ("Attacks on US forces have numbered more than 150 since October.", {("attacks", 150)}),
        ("Palestinian deaths have surpassed 30,000, the ministry said.", {("killed", 30_000)}),
        ("The IDF says it has lost 225 soldiers since the start of the ground operation.", {("killed", 225)}),
        ("Hamas says 70 hostages have been killed by Israeli air strikes.", {("killed", 70)}),
        (
            "Two hostages were killed and eight seriously wounded in the strikes, Hamas said.",
            {("injured", 8), ("killed", 2)},
        ),
        ("The Israeli army said 17 soldiers were hurt, 3 seriously.", {("injured", 3), ("injured", 17)}),
        ("A third soldier died of his wounds on Sunday.", set()),
        ("The attack killed three people, one of them a child.", {("killed", 1), ("killed", 3)}),
        ("Turkey said it had killed 24 PKK militants in retaliation.", {("killed", 24)}),
        ("The strike killed two commanders and 10 other fighters.", {("killed", 2), ("killed", 10)}),
        ("Four were killed in the attack.", {("killed", 4)}),
        ("Local media reported 12 fatalities.", {("killed", 12)}),
        ("At least 1,500 people have been injured in Israel, according to the ministry.", {("injured", 1500)}),
        ("The attack left 22 people injured, five of them seriously.", {("injured", 5), ("injured", 22)}),
        ("The army said it was investigating the deaths of seven aid workers.", {("killed", 7)}),
        ("Some 34 U.S. troops suffered traumatic brain injuries.", {("injured", 34)}),
        (
            "Sixty-four people were injured in the pager blasts, 12 of them critically.",
            {("injured", 12), ("injured", 64)},
        ),
        ("The 82nd Airborne Division deployed to the region.", set()),
        ("Resolution 2720 passed with 13 votes.", set()),
        ("He said 3 of the 5 drones were shot down.", set()),
        ("The strike hit the 5th floor of the building.", set()),
        ("Israel has called up 360,000 reservists.", set()),
        ("The convoy of 30 trucks was hit; no one was hurt.", set()),
        ("Hezbollah fired 35 rockets into northern Israel, wounding no one.", set()),
        ("The USS Carney shot down 14 drones.", set()),
        ("A 2-year-old girl and her 5-year-old brother were killed.", set()),
        ("The Kerman bombings on Jan. 3 killed 95.", {("killed", 95)}),
        ("Two-thirds of the dead were women.", set()),
        ("Hamas released 105 hostages during the seven-day truce.", set()),
        ("Over the past 24 hours, 12 people were killed.", {("killed", 12)}),
        ("Attacks rose by 40% last month.", set()),
        ("Ten people were killed over the weekend in Gaza.", {("killed", 10)}),
        ("Twenty people killed around Khan Younis, medics say", {("killed", 20)}),
        ("Two soldiers killed 3 gunmen at the checkpoint.", {("killed", 3)}),
        ("The strike killed 7 people and 2 soldiers were arrested.", {("killed", 7)}),
        ("Four medics were among those killed.", {("killed", 4)}),
        ("Of the 1,200 killed on Oct. 7, about 800 were civilians.", {("killed", 1200)}),
        ("Thirty-one were wounded, according to the Red Crescent.", {("injured", 31)}),
        (
            "The explosion wounded some 3,000 people, many of them Hezbollah members, and killed 12.",
            {("injured", 3000), ("killed", 12)},
        ),
        ("Iranian state media said 11 Revolutionary Guards members were killed.", {("killed", 11)}),
        ("The US military said none of its personnel were hurt in the three attacks.", {("attacks", 3)}),
        ("The group has claimed 12 attacks on US bases this month, all of them with drones.", {("attacks", 12)}),
        ("The fighting has claimed at least 12 lives since Sunday.", {("killed", 12)}),
        ("Twelve lives were lost in the blaze.", {("killed", 12)}),
        ("Iraqi sources reported two dead and five wounded.", {("injured", 5), ("killed", 2)}),
        ("The Red Crescent said its teams had treated 55 injured people.", {("injured", 55)}),
        ("The raid left at least eight Palestinians dead, including a 16-year-old.", {("killed", 8)}),
        ("Three of the injured are in serious condition.", {("injured", 3)}),
        ("Among the victims were 12 children.", {("killed", 12)}),
        ("The bodies of 3 hostages were recovered from a tunnel.", {("killed", 3)}),
        ("In the past day, 99 Palestinians were killed and 150 were wounded.", {("injured", 150), ("killed", 99)}),
        (
            "The strike hit a house, killing 11 people - including four children - and injuring 30.",
            {("injured", 30), ("killed", 4), ("killed", 11)},
        ),
        ("Israeli strike on Gaza school kills 30, health officials say", {("killed", 30)}),
        ("Houthis claim 3 attacks on ships in Red Sea", {("attacks", 3)}),
        ("Death toll from Israeli strike on Beirut rises to 31", {("killed", 31)}),
        ("Death toll in pager blasts climbs to 12, with nearly 2,800 wounded", {("injured", 2800), ("killed", 12)}),
        ("The dead included three children and a paramedic.", {("killed", 3)}),
        (
            "Eleven people - nine Palestinians and two Israelis - were killed on Sunday.",
            {("killed", 2), ("killed", 9), ("killed", 11)},
        ),
        (
            "Twelve people (eight soldiers and four civilians) died in the ambush.",
            {("killed", 4), ("killed", 8), ("killed", 12)},
        ),
        ("Of those killed, 40 were children.", {("killed", 40)}),
        ("At least 20 people were treated for shrapnel wounds.", {("injured", 20)}),
        ("Fourteen were hospitalized after the blast.", {("injured", 14)}),
        ("The attack injured 3 Israelis, one seriously.", {("injured", 1), ("injured", 3)}),
        (
            "There have been at least 97 attacks on US forces - 40 in Iraq and 57 in Syria.",
            {("attacks", 40), ("attacks", 57), ("attacks", 97)},
        ),
        ("The strike killed the commander, two of his sons and three other people.", {("killed", 2), ("killed", 3)}),
        ("Israel said it killed the commander, 2 security sources told Reuters.", set()),
        ("The Islamic Resistance in Iraq claimed responsibility for four drone attacks on Monday.", {("attacks", 4)}),
        ("Iran-backed groups have attacked US forces at least 150 times.", {("attacks", 150)}),
        ("Houthi forces have launched 30 attacks on shipping since November.", {("attacks", 30)}),
        ("The militia has mounted a string of 20 attacks on the base.", {("attacks", 20)}),
        ("The US said 47 personnel had been wounded in the attacks.", {("injured", 47)}),
        ("A total of 17 people were injured.", {("injured", 17)}),
        ("Three people were killed or wounded in the blast.", set()),
        (
            "Israel's offensive has killed more than 34,000 Palestinians, mostly women and children.",
            {("killed", 34_000)},
        ),
        ("The three hostages were shot dead by mistake.", {("killed", 3)}),
        ("Two people were killed and one other was injured.", {("injured", 1), ("killed", 2)}),
        (
            "The UN said 1,000 people were killed in the first week, 400 of them children.",
            {("killed", 400), ("killed", 1000)},
        ),
        ("Some 100 missiles and 30 drones were fired, injuring 9 people.", {("injured", 9)}),
        ("The raid on the camp, which lasted 40 hours, killed 12 Palestinians.", {("killed", 12)}),
        ("The 12 people killed included five fighters.", {("killed", 5), ("killed", 12)}),
        ("Two killed, 19 injured in Israeli strike on Nabatieh", {("injured", 19), ("killed", 2)}),
        (
            "Since Oct. 17, there have been 66 attacks against U.S. forces, 32 in Iraq and 34 in Syria.",
            {("attacks", 32), ("attacks", 34), ("attacks", 66)},
        ),
        ("Of the 151 attacks, 60 were in Iraq.", {("attacks", 60), ("attacks", 151)}),
        ("The blast killed 5 people, 2 in the same car.", {("killed", 2), ("killed", 5)}),
        ("After 5 attacks, 300 at the base were evacuated.", {("attacks", 5)}),
        ("After 5 attacks, 300 at the base fled.", {("attacks", 5)}),
        (
            "Israel's army said 8 soldiers, including a colonel, were among the 21 killed.",
            {("killed", 8), ("killed", 21)},
        ),
        ("The conflict, now in its 5th month, has killed 30,000.", {("killed", 30_000)}),
        ("Israel freed 39 prisoners in exchange for 13 hostages.", set()),
        ("The number of attacks fell from 40 in December to 12 in January.", {("attacks", 12), ("attacks", 40)}),
        ("Four firefighters suffered burns while tackling the blaze.", {("injured", 4)}),
        ("Hezbollah announced 3 martyrs on Tuesday.", {("killed", 3)}),
        ("A further 10 were wounded by gunfire.", {("injured", 10)}),
        ("Nine people were confirmed dead.", {("killed", 9)}),
        ("Seven people are feared dead after the building collapsed.", {("killed", 7)}),
        ("The US says its forces have been attacked more than 150 times since October.", {("attacks", 150)}),
        ("Two were left wounded after the shooting.", {("injured", 2)}),
        ("Twelve civilians, six of them children, were killed, the UN said.", {("killed", 6), ("killed", 12)}),
        ("Seven people, including three police officers, were hurt.", {("injured", 3), ("injured", 7)}),
        ("The attacks left 19 dead across the region, among them 4 children.", {("killed", 4), ("killed", 19)}),
        (
            "At least 13 US personnel have been wounded in 3 separate attacks this month.",
            {("attacks", 3), ("injured", 13)},
        ),
        (
            "The Pentagon said the group had targeted US forces 19 times, 13 in Iraq and 6 in Syria.",
            {("attacks", 6), ("attacks", 13), ("attacks", 19)},
        ),
        ("Israel says 2 of the 5 rockets were intercepted.", set()),
        ("The army said the soldier, 20, was killed by a sniper.", set()),
        ("Sergeant First Class Smith, 46, and two others were killed.", {("killed", 2)}),
        ("The UN counted 1,400 people killed, 800 in Gaza City, by Friday.", {("killed", 800), ("killed", 1400)}),
        ("Health officials said 4 of the 19 people killed in the raid were women.", {("killed", 4), ("killed", 19)}),
        ("Two of 14 Palestinians killed overnight were teenagers.", {("killed", 2), ("killed", 14)}),
        ("Among those killed in the overnight strikes on Rafah were 6 paramedics.", {("killed", 6)}),
        ("Among those wounded in the blast were 3 reporters.", {("injured", 3)}),
        ("The toll of aid workers killed since Oct. 7 has risen to 254.", {("killed", 254)}),
        ("The gunman murdered 9 worshippers in the attack.", {("killed", 9)}),
        ("Officials said 40 service members were being evaluated for possible concussions.", {("injured", 40)}),
        ("The number of injured troops stood at 47.", {("injured", 47)}),
        ("Sixteen people, among them U.S. citizens, were killed.", {("killed", 16)}),
        ("Militias have attacked U.S. troops 60 times since Oct. 17, officials said.", {("attacks", 60)}),
        ("Three of the 5 attacks this week targeted the al-Asad base.", {("attacks", 3), ("attacks", 5)}),
        ("The attacks have left 56 US personnel with minor injuries.", {("injured", 56)}),
        ("The ministry revised the death toll down to 84 from 95.", {("killed", 84), ("killed", 95)}),
        ("The blast killed 6 and left 30 wounded.", {("injured", 30), ("killed", 6)}),
        ("Hezbollah says it has lost 6 members in the fighting.", {("killed", 6)}),
        ("In all, 24 Americans were hurt.", {("injured", 24)}),
        ("3 dead, 12 injured in Israeli strike on car in Tyre", {("injured", 12), ("killed", 3)}),
        ("The strikes raised the number of Palestinians killed to 26,900.", {("killed", 26_900)}),
        ("Israel reported 3 soldiers killed on Tuesday.", {("killed", 3)}),
        ("The Pentagon said there had been a total of 66 attacks.", {("attacks", 66)}),
        ("Twenty people were hurt, including 3 soldiers.", {("injured", 3), ("injured", 20)}),
        ("The bombing wounded dozens and killed 11, officials said.", {("killed", 11)}),
        ("Eleven were killed instantly; four more died in hospital.", {("killed", 4), ("killed", 11)}),
        (
            "The attack killed four soldiers and wounded 11, two of them critically.",
            {("injured", 2), ("injured", 11), ("killed", 4)},
        ),
        ("Israeli forces killed 15 gunmen and arrested 20 suspects.", {("killed", 15)}),
        ("The Houthis said they had fired 2 missiles at the ship, causing damage but no injuries.", set()),
        ("Three rockets landed in open areas and 2 people were lightly hurt.", {("injured", 2)}),
    ],
)
def test_varied_wire_styles(sentence: str, expected: set[tuple[str, int]]) -> None:
    scored = {(kind, value) for kind, value, _ in figures_of(sentence) if kind in ("attacks", "injured", "killed")}
    assert {pair for pair in scored if pair[1] is not None} == expected


_NUMBER_PIECES = ["a", " ", "  ", "\n", "one", "two", "ten", "tens", "5", "1,000", "-", "x", "eight", "half", "dozen",
                  "hundred", "thousand", "some", "often", "é", "K", "at least", "3rd", "."]  # fmt: skip


@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=30), st.integers(0, 40), st.integers(0, 40))
def test_find_numbers_with_whole_text_starts_matches_a_scan_of_the_range(
    pieces: list[str], first: int, second: int
) -> None:
    text = "".join(pieces)
    start, end = sorted((min(first, len(text)), min(second, len(text))))
    starts = amount_starts(text)
    assert find_numbers(text, start, end, starts) == find_numbers(text, start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("someone often saw ten", [18]),
        ("5two a dozen", [0, 1, 5]),
        ("a  hundred and a man", [0]),
        ("seventyseven", []),
    ],
)
def test_amount_starts_are_digit_runs_whole_number_words_and_a_before_a_scale(text: str, expected: list[int]) -> None:
    assert amount_starts(text) == expected


_ORDINAL_PIECES = ["1", "5", "12", "2024", "12345", " ", ",", "st", "th", "nd", "rd", "x", "٣", "000", ",000", "s"]


@given(st.lists(st.sampled_from(_ORDINAL_PIECES), max_size=16))
def test_ordinals_found_before_suffixed_digits_are_those_a_scan_of_every_digit_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [(match.span(), match.group("number")) for match in ORDINAL.finditer(text)]
    assert [(match.span(), match.group("number")) for match in ordinal_matches(text)] == expected
