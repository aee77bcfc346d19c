"""The heavy things every session shares, made once per process: the Store, the pipeline, the country outlines."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import streamlit as st

from app_state.configuration import PROJECT_ROOT, settings
from flashpoint.settings import Settings
from flashpoint.store import Store

if TYPE_CHECKING:
    from flashpoint.pipeline import Pipeline

OUTLINES_PATH = PROJECT_ROOT / "data" / "geo" / "countries.geojson"


@st.cache_resource(show_spinner=False)
def _store_for(database_url: str) -> Store:
    store = Store(database_url)
    store.create_schema()
    return store


def store() -> Store:
    """The one Store for the configured database, created with its schema on first use."""
    return _store_for(settings().database_url)


@st.cache_resource(show_spinner="Loading the gazetteer and actor dictionary…")
def _pipeline_for(current: Settings) -> Pipeline:
    # Imported here: the pipeline pulls in spaCy and the gazetteer, which only the upload path needs,
    # so browsing the dashboard never pays for loading them.
    from flashpoint.pipeline import Pipeline

    return Pipeline.load(current)


def pipeline() -> Pipeline:
    """The extraction pipeline (gazetteer, actor dictionary) for the current settings, loaded once and shared."""
    return _pipeline_for(settings())


# A resource, not data: one shared read-only copy, where cache_data would unpickle a fresh copy on every run.
@st.cache_resource(show_spinner=False)
def country_outlines() -> dict:
    """The shipped country outlines drawn under the map (built by bench/build_country_outlines.py)."""
    return json.loads(OUTLINES_PATH.read_text(encoding="utf-8"))


@st.cache_resource(show_spinner=False)
def country_names() -> dict[str, str]:
    """Country names by ISO alpha-2 code, read from the shipped outlines, for labelling country filters."""
    features = country_outlines()["features"]
    return {feature["properties"]["country_code"]: feature["properties"]["name"] for feature in features}


def country_label(code: str) -> str:
    """A country code as "Name (XX)" for labels; the bare code when the outlines do not name it."""
    name = country_names().get(code)
    return f"{name} ({code})" if name else code
