"""The app's settings: Settings from the environment with `.streamlit/secrets.toml` laid over them."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from flashpoint.settings import SETTINGS, Settings

# The repository folder, where the shipped data (samples, country outlines) lives.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _secret_overrides() -> dict[str, str]:
    try:
        return {setting.env: str(st.secrets[setting.env]) for setting in SETTINGS if setting.env in st.secrets}
    except StreamlitSecretNotFoundError:
        return {}


def settings() -> Settings:
    """Settings from the environment, with any `.streamlit/secrets.toml` values laid over them."""
    return Settings.from_env({**os.environ, **_secret_overrides()})


def secret_section(name: str) -> dict[str, object] | None:
    """One `[name]` table of secrets.toml as a plain dict, or None when there is no such table or no secrets file."""
    try:
        section = st.secrets.get(name)
    except StreamlitSecretNotFoundError:
        return None
    return section.to_dict() if hasattr(section, "to_dict") else section
