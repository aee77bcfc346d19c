"""Find the amounts a text states (digits, number words, dozens, vague amounts) with their qualifiers and spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import ahocorasick

UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Amounts with no exact value: kept as the qualifier of a figure whose value is None, never guessed.
VAGUE_AMOUNTS = (
    "tens of thousands",
    "hundreds of thousands",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
)

# Canonical qualifiers, longest first so "no fewer than" wins over shorter overlaps.
QUALIFIERS = (
    "no fewer than", "not fewer than", "no less than", "not less than", "no more than", "an estimated",
    "as many as", "upwards of", "more than", "fewer than", "less than", "at least", "at most", "just over",
    "just under", "well over", "in excess of", "just below", "close to", "up to", "nearly", "almost", "about",
    "approximately", "around", "roughly", "some", "over", "under", "below", "estimated",
)  # fmt: skip

_UNIT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
_BELOW_HUNDRED = rf"(?:(?:{_TENS})(?:[- ](?:{_UNIT}))?|{_UNIT})"
_HUNDREDS = rf"(?:(?:a|{_UNIT})\s+hundred(?:\s+(?:and\s+)?{_BELOW_HUNDRED})?)"
_THOUSANDS = rf"(?:(?:a|{_HUNDREDS}|{_BELOW_HUNDRED})\s+thousand(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_BELOW_HUNDRED}))?)"
_DOZENS = r"(?:(?:a|one|two|three|four|five|six|half\s+a)\s+dozen)"
_WORD_NUMBER = rf"(?:{_THOUSANDS}|{_HUNDREDS}|{_DOZENS}|{_BELOW_HUNDRED})"
_QUALIFIER = "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS)
_VAGUE = "|".join(v.replace(" ", r"\s+") for v in VAGUE_AMOUNTS)

_NUMBER = re.compile(
    r"(?P<digits>(?<![\w$€£¥#+/:.,\-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?:\s+(?P<scale>thousand|million|billion)\b)?"
    rf"|(?P<vague>\b(?:{_VAGUE})\b)"
    rf"|(?P<words>\b{_WORD_NUMBER}\b)",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE = re.compile(rf"(?:\b(?P<qualifier>{_QUALIFIER})|\ba\s+total\s+of)\s+$", re.IGNORECASE)
_FIRST_WORDS = frozenset(
    [*UNIT_WORDS, *TENS_WORDS, "a", "half", "dozens", "scores", "hundreds", "thousands", "millions", "tens"]
)
# Finding the places where an amount can start, in lower-cased text, and trying the number pattern only there is
# several times faster than letting its large alternation try every character. An amount starts at a run of digits,
# at a first word that is a whole run of letters, or at "a" before "dozen", "hundred" or "thousand"; the first words
# are found by an Aho-Corasick automaton, which beats a pattern with a look-behind trying every character.
_DIGIT_RUN = re.compile(r"[0-9]+")
_A_BEFORE_SCALE = re.compile(r"a(?=\s+(?:dozen|hundred|thousand))")
_SCALE_STEMS = ("dozen", "hundred", "thousand")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _word_automaton(words: frozenset[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


_FIRST_WORD_AUTOMATON = _word_automaton(_FIRST_WORDS - {"a"})

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
# What may follow a number that is a measure, a date, a time, an age or a label rather than a count.
_NOT_A_COUNT_AFTER = re.compile(
    r"(?:\s*%|\s*per\s*cent\b|\s*percent\b|:\d|h\d|[A-Za-z]|-[A-Za-z]|\s*-?\s*years?[- ]old\b"
    r"|\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|nights?"
    r"|km|kilomet(?:er|re)s?|miles?|nautical|met(?:er|re)s?|feet|ft|kg|kilograms?|tons?|tonnes?|mm"
    r"|dollars?|euros?|pounds|shekels|rials?|dinars?|a\.m\.|p\.m\.|am|pm|gmt|utc|o'clock|local\s+time)\b"
    rf"|\s+(?:of\s+)?{_MONTH}\b|\s*\d)",
    re.IGNORECASE,
)
# Words right before a number that make it a date, an age or a label ("Oct. 7", "aged 19", "Tower 22", "no one").
_LABEL_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec aged age ages no nos number resolution tower flight route highway road article "
    "section chapter camp gate building block unit brigade division battalion fleet squadron group room ward level "
    "phase page platform terminal station base outpost checkpoint model type channel kilometer kilometre sector "
    "area zone point hill code line street".split()
)
# The last word of every qualifier: a cheap test before the qualifier pattern runs.
_QUALIFIER_LAST_WORDS = frozenset(qualifier.split()[-1] for qualifier in QUALIFIERS) | {"of"}
_LOOK_BEHIND = 24
# Larger amounts are identifiers, phone numbers or money, never a count of people or attacks.
LARGEST_COUNT = 100_000_000
MAX_COUNT_DIGITS = len(str(LARGEST_COUNT)) + 3


@dataclass(frozen=True)
class NumberMention:
    """An amount stated in a text: its value (None when vague), its qualifier, and where it sits."""

    start: int
    end: int
    value: int | None
    qualifier: str | None
    phrase_start: int


def parse_number_words(words: str) -> int | None:
    """The value of an English number phrase ("forty-five", "two hundred and six", "half a dozen"); None if not one."""
    tokens = re.split(r"[\s-]+", words.lower().strip())
    if tokens[:3] == ["half", "a", "dozen"]:
        return 6
    total = 0
    current = 0
    seen = False
    for token in tokens:
        if token == "and":
            continue
        if token == "a":
            current = 1
        elif token in UNIT_WORDS:
            current += UNIT_WORDS[token]
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALE_WORDS:
            total += max(current, 1) * SCALE_WORDS[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _digits_value(digits: str, scale: str | None) -> int:
    plain = digits.replace(",", "")
    if len(plain) > MAX_COUNT_DIGITS:
        # Longer than any count; also keeps int() clear of Python's limit on huge digit strings.
        return LARGEST_COUNT + 1
    if scale is None and plain.isdigit():
        return int(plain)
    amount = float(plain)
    if scale:
        amount *= SCALE_WORDS[scale.lower()]
    return round(amount)


def _is_year(digits: str, scale: str | None) -> bool:
    # Wire reports write counts of a thousand or more with a comma; a bare 19xx/20xx is a year.
    return scale is None and len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099


def _lowered(text: str, start: int, end: int) -> str:
    lowered = text[start:end].lower()
    if len(lowered) == end - start:
        return lowered
    # A few characters grow when lower-cased ("İ"); lower only ASCII letters so offsets stay put.
    return re.sub(r"[A-Z]+", lambda letters: letters.group().lower(), text[start:end])


def amount_starts(text: str) -> list[int] | None:
    """Offsets where an amount may start, over the whole text at once; None when lower-casing would shift offsets.

    One pass over an article is much cheaper than one per sentence; `find_numbers` takes the offsets back through
    `starts`, and only for ranges bounded by white space, where a pass over the range alone finds the same ones.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    return _start_offsets(lowered)


