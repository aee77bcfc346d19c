"""Who this session is and what it may do: sign-in through Streamlit's OIDC login, roles from secrets.toml."""

from __future__ import annotations

import streamlit as st

from app_state.configuration import secret_section, settings
from flashpoint.access import AccessPolicy, Identity, Role
from flashpoint.errors import SettingsError


def access_policy() -> AccessPolicy:
    """Who may sign in, read and edit: local single-user mode unless secrets.toml has an [auth] section."""
    return AccessPolicy.from_secrets(secret_section("auth"), secret_section("flashpoint"))


def configuration_problem() -> str | None:
    """What is wrong with the settings, if anything, so the app can say so and stop before touching data."""
    try:
        settings()
        access_policy()
    except SettingsError as error:
        return str(error)
    return None


def identity() -> Identity:
    """The signed-in user from Streamlit's OIDC login (`st.user`); in tests, AppTest.user stands in for it."""
    return Identity.from_claims(st.user.to_dict())


def role() -> Role:
    """This session's role; st.user is only consulted when sign-in is required."""
    policy = access_policy()
    return policy.role_for(identity() if policy.sign_in_required else Identity(signed_in=False))


def can_edit() -> bool:
    """Whether this session may upload, correct or delete articles."""
    return role().can_edit


def sign_in() -> None:
    """Button callback: start Streamlit's OIDC login with the configured provider."""
    provider = access_policy().login_provider
    if provider is None:
        st.login()
    else:
        st.login(provider)


def sign_out() -> None:
    """Button callback: forget the identity cookie and start a new session."""
    st.logout()
