"""Recognise the lines of a news page that are not the report: share buttons, captions, bylines, date and outlet."""

from __future__ import annotations

import re
from datetime import date

from flashpoint.dates import locate_date

MAX_LABEL_CHARS = 50
MAX_LABEL_WORDS = 6
MAX_DATE_LINE_CHARS = 100
MAX_BYLINE_CHARS = 80
MAX_TRAILER_CHARS = 300


def _alternatives(text: str) -> frozenset[str]:
    """The '|'-separated entries of a word list written across several lines."""
    return frozenset(" ".join(entry.split()) for entry in text.split("|"))


# Button and widget labels that news pages leave in copied text, compared lower-cased without punctuation.
WIDGET_LABELS = _alternatives(
    """share|save|share this|share this article|share this story|share this page|share article|share story
    |share on facebook|share on twitter|share on x|share on whatsapp|share on linkedin|share via email|facebook
    |twitter|whatsapp|linkedin|telegram|email|e-mail|print|copy link|link copied|listen|listen to this article
    |listen to article|advertisement|advertisements|sponsored|comments|comment|bookmark|save article|follow
    |subscribe|sign up|skip to content|skip to main content|loading|menu|close|watch|play|gallery|image|video
    |photo|expand|enlarge|zoom|top|back to top"""
)
# Headings of the list of other stories that closes many pages; everything after them is dropped.
RELATED_HEADINGS = _alternatives(
    """related|related topics|related articles|related stories|related content|related coverage|related news
    |more on this story|read more|see also|also read|read also|you may also like|you might also like|most read
    |most popular|recommended|trending|more stories|more from this section|latest news|more news"""
)
# Section names that a page prints beside the outlet; never an outlet themselves.
SECTION_NAMES = _alternatives(
    """news|world|world news|politics|middle east|business|opinion|analysis|national|international|breaking news
    |latest|latest news|us|uk|us news|uk news|europe|asia|africa|americas|sport|top stories|home|region
    |regional|security|defense|defence|conflict|war|live|live updates|exclusive|explainer|breaking|feature|features
    |interview|investigation|fact check|editorial|commentary|in depth|in pictures|special report|world affairs"""
)
# Words a date line may carry besides the date and time: "Published", "Updated on", time zones, weekdays.
DATE_LINE_WORDS = _alternatives(
    """published|posted|updated|last|modified|first|on|at|date|dated|created|edited|am|pm|a.m|p.m|gmt|utc|bst
    |cet|cest|est|edt|et|pt|pst|pdt|ist|ast|eet|eest|idt|irst|msk|local|time|hrs|h|and|original|publication|issued|by
    |monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun
    """
)
# Lower-case words allowed inside an outlet or section name ("Israel at War", "Voice of America").
NAME_SMALL_WORDS = frozenset("of at the and in on for de al el la le du des der a to by with from &".split())

_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif|svg)(?:\?\S*)?$", re.IGNORECASE)
_CAPTION = re.compile(
    r"^[(\[]?\s*(?:(?:cover|file|main|lead|top|archive|header|featured|representational|representative)\s+)?"
    r"(?:photo|image|picture|pic|photograph|illustration|video)s?(?:\s+(?:credit|caption|source|courtesy))?\s*[:,|]",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|file|image|pic|getty|afp|ap|reuters|epa|anadolu|xinhua)\b[^()]*)\)\s*$|"
    r"\b(?:getty images|ap photo|afp via|epa-efe)\b|(?:/|\bvia\s)(?:reuters|afp|ap|getty)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|written by|words by|author|reporter)\s*:?\s+\S", re.IGNORECASE)
