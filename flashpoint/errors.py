"""The few exceptions that callers of the core library may catch."""

from __future__ import annotations


class FlashpointError(Exception):
    """Base class for every error Flashpoint reports to a user."""


class ArticleReadError(FlashpointError):
    """A file could not be read as an article; the message names the file and the reason."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


class GazetteerError(FlashpointError):
    """The place index is missing or unreadable."""


class SettingsError(FlashpointError):
    """A setting from the environment has a value Flashpoint cannot use."""


class ActorDictionaryError(FlashpointError):
    """The actor dictionary file is missing or malformed; the message names the file and the problem."""


class StoreError(FlashpointError):
    """The database cannot be used as asked: unreachable, an unknown schema version, or a failed write."""


class ReviewError(FlashpointError):
    """An analyst's correction cannot be made: an unknown kind, a malformed value, or a target the article lacks."""