def find_numbers(
    text: str, start: int = 0, end: int | None = None, starts: list[int] | None = None
) -> list[NumberMention]:
    """Every amount in text[start:end] that could be a count: dates, times, ages, years and measures are skipped.

    `starts`, when given, is what `amount_starts(text)` returned, and saves scanning the range again.
    """
    end = len(text) if end is None else end
    mentions: list[NumberMention] = []
    covered = start
    for candidate_start in _candidate_starts(text, start, end, starts):
        if candidate_start < covered:
            continue
        match = _NUMBER.match(text, candidate_start, end)
        if match is None:
            continue
        covered = match.end()
        mention = _mention(text, match, start, end)
        if mention is not None:
            mentions.append(mention)
    return mentions


def bounded_by_space(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has white space (or the text's edge) on both sides, so no word runs across."""
    return (start == 0 or text[start - 1].isspace()) and (end >= len(text) or text[end].isspace())


def _candidate_starts(text: str, start: int, end: int, starts: list[int] | None) -> list[int]:
    if starts is not None and bounded_by_space(text, start, end):
        # No digit run or word crosses white space, so the whole-text pass saw exactly the range's own candidates
        # (an extra "a" whose "hundred" lies past the range fails the bounded number match below just the same).
        return starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    return [start + offset for offset in _start_offsets(_lowered(text, start, end))]


def _start_offsets(lowered: str) -> list[int]:
    """Offsets in lower-cased text where an amount may start, ascending."""
    offsets = [run.start() for run in _DIGIT_RUN.finditer(lowered)]
    size = len(lowered)
    for last, length in _FIRST_WORD_AUTOMATON.iter(lowered):
        first = last - length + 1
        # The word must be the whole run of letters: not "one" in "someone", nor "ten" in "often".
        if (first == 0 or lowered[first - 1] not in _LETTERS) and (
            last + 1 == size or lowered[last + 1] not in _LETTERS
        ):
            offsets.append(first)
    if any(stem in lowered for stem in _SCALE_STEMS):
        for article in _A_BEFORE_SCALE.finditer(lowered):
            if article.start() == 0 or lowered[article.start() - 1] not in _LETTERS:
                offsets.append(article.start())
    offsets.sort()
    return offsets


def _last_word(head: str) -> str:
    """The word that ends `head` (after any spaces and one full stop), lower-cased; "" when punctuation ends it."""
    stripped = head.rstrip()
    word_end = len(stripped) - 1 if stripped.endswith(".") else len(stripped)
    word_start = word_end
    while word_start > 0 and stripped[word_start - 1].isalpha():
        word_start -= 1
    return stripped[word_start:word_end].lower()


def _is_label_before(head: str) -> bool:
    # Scanning the few characters by hand is far faster than a case-insensitive pattern anchored at the end.
    stripped = head.rstrip()
    if not stripped:
        return False
    if stripped[-1].isdigit():
        return True
    # A hyphen joined to the word before makes a range or a label ("10-12", "F-16"); a spaced one is a dash.
    if stripped[-1] == "-":
        return len(stripped) > 1 and not stripped[-2].isspace()
    return len(stripped) < len(head) and _last_word(head) in _LABEL_WORDS


def _mention(text: str, match: re.Match[str], start: int, end: int) -> NumberMention | None:
    number_start, number_end = match.span()
    if _NOT_A_COUNT_AFTER.match(text, number_end, end):
        return None
    head = text[max(start, number_start - _LOOK_BEHIND) : number_start]
    if _is_label_before(head):
        return None
    qualifier_match = _QUALIFIER_BEFORE.search(head) if _last_word(head) in _QUALIFIER_LAST_WORDS else None
    phrase_start = number_start - len(qualifier_match.group()) if qualifier_match else number_start
    qualifier = qualifier_match.group("qualifier") if qualifier_match else None
    qualifier = " ".join(qualifier.lower().split()) if qualifier else None
    digits = match.group("digits")
    vague = match.group("vague")
    if digits is not None:
        if _is_year(digits, match.group("scale")):
            return None
        value: int | None = _digits_value(digits, match.group("scale"))
        if value > LARGEST_COUNT:
            return None
    elif vague is not None:
        value = None
        qualifier = qualifier or " ".join(vague.lower().split())
    else:
        value = parse_number_words(match.group("words"))
        if value is None:
            return None
    return NumberMention(number_start, number_end, value, qualifier, phrase_start)