_READING_TIME = re.compile(r"^(?:reading time:?\s*)?\d+\s*(?:min(?:ute)?s?)(?:\s*read)?$", re.IGNORECASE)
# Outlets written in lower case: "france24", "euronews.com".
_LOWER_CASE_OUTLET = re.compile(r"^[a-z][a-z-]*\d+[a-z]*$|^[a-z0-9-]+\.(?:com|net|org|news|tv|co\.uk|co\.il)$")
_TRAILER = re.compile(
    r"^(?:the views expressed\b|©|\(c\)\s|copyright\b|all rights reserved|(?:additional )?(?:reporting|writing|"
    r"editing) by\b|follow (?:us|[\w ]{1,40}) on\b|(?:read|see) (?:more|also)\b|(?:tags|topics|filed under)\s*:|"
    r"click here\b|sign up\b|subscribe\b|download (?:the|our) app)",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b\d{1,2}(?:[:h.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?!\w)|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)|[+-]\d{2}:?\d{2}\b"
    r"|\b(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\b|\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago\b",
    re.IGNORECASE,
)
# Pieces of a metadata line: "By Jane Doe | Reuters | January 5, 2024".
_SEGMENT_SEPARATOR = re.compile(r"\s[|·•/]\s|\s[-–—]\s")
_WORD = re.compile(r"[^\W_][\w.'’]*")
_UPDATE = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)


def plain(line: str) -> str:
    """A line lower-cased, without surrounding bullets, brackets and punctuation, for comparing with word lists."""
    return " ".join(line.lower().strip(" \t-–—|•·:>»«*#_[]().!…").split())


def is_widget(line: str) -> bool:
    """A share button, a bare link or an image file name: never part of the report."""
    return plain(line) in WIDGET_LABELS or bool(_URL.match(line) or _IMAGE_FILE.match(line))


def is_header_furniture(line: str) -> bool:
    """A line that, in the header, is a byline, caption, photo credit or reading time rather than the report."""
    if is_widget(line) or _CAPTION.match(line) or _READING_TIME.match(line):
        return True
    if _BYLINE.match(line) and len(line) <= MAX_BYLINE_CHARS and not line.endswith("."):
        return True
    return len(line) <= MAX_TRAILER_CHARS and bool(_PHOTO_CREDIT.search(line))


def is_trailer(line: str) -> bool:
    """A closing line: disclaimers, copyright, reporting credits, captions, calls to subscribe or read more."""
    if is_widget(line) or plain(line) in RELATED_HEADINGS:
        return True
    return len(line) <= MAX_TRAILER_CHARS and bool(_TRAILER.match(line) or _CAPTION.match(line))


def is_related_heading(line: str) -> bool:
    return plain(line) in RELATED_HEADINGS


def date_line(line: str) -> tuple[date, bool] | None:
    """The date of a line that holds only a date (with time, weekday, "Published"...), and whether it is an update."""
    if len(line) > MAX_DATE_LINE_CHARS or not any(character.isdigit() for character in line):
        return None
    for segment in _SEGMENT_SEPARATOR.split(line):
        located = locate_date(segment)
        if located is None:
            continue
        found, span = located
        rest = _TIME.sub(" ", f"{segment[: span.start]} {segment[span.end :]}")
        other_words = [word for word in _WORD.findall(rest) if word.lower().rstrip(".") not in DATE_LINE_WORDS]
        # One other word is allowed ("Reuters, 25 October 2023"), but not a sentence that merely contains a date.
        if len(other_words) > 1 or (other_words and segment.endswith(".")):
            return None
        return found, bool(_UPDATE.search(line[: line.find(segment)] + rest))
    return None


def is_name_label(line: str) -> bool:
    """A short capitalised line such as an outlet ("BBC News", "i24NEWS") or a section ("Israel at War")."""
    if len(line) > MAX_LABEL_CHARS or line[-1] in '.!?:;,"”':
        return False
    words = line.split()
    if len(words) > MAX_LABEL_WORDS:
        return False
    has_letter = False
    for word in words:
        core = word.strip("()[]'\"“”‘’")
        if not any(character.isalnum() for character in core) or core.lower() in NAME_SMALL_WORDS:
            continue
        if not (core[0].isupper() or core[0].isdigit() or not core.islower() or _LOWER_CASE_OUTLET.match(core)):
            return False
        has_letter = has_letter or any(character.isalpha() for character in core)
    return has_letter


def is_section_name(line: str) -> bool:
    return plain(line) in SECTION_NAMES
