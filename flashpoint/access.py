"""Who may do what in a deployment: a user's role from the sign-in state and the configured editor and viewer lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from flashpoint.errors import SettingsError

# Keys of the OIDC provider settings Streamlit reads straight from [auth]; any other table under [auth] is a
# named provider ([auth.google], say) that st.login must be given by name.
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class Role(StrEnum):
    """What the current user may do: edit (upload, correct, delete), read, or nothing until signed in."""

    EDITOR = "editor"
    VIEWER = "viewer"
    REFUSED = "refused"
    SIGNED_OUT = "signed_out"

    @property
    def needs_sign_in(self) -> bool:
        return self is Role.SIGNED_OUT

    @property
    def can_read(self) -> bool:
        return self in (Role.EDITOR, Role.VIEWER)

    @property
    def can_edit(self) -> bool:
        return self is Role.EDITOR


@dataclass(frozen=True)
class Identity:
    """The signed-in user as the identity provider describes them; `email` is None when it cannot be trusted."""

    signed_in: bool
    email: str | None = None

    @classmethod
    def from_claims(cls, claims: Mapping[str, object]) -> Identity:
        """Read `st.user`-style claims; an email the provider marks unverified counts as no email at all."""
        signed_in = claims.get("is_logged_in") is True
        email = claims.get("email")
        if not signed_in or not isinstance(email, str) or claims.get("email_verified") is False:
            return cls(signed_in=signed_in)
        return cls(signed_in=True, email=email)


@dataclass(frozen=True)
class AccessPolicy:
    """Sign-in required or not, who edits, and who may read (None: anyone who signs in)."""

    sign_in_required: bool = False
    editors: frozenset[str] = frozenset()
    viewers: frozenset[str] | None = None
    login_provider: str | None = None

    @classmethod
    def from_secrets(cls, auth: Mapping[str, object] | None, flashpoint: Mapping[str, object] | None) -> AccessPolicy:
        """The policy the `[auth]` and `[flashpoint]` sections of secrets.toml describe.

        Without an `[auth]` section the app is a local single-user tool and the lists are not consulted.
        Raises SettingsError for a list that is not a list of strings, or an ambiguous provider setup.
        """
        if not auth:
            return cls()
        section = flashpoint or {}
        viewers = section.get("viewers")
        return cls(
            sign_in_required=True,
            editors=_address_list(section.get("editors", []), "editors"),
            viewers=None if viewers is None else _address_list(viewers, "viewers"),
            login_provider=_login_provider(auth),
        )

    def role_for(self, identity: Identity) -> Role:
        """The role this policy gives the identity; every user is an editor when sign-in is not required."""
        if not self.sign_in_required:
            return Role.EDITOR
        if not identity.signed_in:
            return Role.SIGNED_OUT
        if identity.email is not None and _listed(identity.email, self.editors):
            return Role.EDITOR
        if self.viewers is None or (identity.email is not None and _listed(identity.email, self.viewers)):
            return Role.VIEWER
        return Role.REFUSED


def _address_list(value: object, name: str) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise SettingsError(f'[flashpoint] {name} must be a list of email addresses, like ["someone@example.org"]')
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise SettingsError(f"[flashpoint] {name} must hold only non-empty email addresses or @domains")
    return frozenset(item.strip().lower() for item in value)


def _listed(email: str, entries: frozenset[str]) -> bool:
    """An exact address, or a whole domain written as '@example.org' (case does not matter in either)."""
    address = email.strip().lower()
    domain = "@" + address.rpartition("@")[2] if "@" in address else None
    return address in entries or (domain is not None and domain in entries)


def _login_provider(auth: Mapping[str, object]) -> str | None:
    """None when [auth] itself names the provider, else the one named provider table under it."""
    if any(key in auth for key in PROVIDER_KEYS):
        return None
    named = [key for key, value in auth.items() if isinstance(value, Mapping)]
    if len(named) != 1:
        raise SettingsError(
            "[auth] must hold client_id, client_secret and server_metadata_url, or exactly one provider table "
            f"such as [auth.google]; found {len(named)} provider tables"
        )
    return named[0]
