"""The word lists the linter checks against: jargon, GOV.UK words to avoid, core messages.

The jargon and plain-English lists ship with the package as data; a project adds jargon in
`glossary/jargon.yml`, lists its core messages in `glossary/core-messages.yml`, the phrases
that must not reach some audiences in `glossary/audience-fit.yml`, and its reading-age limit in
`glossary/reading-age.yml`. Mistakes in these files are reported like any glossary mistake:
file, line, column and what to do. This module holds what the lists are; `wordlist_files.py`
reads them, imported only by `load_wordlists` (a lint whose checks come from its cache never
imports the YAML library).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PROJECT_JARGON = "jargon.yml"
CORE_MESSAGES = "core-messages.yml"
AUDIENCE_FIT = "audience-fit.yml"
READING_AGE = "reading-age.yml"


@dataclass(frozen=True)
class Jargon:
    phrase: str
    forms: tuple[str, ...]
    means: str
    path: str
    line: int


@dataclass(frozen=True)
class WordToAvoid:
    words: tuple[str, ...]
    use: str
    unless: str


@dataclass(frozen=True)
class Audiences:
    """Who an entry is for: the listed ids, or everyone but them."""

    ids: frozenset[str] = frozenset()
    negated: bool = True  # the default, `not` nobody: every audience

    def include(self, audience: str) -> bool:
        return (audience in self.ids) != self.negated


EVERYONE = Audiences()


@dataclass(frozen=True)
class CoreMessage:
    id: str
    message: str
    pattern: re.Pattern[str]
    path: str
    line: int
    audiences: Audiences = EVERYONE
    # Text any match contains (lower case), one per alternative of the pattern; empty if unknown.
    needs: tuple[str, ...] = ()

    def found_in(self, text: str, lowered: str | None) -> bool:
        """Whether the pattern matches `text`; `lowered` (text.lower(), or None) lets most
        texts be ruled out by a substring test, far cheaper than the search."""
        if lowered is not None and self.needs and not any(need in lowered for need in self.needs):
            return False
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class UnfitPhrase:
    """A phrase that must not reach some audiences' pages, and why."""

    phrase: str
    pattern: re.Pattern[str]
    audiences: Audiences
    why: str
    path: str
    line: int
    needs: str = ""  # a word any match contains (lower case): most pages lack it

    def may_be_in(self, lowered: str | None) -> bool:
        """False when `lowered` (lowered_for_search of the text) rules the phrase out."""
        return lowered is None or self.needs in lowered


@dataclass(frozen=True)
class ReadingAgeLimits:
    limit: int | None  # None: the project sets no limit, and nothing is measured
    pages: dict[str, int]  # a page (path under docs/) with a limit of its own
    path: str | None
    line: int

    def for_page(self, page: str) -> int | None:
        for name, limit in self.pages.items():
            if page == name or page.endswith("/" + name):
                return limit
        return self.limit


NO_READING_AGE = ReadingAgeLimits(None, {}, None, 0)



# Characters that IGNORECASE matches to an ASCII letter although lower() makes them something
# else: where they occur, only the search can say.
CASE_FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


def lowered_for_search(text: str) -> str | None:
    """text.lower() for CoreMessage.found_in, or None where a substring test could be wrong."""
    return None if any(char in text for char in CASE_FOLD_EXCEPTIONS) else text.lower()


def required_text(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """For each top-level alternative, its longest run of ASCII literal characters (lower
    case, 3 or more), which every match of that alternative contains; () if any alternative
    has none, or the pattern cannot be read."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (ImportError, AttributeError, re.error):
        return ()
    items = list(parsed.data)
    branch = len(items) == 1 and items[0][0] == _parser.BRANCH
    alternatives = items[0][1][1] if branch else [items]
    needs = []
    for alternative in alternatives:
        runs, run = [], ""
        for op, value in alternative:
            if op == _parser.LITERAL and value < 128:
                run += chr(value)
            else:
                runs.append(run)
                run = ""
        longest = max((*runs, run), key=len)
        if len(longest) < 3:
            return ()
        needs.append(longest.lower())
    return tuple(needs)


@dataclass(frozen=True)
class Wordlists:
    jargon: tuple[Jargon, ...]
    words_to_avoid: tuple[WordToAvoid, ...]
    core_messages: tuple[CoreMessage, ...]
    core_messages_path: str | None
    unfit: tuple[UnfitPhrase, ...] = ()
    reading_age: ReadingAgeLimits = NO_READING_AGE


def load_wordlists(
    glossary_dir: Path, audience_ids: tuple[str, ...] = (), *, builtin_jargon: bool = True
) -> Wordlists:
    """The shipped lists plus the project's own; raises GuidanceErrors for every mistake.
    `audience_ids` are the ids entries may name; `builtin_jargon`: the shipped local-authority
    jargon too (for safeguarding guidance)."""
    from guidance.lint.wordlist_files import read_wordlists

    return read_wordlists(glossary_dir, audience_ids, builtin_jargon=builtin_jargon)
