"""Figures: which amounts count attacks, injured, killed and the other kinds, with their qualifiers."""

from __future__ import annotations

import pytest

from flashpoint.figures import find_figures
from flashpoint.numbers import find_numbers, parse_number_words
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
        ("Gunmen killed a policeman and wounded two others.", [("killed", 1, None), ("injured", 2, None)]),
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
        ("An Israeli soldier was killed in southern Lebanon.", [("killed", 1, None)]),
        ("A US sailor was injured in the incident.", [("injured", 1, None)]),
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
    ],
)
def test_not_figures(sentence: str) -> None:
    assert [item for item in figures_of(sentence) if item[0] in ("attacks", "injured", "killed") and item[1]] == []


def test_two_bombers_are_not_counted_as_killed_but_their_victims_are() -> None:
    assert figures_of("Two bombers killed 84 people.") == [("killed", 84, None)]


def test_every_figure_span_points_at_its_text_inside_its_sentence() -> None:
    text = (
        "Three US soldiers killed, at least two dozen hurt\n\nThe strike killed 84 and wounded 284. "
        "An Israeli soldier was killed. It was the 108th attack. Officials said twelve deaths had been confirmed."
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
        ("A 12-year-old boy was killed by shrapnel.", {("killed", 1)}),
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
