"""Actor extraction: dictionary aliases merged, states told apart from places, persons and unknown groups found."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.actors import GENERIC_ACTOR, ActorExtractor, load_actor_dictionary
from flashpoint.errors import ActorDictionaryError
from flashpoint.model import Actor
from flashpoint.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
_DICTIONARY = load_actor_dictionary()


@pytest.fixture(scope="module")
def extractor() -> ActorExtractor:
    return ActorExtractor(_DICTIONARY)


def actors_of(extractor: ActorExtractor, text: str) -> dict[str, Actor]:
    actors, _ = extractor.extract(text, split_sentences(text))
    return {actor.name: actor for actor in actors}


def scored_names(extractor: ActorExtractor, text: str) -> set[str]:
    return {name for name, actor in actors_of(extractor, text).items() if actor.kind != "person"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # States named as places are not actors; acting states are.
        (
            "Iran-backed militias in Iraq and Syria have attacked US forces more than 60 times.",
            {GENERIC_ACTOR, "Iran", "United States"},
        ),
        (
            "Israeli warplanes struck Hezbollah targets in southern Lebanon, the Israeli military said.",
            {"Israel", "Hezbollah"},
        ),
        (
            "US and British warplanes struck Houthi targets in Yemen overnight.",
            {"United States", "United Kingdom", "Houthis"},
        ),
        ("The crew come from the Philippines, Bulgaria, Ukraine and Romania.", set()),
        ("The kingdom shares borders with Syria, Iraq, Saudi Arabia and Israel.", set()),
        ("A cargo ship registered in the UK was hit off Yemen, near a Yemeni port.", set()),
        ("Yemen's Houthis seized the ship near the Lebanon-Israel border.", {"Houthis"}),
        ("Kerman, Iran - Two blasts shook the city.", set()),
        ("Farmers in the Jordan Valley and on the Jordan River were evacuated.", set()),
        ("US bombers hit targets in reprisal for Jordan drone attack.", {"United States"}),
        ("Militias vowed to fight until US troops leave Iraq.", {"United States"}),
        ("Pro-Israel and anti-Iran protesters marched past an Israeli-American hostage's family.", set()),
        ("The Lebanese health ministry said 12 people were killed.", {"Lebanon"}),
        ("BEIRUT (Reuters) - The blast shook the Lebanese capital.", set()),
        ("Iran held a day of mourning and Jordan condemned the attack.", {"Iran", "Jordan"}),
        ("Lebanon's caretaker premier said the strike on Lebanese soil was a crime.", {"Lebanon"}),
        # Capitals stand for governments only when they act.
        ("Washington also condemned the attack.", {"United States"}),
        ("Leaders met in Beirut and later flew to Tehran.", set()),
        ("Tehran has denied any role in the attack.", {"Iran"}),
        # Institutions and forces are aliases of their state.
        ("The Pentagon and CENTCOM said the White House was briefed.", {"United States"}),
        ("The IDF said the Israel Defense Forces had hit the site.", {"Israel"}),
        ("UKMTO said a vessel reported an explosion.", {"United Kingdom"}),
        ("UNRWA, the UN agency for Palestinian refugees, said the shelter was hit.", {"United Nations"}),
        # Spelling variants merge into one actor.
        ("Hizballah and Hizbollah fighters; Hezbollah said.", {"Hezbollah"}),
        ("Kata'ib Hizballah and Ansar Allah both issued statements.", {"Kataib Hezbollah", "Houthis"}),
        ("The Revolutionary Guards said the Quds Force was not involved.", {"IRGC"}),
        ("IS made its claim as the Islamic State group released a video.", {"Islamic State"}),
        # Traps: warship names, all-caps headlines, persons.
        ("The USS Carney intercepted three missiles.", set()),
        ("WHO IS BEHIND THE ATTACK", set()),
        ("Defense Secretary Lloyd Austin spoke to reporters.", set()),
        ("Hezbollah chief Hassan Nasrallah gave a speech.", {"Hezbollah"}),
        # States acting through capitals, ministries, leaders and navies; places stay places.
        ("Warsaw demanded answers and Vienna summoned the envoy.", {"Poland", "Austria"}),
        ("Hanoi thanked the rescuers for their help.", {"Vietnam"}),
        ("Romania's foreign ministry confirmed that three sailors were safe.", {"Romania"}),
        ("Germany's Olaf Scholz said the attack was unacceptable.", {"Germany"}),
        ("Iraq's Kataib Hezbollah said it would stop.", {"Kataib Hezbollah"}),
        ("Tankers were escorted by warships from Italy, Greece and Spain.", {"Italy", "Greece", "Spain"}),
        ("The cargo of aid from Cyprus reached the pier.", set()),
        ("Sailors from Sri Lanka and Bangladesh were aboard.", set()),
        # Organisations: UN organs fold into the United Nations; relief groups and summits are actors.
        ("The ICJ ordered a halt and the UN human rights office agreed.", {"United Nations"}),
        ("World Central Kitchen paused its work after the strike.", {"World Central Kitchen"}),
        ("Group of Seven leaders and the G20 issued statements.", {"G7", "G20"}),
        ("Magen David Adom paramedics treated the wounded.", {"Magen David Adom"}),
        ("The Kurdistan Region Security Council said two drones were downed.", {"Kurdistan Regional Government"}),
        # The coalition against IS is the US-led coalition, even unnamed; another coalition is not.
        ("Troops serve in the coalition against ISIS in Iraq.", {"US-led coalition", "Islamic State"}),
        ("The coalition said it would meet again.", set()),
        ("The US-led coalition said the coalition had not been hit.", {"US-led coalition"}),
        ("Sirens sounded in Haifa and Eilat after rockets hit Tel Aviv.", set()),
        # Collective actors.
        ("Iranian proxies and pro-Iran militias have stepped up attacks.", {GENERIC_ACTOR, "Iran"}),
        ("Several groups backed by Iran are suspected.", {GENERIC_ACTOR, "Iran"}),
        ("Kataib Hezbollah, an Iraqi militia backed by Iran, claimed the attack.", {"Kataib Hezbollah", "Iran"}),
        ("Iran-backed Houthis fired a missile.", {"Houthis", "Iran"}),
        ("The militias fired rockets.", set()),
    ],
)
def test_actors_found_in_sentence(extractor: ActorExtractor, sentence: str, expected: set[str]) -> None:
    assert scored_names(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "person", "affiliation"),
    [
        ("Defense Secretary Lloyd Austin said the US would respond.", "Lloyd Austin", "United States"),
        ("Israeli Prime Minister Benjamin Netanyahu vowed to continue.", "Benjamin Netanyahu", "Israel"),
        ("Hamas official Basem Naim said talks had stalled.", "Basem Naim", "Hamas"),
        ("Congresswoman Barbara Lee called for a ceasefire.", "Barbara Lee", None),
        ("Brig. Gen. Pat Ryder told reporters the base was hit.", "Pat Ryder", "United States"),
    ],
)
def test_persons_get_kind_person_and_affiliation(
    extractor: ActorExtractor, sentence: str, person: str, affiliation: str | None
) -> None:
    actor = actors_of(extractor, sentence)[person]
    assert (actor.kind, actor.affiliation) == ("person", affiliation)


@pytest.mark.parametrize(
    ("sentence", "group", "kind"),
    [
        (
            "A previously unknown group, the Martyrs of Jerusalem Brigades, claimed the attack.",
            "Martyrs of Jerusalem Brigades",
            "armed_group",
        ),
        ("Liwa al-Thawra al-Jadida said it fired rockets at the base.", "Liwa al-Thawra al-Jadida", "armed_group"),
        ("The Free Patriotic Movement criticised the government.", "Free Patriotic Movement", "political_group"),
    ],
)
def test_unknown_groups_are_found_outside_the_dictionary(
    extractor: ActorExtractor, sentence: str, group: str, kind: str
) -> None:
    actor = actors_of(extractor, sentence)[group]
    assert (actor.kind, actor.in_dictionary) == (kind, False)


def test_one_actor_per_canonical_name_with_every_mention(extractor: ActorExtractor) -> None:
    text = "US forces were attacked. The Pentagon said American troops and U.S. officials were safe."
    actor = actors_of(extractor, text)["United States"]
    assert [text[span.start : span.end] for span in actor.mentions] == [
        "US forces",
        "Pentagon",
        "American",
        "U.S. officials",
    ]


def test_page_header_lines_are_not_read_as_actors(extractor: ActorExtractor) -> None:
    text = "Cargo ship seized in the Red Sea\n\nNews Desk\nIsrael at War\n21/11/2023\n\nThe Houthis seized the ship."
    assert scored_names(extractor, text) == {"Houthis"}


def test_find_actor_mentions_marks_places_as_not_agentive(extractor: ActorExtractor) -> None:
    mentions = extractor.find_actor_mentions("Iraq said militants in Iraq attacked.")
    assert [(mention.surface, mention.agentive) for mention in mentions] == [("Iraq", True), ("Iraq", False)]


def test_every_dictionary_actor_cites_a_source() -> None:
    dictionary = load_actor_dictionary(ROOT / "data" / "actors.yaml")
    unsourced = [entry.name for entry in dictionary.entries.values() if entry.kind != "person" and not entry.source]
    assert unsourced == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "cannot read"),
        ("actors: [name: Iran\n  kind: : state", "not valid YAML"),
        ("- just a list", "malformed"),
        ("actors:\n  - kind: state\n", "malformed"),
    ],
)
def test_missing_or_broken_dictionary_raises_an_error_naming_the_file(
    tmp_path: Path, content: str | None, reason: str
) -> None:
    path = tmp_path / "actors.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ActorDictionaryError, match=reason) as raised:
        load_actor_dictionary(path)
    assert str(path) in str(raised.value)


def test_dictionary_kinds_are_schema_kinds() -> None:
    dictionary = load_actor_dictionary()
    kinds = {entry.kind for entry in dictionary.entries.values()}
    assert kinds <= {"state", "armed_group", "political_group", "organization", "person"}


FRAGMENTS = [
    "Iran",
    "-backed",
    " militias",
    " US",
    " forces",
    " attacked",
    " Hezbollah",
    "'s",
    " in",
    " Iraq",
    ",",
    " and",
    " Israel",
    " struck",
    " by",
    " the",
    " Houthis",
    ".",
    "\n\n",
    " USS Carney",
    " IS",
    " Washington",
    " said",
    " war between",
    " President",
    " Joe Biden",
    " İ",
    "–",
    " proxies",
    " Brigades",
    " Saraya",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_any_text_gives_mentions_inside_it_and_links_between_its_actors(pieces: list[str]) -> None:
    text = "".join(pieces)
    extractor = ActorExtractor(_DICTIONARY)
    actors, links = extractor.extract(text, split_sentences(text))
    names = {actor.name for actor in actors}
    assert all(0 <= span.start < span.end <= len(text) for actor in actors for span in actor.mentions)
    assert len(names) == len(actors)
    assert all(link.source in names and link.target in names for link in links)
