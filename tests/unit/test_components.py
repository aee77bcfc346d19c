"""The pure builders in components/ turn small tables into the expected decks, figures, HTML and files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components.actor_network import (
    attack_pairs,
    backers_of,
    build_actor_network,
    build_attack_sankey,
    network_layout,
)
from components.article_reader import Highlight, build_highlighted_html, non_overlapping
from components.attack_map import (
    INJURY_COLOURS,
    build_arcs,
    build_attack_map,
    injury_colour,
    legend_html,
    point_radius,
)
from components.downloads import build_csv, build_geojson, build_jsonl
from components.kpis import build_kpi_cards
from components.safe_text import escape_label, escape_markdown
from components.timeline import build_overview_series, build_timeline_chart

OUTLINES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Iraq", "country_code": "IQ", "fill": [233, 232, 224]},
            "geometry": {"type": "Polygon", "coordinates": [[[39, 29], [48, 29], [48, 37], [39, 37], [39, 29]]]},
        }
    ],
}


@pytest.fixture
def points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "place": ["Iraq", "Erbil", "Iran", "Red Sea"],
            "kind": ["country", "city", "country", "water"],
            "country_code": ["IQ", "IQ", "IR", None],
            "lat": [33.0, 36.19, 32.0, 20.0],
            "lon": [44.0, 44.01, 53.0, 38.0],
            "attacks": [13, 2, 0, 4],
            "injured": [20, 0, 0, 1],
            "killed": [0, 0, 0, 0],
            "mentions": [3, 1, 2, 1],
            "actors": [["Kataib Hezbollah"], ["Kataib Hezbollah"], ["Iran"], ["Houthis"]],
            "evidence": ["At least 13 <b>attacks</b> hit bases in Iraq.", "A drone hit Erbil.", "", "Ships hit."],
        }
    )


@pytest.fixture
def edges() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["Iran", "Iran", "Kataib Hezbollah", "Houthis"],
            "target": ["Kataib Hezbollah", "Houthis", "United States", "United States"],
            "relation": ["supports", "supports", "attacks", "attacks"],
            "weight": [3, 2, 5, 1],
        }
    )


# Countries and seas as hollow rings, their "approximate" labels, then the exact places as solid points.
PLACE_LAYERS = ["ScatterplotLayer", "TextLayer", "ScatterplotLayer"]


def layer_types(deck) -> list[str]:
    return [layer.type for layer in deck.layers]


@pytest.mark.parametrize(
    ("density", "with_links", "expected"),
    [
        ("none", False, ["GeoJsonLayer", *PLACE_LAYERS]),
        ("hexagon", False, ["GeoJsonLayer", "HexagonLayer", *PLACE_LAYERS]),
        ("heatmap", True, ["GeoJsonLayer", "HeatmapLayer", "ArcLayer", *PLACE_LAYERS]),
    ],
)
def test_map_stacks_outlines_density_links_then_points(points, edges, density, with_links, expected) -> None:
    deck = build_attack_map(points, OUTLINES, edges if with_links else None, density=density)
    assert layer_types(deck) == expected


def test_map_needs_no_tiles_so_it_draws_offline(points) -> None:
    deck = build_attack_map(points, OUTLINES)
    payload = json.loads(deck.to_json())
    assert payload.get("mapProvider") is None
    # pydeck's placeholder style: Streamlit draws no basemap for it, where an empty style gets a Carto one.
    assert payload["mapStyle"] == "__MAP_STYLE__"


def test_street_basemap_is_opt_in_and_leaves_outlines_as_borders(points) -> None:
    payload = json.loads(build_attack_map(points, OUTLINES, street_basemap=True).to_json())
    assert payload["mapProvider"] == "carto"
    assert "cartocdn" in payload["mapStyle"]
    assert payload["layers"][0]["filled"] is False
    assert payload["layers"][0]["stroked"] is True


def test_offline_outlines_are_filled_per_country_without_lines(points) -> None:
    outline_layer = json.loads(build_attack_map(points, OUTLINES).to_json())["layers"][0]
    assert outline_layer["filled"] is True and outline_layer["stroked"] is False
    assert outline_layer["getFillColor"] == "@@=properties.fill"


def map_rows(deck) -> dict[str, dict]:
    """Every drawn place by name, from the solid points and the approximate rings and discs."""
    rows = {}
    for layer in json.loads(deck.to_json())["layers"]:
        if layer["@@type"] == "ScatterplotLayer":
            rows.update({row["place"]: row for row in layer["data"]})
    return rows


def test_map_points_are_sized_by_attacks_and_coloured_by_injuries(points) -> None:
    rows = map_rows(build_attack_map(points, OUTLINES))
    assert rows["Iraq"]["radius"] > rows["Erbil"]["radius"] > rows["Iran"]["radius"]
    assert rows["Iraq"]["colour"][:3] != rows["Iran"]["colour"][:3]
    assert set(rows) == {"Iraq", "Erbil", "Iran", "Red Sea"}


def test_map_tooltip_shows_counts_actors_and_escaped_evidence(points) -> None:
    deck = build_attack_map(points, OUTLINES)
    iraq = map_rows(deck)["Iraq"]["tooltip"].split("\n")
    assert iraq[0] == "Iraq (country, IQ)"
    assert "Attacks: 13 · Injured: 20" in iraq[1]
    assert "Actors: Kataib Hezbollah" in iraq
    # Shown as text by deck.gl, so the article's words stay as written: the tags below are letters, not markup.
    assert iraq[-1] == "“At least 13 <b>attacks</b> hit bases in Iraq.”"
    assert deck._tooltip == {"text": "{tooltip}", "style": {"maxWidth": "360px", "whiteSpace": "pre-line"}}


def test_map_rejects_unknown_density_layer(points) -> None:
    with pytest.raises(ValueError, match="density"):
        build_attack_map(points, OUTLINES, density="contour")


@pytest.mark.parametrize(("injured", "stop"), [(0, 0), (1, 1), (9, 1), (10, 2), (500, 3)])
def test_injury_colour_follows_the_legend_stops(injured, stop) -> None:
    assert injury_colour(injured)[:3] == list(INJURY_COLOURS[stop][1])


def test_point_radius_grows_with_attacks_but_is_capped() -> None:
    assert point_radius(0) < point_radius(5) < point_radius(1000)
    assert point_radius(1000) == point_radius(10_000)


def test_legend_names_every_injury_stop() -> None:
    legend = legend_html()
    assert "Injured" in legend and "50+" in legend and legend.count("border-radius") == len(INJURY_COLOURS)


def test_arcs_run_from_supporter_home_to_where_the_backed_group_acts(points, edges) -> None:
    arcs = build_arcs(edges, points)
    iran_link = arcs[(arcs["source"] == "Iran") & (arcs["target"] == "Kataib Hezbollah")].iloc[0]
    assert iran_link["from_position"] == [53.0, 32.0]
    assert iran_link["to_position"] == [44.0, 33.0]
    # The United States has no place on this map, so its links cannot be drawn.
    assert "United States" not in set(arcs["target"])


def test_timeline_has_a_row_per_measure_and_a_bar_trace_per_group() -> None:
    timeline = pd.DataFrame(
        {
            "period": pd.to_datetime(["2023-10-16", "2023-10-16", "2023-10-23"]),
            "group": ["Iraq", "Syria", "Iraq"],
            "attacks": [5, 2, 6],
            "injured": [20, 0, 1],
            "killed": [0, 0, 0],
        }
    )
    figure = build_timeline_chart(timeline)
    assert len(figure.data) == 2 * 3
    assert {trace.name for trace in figure.data} == {"Iraq", "Syria"}
    iraq_attacks = next(trace for trace in figure.data if trace.name == "Iraq" and trace.yaxis == "y")
    assert list(iraq_attacks.y) == [5, 6]
    assert "attacks" in iraq_attacks.hovertemplate


def test_timeline_without_groups_draws_one_series() -> None:
    timeline = pd.DataFrame({"period": [date(2024, 1, 28)], "group": [None], "attacks": [1], "injured": [40]})
    figure = build_timeline_chart(timeline, measures=("attacks", "injured"))
    assert [trace.name for trace in figure.data] == ["All", "All"]
    assert list(figure.data[1].y) == [40]


def test_overview_series_sums_groups_per_period() -> None:
    timeline = pd.DataFrame(
        {
            "period": pd.to_datetime(["2023-10-23", "2023-10-16", "2023-10-16"]),
            "group": ["Iraq", "Iraq", "Syria"],
            "attacks": [6, 5, 2],
            "injured": [1, 20, 0],
            "killed": [0, 0, 0],
        }
    )
    series = build_overview_series(timeline)
    assert list(series.columns) == ["Attacks", "Injured"]
    assert series["Attacks"].tolist() == [7, 6]
    assert list(series.index) == ["2023-10-16", "2023-10-23"]


def test_network_has_a_line_trace_per_relation_and_a_node_per_actor(edges) -> None:
    figure = build_actor_network(edges)
    names = [trace.name for trace in figure.data]
    assert names == ["attacks", "supports", "actors"]
    assert set(figure.data[-1].text) == {"Iran", "Kataib Hezbollah", "Houthis", "United States"}
    assert len(figure.layout.annotations) == len(edges)


def test_network_layout_is_the_same_on_every_run(edges) -> None:
    assert network_layout(edges) == network_layout(edges)


def test_sankey_shows_only_attacks_with_their_weights(edges) -> None:
    sankey = build_attack_sankey(edges).data[0]
    assert list(sankey.node.label) == ["Kataib Hezbollah", "Houthis", "United States"]
    assert list(sankey.link.value) == [5.0, 1.0]


def test_attack_pairs_join_stated_links_and_events_without_double_counting(edges) -> None:
    events = pd.DataFrame(
        {
            "actors": ["Kataib Hezbollah", "Kataib Hezbollah", "Houthis, Hezbollah", ""],
            "targets": ["United States", "United States", "Israel", "United States"],
        }
    )
    pairs = attack_pairs(edges, events)
    weights = {(row.source, row.target): row.weight for row in pairs.itertuples()}
    assert weights == {
        ("Kataib Hezbollah", "United States"): 5,
        ("Houthis", "United States"): 1,
        ("Houthis", "Israel"): 1,
        ("Hezbollah", "Israel"): 1,
    }
    assert set(pairs["relation"]) == {"attacks"}


def test_backers_lists_supporters_strongest_first(edges) -> None:
    extra = pd.concat(
        [edges, pd.DataFrame([{"source": "Syria", "target": "Houthis", "relation": "supports", "weight": 9}])]
    )
    assert list(backers_of(extra, "Houthis")["source"]) == ["Syria", "Iran"]


def test_article_markup_is_escaped_and_highlights_are_marked() -> None:
    text = "Strike on <script>alert(1)</script> Erbil"
    start = text.index("Erbil")
    rendered = build_highlighted_html(text, [Highlight(start, start + 5, "place", "Erbil, IQ")])
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert '<mark class="fp-place" title="place: Erbil, IQ"' in rendered
    assert ">Erbil</mark>" in rendered


@pytest.mark.parametrize(
    ("highlights", "kept"),
    [
        ([Highlight(0, 5, "place"), Highlight(3, 8, "actor")], [(0, 5)]),
        ([Highlight(0, 3, "place"), Highlight(0, 8, "actor")], [(0, 8)]),
        ([Highlight(6, 8, "figure"), Highlight(0, 2, "place")], [(0, 2), (6, 8)]),
        ([Highlight(5, 50, "place")], []),
    ],
)
def test_overlapping_highlights_keep_the_first_and_longest(highlights, kept) -> None:
    assert [(item.start, item.end) for item in non_overlapping(highlights, 10)] == kept


def test_geojson_download_has_a_point_per_located_row() -> None:
    table = pd.DataFrame({"place": ["Erbil", "Somewhere"], "lat": [36.19, None], "lon": [44.01, None]})
    collection = json.loads(build_geojson(table))
    assert len(collection["features"]) == 1
    assert collection["features"][0]["geometry"]["coordinates"] == [44.01, 36.19]
    assert collection["features"][0]["properties"] == {"place": "Erbil"}


def test_jsonl_and_csv_downloads_carry_every_row() -> None:
    table = pd.DataFrame({"date": [date(2024, 1, 28), None], "actors": [("Iran", "Houthis"), ()], "killed": [3, None]})
    lines = build_jsonl(table).splitlines()
    assert [json.loads(line) for line in lines] == [
        {"date": "2024-01-28", "actors": ["Iran", "Houthis"], "killed": 3.0},
        {"date": None, "actors": [], "killed": None},
    ]
    assert "Iran; Houthis" in build_csv(table)


def test_kpi_cards_come_in_a_fixed_order_with_missing_as_zero() -> None:
    cards = build_kpi_cards({"articles": 3, "attacks": 13, "injured": None})
    assert [(card.label, card.value) for card in cards] == [
        ("Articles", 3),
        ("Places", 0),
        ("Attacks", 13),
        ("Injured", 0),
        ("Killed", 0),
        ("Actors", 0),
    ]


def test_shipped_outlines_are_small_and_neighbours_differ_in_tint() -> None:
    import countryinfo

    path = Path(__file__).resolve().parents[2] / "data" / "geo" / "countries.geojson"
    assert path.stat().st_size < 2_000_000
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    fill_by_code = {feature["properties"]["country_code"]: tuple(feature["properties"]["fill"]) for feature in features}
    assert {"IQ", "IR", "SY", "YE", "LB", "IL", "JO", "SA"} <= set(fill_by_code)
    source = Path(countryinfo.__file__).resolve().parent / "data"
    alpha2_of, borders = {}, {}
    for country_file in source.glob("*.json"):
        country = json.loads(country_file.read_text(encoding="utf-8"))
        codes = country.get("ISO") or {}
        if codes.get("alpha3"):
            alpha2_of[codes["alpha3"]] = codes.get("alpha2")
            borders[codes["alpha3"]] = country.get("borders") or []
    clashes = [
        (alpha2_of[country], alpha2_of[other])
        for country, others in borders.items()
        for other in others
        if other in alpha2_of
        and alpha2_of[country] in fill_by_code
        and alpha2_of[other] in fill_by_code
        and fill_by_code[alpha2_of[country]] == fill_by_code[alpha2_of[other]]
    ]
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Erbil (city)", "Erbil (city)"),
        ("<script>alert('x')</script>", "&lt;script&gt;alert('x')&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript\\:alert(1))"),
        ("![pixel](http://tracker.example/p.png)", "!\\[pixel\\](http\\://tracker.example/p.png)"),
        (":red[alarm] :material/warning:", "\\:red\\[alarm\\] \\:material/warning\\:"),
        ("costs $5 and $6", "costs \\$5 and \\$6"),
        ("**bold** _it_ `code` ~~gone~~ a|b", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ a\\|b"),
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("well-known 2024-01-16 U.S.", "well-known 2024-01-16 U.S."),
        ("first line\n\n# second", "first line # second"),
        ("AT&amp;T", "AT&amp;amp;T"),
    ],
)
def test_escape_markdown_shows_text_as_written(text, escaped) -> None:
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Houthis", "Houthis"),
        ("<b>Brigade</b>", "&lt;b&gt;Brigade&lt;/b&gt;"),
        ('<a href="javascript:alert(1)">x</a>', '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'),
        ("Smith & Sons", "Smith &amp; Sons"),
    ],
)
def test_escape_label_makes_plotly_markup_inert(text, escaped) -> None:
    assert escape_label(text) == escaped


def test_actor_network_and_sankey_labels_are_escaped() -> None:
    edges = pd.DataFrame(
        {
            "source": ["<img src=x onerror=alert(1)>"],
            "target": ["Base <b>Alpha</b>"],
            "relation": ["attacks"],
            "weight": [1],
        }
    )
    network = json.loads(build_actor_network(edges).to_json())
    node_trace = next(trace for trace in network["data"] if trace.get("mode") == "markers+text")
    assert node_trace["text"] == ["&lt;img src=x onerror=alert(1)&gt;", "Base &lt;b&gt;Alpha&lt;/b&gt;"]
    assert all("<img" not in detail and "<b>" not in detail for detail in node_trace["customdata"])
    sankey = json.loads(build_attack_sankey(edges).to_json())["data"][0]
    assert sankey["node"]["label"] == ["&lt;img src=x onerror=alert(1)&gt;", "Base &lt;b&gt;Alpha&lt;/b&gt;"]
