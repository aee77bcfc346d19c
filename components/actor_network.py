"""The actor network (who supports and who attacks whom) as a directed graph and a Sankey of attacks."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.safe_text import escape_label

RELATION_COLOURS = {"supports": "#2c7fb8", "attacks": "#d7191c"}
OTHER_RELATION_COLOUR = "#888888"
# A fixed seed makes the layout the same on every rerun, so the graph does not jump when a filter changes.
LAYOUT_SEED = 7
NODE_MIN_SIZE = 12
NODE_SIZE_PER_LINK = 4
NODE_MAX_SIZE = 48
# Layout coordinates run from -1 to 1; labels need about a quarter of that beyond the outermost node.
LABEL_PADDING = 0.35


def network_layout(edges: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Positions for every actor in the edges, from a weighted spring layout."""
    graph = nx.DiGraph()
    for edge in edges.itertuples():
        graph.add_edge(str(edge.source), str(edge.target), weight=float(edge.weight))
    if graph.number_of_nodes() == 0:
        return {}
    positions = nx.spring_layout(graph, seed=LAYOUT_SEED, weight="weight", k=1.5 / math.sqrt(graph.number_of_nodes()))
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def build_actor_network(edges: pd.DataFrame) -> go.Figure:
    """Nodes sized by total link weight; one line trace per relation; arrows point from source to target."""
    positions = network_layout(edges)
    figure = go.Figure()
    for relation, group in edges.groupby("relation", sort=True):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for edge in group.itertuples():
            start, end = positions[str(edge.source)], positions[str(edge.target)]
            xs += [start[0], end[0], None]
            ys += [start[1], end[1], None]
            figure.add_annotation(
                x=end[0],
                y=end[1],
                ax=start[0],
                ay=start[1],
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=2,
                arrowsize=1.2,
                arrowwidth=min(1 + float(edge.weight) / 2, 6),
                arrowcolor=RELATION_COLOURS.get(str(relation), OTHER_RELATION_COLOUR),
                opacity=0.7,
                standoff=10,
            )
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=str(relation),
                line={"color": RELATION_COLOURS.get(str(relation), OTHER_RELATION_COLOUR), "width": 1},
                hoverinfo="skip",
            )
        )
    weights: dict[str, float] = {}
    details: dict[str, list[str]] = {}
    for edge in edges.itertuples():
        for node in (str(edge.source), str(edge.target)):
            weights[node] = weights.get(node, 0) + float(edge.weight)
        details.setdefault(str(edge.source), []).append(f"{edge.relation} {edge.target} ({edge.weight})")
        details.setdefault(str(edge.target), []).append(f"{edge.relation} by {edge.source} ({edge.weight})")
    names = list(positions)
    figure.add_trace(
        go.Scatter(
            x=[positions[name][0] for name in names],
            y=[positions[name][1] for name in names],
            mode="markers+text",
            name="actors",
            text=[escape_label(name) for name in names],
            textposition="top center",
            marker={
                "size": [min(NODE_MAX_SIZE, NODE_MIN_SIZE + NODE_SIZE_PER_LINK * weights[name]) for name in names],
                "color": "#fdae61",
                "line": {"color": "#444444", "width": 1},
            },
            customdata=["<br>".join(escape_label(detail) for detail in details[name][:8]) for name in names],
            hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    # Room around the outermost nodes so their labels are not cut at the chart's edge.
    xs = [position[0] for position in positions.values()] or [0.0]
    ys = [position[1] for position in positions.values()] or [0.0]
    figure.update_layout(
        height=520,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False, "range": [min(xs) - LABEL_PADDING, max(xs) + LABEL_PADDING]},
        yaxis={"visible": False, "range": [min(ys) - LABEL_PADDING / 2, max(ys) + LABEL_PADDING / 2]},
        legend={"orientation": "h", "title": "relation"},
    )
    return figure


def build_attack_sankey(edges: pd.DataFrame) -> go.Figure:
    """Who attacks whom: attackers on the left, targets on the right, flows weighted by mentions."""
    attacks = edges[edges["relation"] == "attacks"]
    attackers = list(dict.fromkeys(str(name) for name in attacks["source"]))
    targets = list(dict.fromkeys(str(name) for name in attacks["target"]))
    # The same actor can attack and be attacked; it gets a node on each side so flows always run left to right.
    labels = attackers + targets
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": [escape_label(label) for label in labels], "pad": 14, "thickness": 14, "color": "#fdae61"},
            link={
                "source": [attackers.index(str(name)) for name in attacks["source"]],
                "target": [len(attackers) + targets.index(str(name)) for name in attacks["target"]],
                "value": [float(weight) for weight in attacks["weight"]],
                "color": "rgba(215,25,28,0.35)",
                "hovertemplate": "%{source.label} attacks %{target.label}: %{value}<extra></extra>",
            },
        )
    )
    figure.update_layout(height=max(260, 40 * max(len(attackers), len(targets))), margin={"l": 10, "r": 10, "t": 10})
    return figure


def attack_pairs(edges: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Who attacks whom, from stated `attacks` links and from events' actors and targets.

    A pair counted both ways is usually one incident reported once as a link and once as an event, so the pair
    keeps the larger of its two counts rather than their sum.
    """
    stated = edges[edges["relation"] == "attacks"][["source", "target", "weight"]]
    rows = []
    for event in events.itertuples():
        for source in _names(event.actors):
            for target in _names(event.targets):
                rows.append({"source": source, "target": target})
    from_events = pd.DataFrame(rows, columns=["source", "target"])
    from_events = from_events.groupby(["source", "target"]).size().rename("weight").reset_index()
    pairs = pd.concat([stated, from_events]).groupby(["source", "target"], as_index=False)["weight"].max()
    pairs["relation"] = "attacks"
    return pairs.sort_values("weight", ascending=False, kind="stable").reset_index(drop=True)


def _names(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(name) for name in value if name]
    return [name.strip() for name in str(value or "").split(",") if name.strip()]


def backers_of(edges: pd.DataFrame, actor: str) -> pd.DataFrame:
    """The actors that support `actor`, strongest first."""
    backing = edges[(edges["relation"] == "supports") & (edges["target"] == actor)]
    return backing[["source", "weight"]].sort_values("weight", ascending=False).reset_index(drop=True)


def render_chart(figure: go.Figure, key: str, alt: str) -> None:
    st.plotly_chart(figure, key=key, width="stretch", alt=alt)
