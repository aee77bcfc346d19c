"""The role decision: local mode makes everyone an editor; with sign-in, the editor and viewer lists decide."""

from __future__ import annotations

import pytest

from flashpoint.access import AccessPolicy, Identity, Role
from flashpoint.errors import SettingsError

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "flashpoint",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration",
}
EDITORS = {"editors": ["Editor@Example.org", "@desk.example.net"]}


def signed_in(email: str | None) -> Identity:
    return Identity(signed_in=True, email=email)


@pytest.mark.parametrize(
    ("auth", "flashpoint", "identity", "role"),
    [
        (None, None, Identity(signed_in=False), Role.EDITOR),
        ({}, EDITORS, Identity(signed_in=False), Role.EDITOR),
        (AUTH, EDITORS, Identity(signed_in=False), Role.SIGNED_OUT),
        (AUTH, EDITORS, signed_in("editor@example.org"), Role.EDITOR),
        (AUTH, EDITORS, signed_in("  EDITOR@example.ORG "), Role.EDITOR),
        (AUTH, EDITORS, signed_in("anyone@desk.example.net"), Role.EDITOR),
        (AUTH, EDITORS, signed_in("anyone@sub.desk.example.net"), Role.VIEWER),
        (AUTH, EDITORS, signed_in("reader@example.org"), Role.VIEWER),
        (AUTH, EDITORS, signed_in(None), Role.VIEWER),
        (AUTH, None, signed_in("editor@example.org"), Role.VIEWER),
        (AUTH, {**EDITORS, "viewers": ["reader@example.org"]}, signed_in("reader@example.org"), Role.VIEWER),
        (AUTH, {**EDITORS, "viewers": ["reader@example.org"]}, signed_in("stranger@example.com"), Role.REFUSED),
        (AUTH, {**EDITORS, "viewers": ["reader@example.org"]}, signed_in(None), Role.REFUSED),
        (AUTH, {**EDITORS, "viewers": []}, signed_in("editor@example.org"), Role.EDITOR),
        (AUTH, {**EDITORS, "viewers": []}, signed_in("reader@example.org"), Role.REFUSED),
    ],
)
def test_role_for_identity(auth, flashpoint, identity, role) -> None:
    assert AccessPolicy.from_secrets(auth, flashpoint).role_for(identity) is role


@pytest.mark.parametrize(
    ("role", "can_read", "can_edit", "needs_sign_in"),
    [
        (Role.EDITOR, True, True, False),
        (Role.VIEWER, True, False, False),
        (Role.REFUSED, False, False, False),
        (Role.SIGNED_OUT, False, False, True),
    ],
)
def test_what_each_role_may_do(role, can_read, can_edit, needs_sign_in) -> None:
    assert (role.can_read, role.can_edit, role.needs_sign_in) == (can_read, can_edit, needs_sign_in)


@pytest.mark.parametrize(
    ("claims", "identity"),
    [
        ({}, Identity(signed_in=False)),
        ({"email": "test@example.com"}, Identity(signed_in=False)),
        ({"is_logged_in": False, "email": "a@example.org"}, Identity(signed_in=False)),
        ({"is_logged_in": True, "email": "a@example.org"}, Identity(signed_in=True, email="a@example.org")),
        ({"is_logged_in": True, "email": "a@example.org", "email_verified": True}, signed_in("a@example.org")),
        ({"is_logged_in": True, "email": "a@example.org", "email_verified": False}, signed_in(None)),
        ({"is_logged_in": True, "name": "No Email"}, signed_in(None)),
        ({"is_logged_in": "true", "email": "a@example.org"}, Identity(signed_in=False)),
    ],
)
def test_identity_from_claims(claims, identity) -> None:
    assert Identity.from_claims(claims) == identity


def test_an_unverified_email_on_the_editor_list_only_reads() -> None:
    policy = AccessPolicy.from_secrets(AUTH, EDITORS)
    claims = {"is_logged_in": True, "email": "editor@example.org", "email_verified": False}
    assert policy.role_for(Identity.from_claims(claims)) is Role.VIEWER


@pytest.mark.parametrize(
    ("auth", "provider"),
    [
        (AUTH, None),
        ({"redirect_uri": "x", "cookie_secret": "y", "google": {"client_id": "g"}}, "google"),
    ],
)
def test_login_provider(auth, provider) -> None:
    assert AccessPolicy.from_secrets(auth, None).login_provider == provider


@pytest.mark.parametrize(
    ("auth", "flashpoint", "message"),
    [
        (AUTH, {"editors": "editor@example.org"}, "editors must be a list"),
        (AUTH, {"editors": ["editor@example.org", 7]}, "editors must hold only"),
        (AUTH, {"editors": [""]}, "editors must hold only"),
        (AUTH, {"viewers": "everyone"}, "viewers must be a list"),
        ({"redirect_uri": "x", "cookie_secret": "y"}, None, "found 0 provider tables"),
        ({"redirect_uri": "x", "google": {}, "microsoft": {}}, None, "found 2 provider tables"),
    ],
)
def test_a_bad_access_configuration_is_explained(auth, flashpoint, message) -> None:
    with pytest.raises(SettingsError, match=message):
        AccessPolicy.from_secrets(auth, flashpoint)
