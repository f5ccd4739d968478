"""Reading a page's prose as words, once, and finding phrases among them.

Every page check works on these tokens rather than scanning the text again: the words of the
engine's prose spans (which already leave out code, URLs, HTML and verbatim regions), where
each one is, and how it joins the one before (a space, a hyphen, punctuation, a new sentence).
Phrases are looked up by their first word, so hundreds of phrases cost no more than a few.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from sys import intern
from typing import Generic, NamedTuple, TypeVar

WORD = re.compile(r"[^\W_]+")
WORDS_AND_GAPS = re.compile(r"([^\W_]+)")  # split() keeps the words

# How a token is joined to the one before it.
JOIN = 0  # white space (a line break too, or a block quote's '>'): phrases continue
GLUE = 1  # an apostrophe or hyphen inside a word: phrases continue, the word count does not
BREAK = 2  # punctuation or a construct that is not prose: phrases stop, the sentence goes on
SENTENCE = 3  # a new sentence or block
GLUE_GAPS = frozenset(("'", "\u2019", "-", "\u2010", "\u2011"))
SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]*_]*(?:\s|$)")
BLOCK_MARKER = re.compile(r"[ \t>]*(?:[-+*]|\d{1,9}[.)]|#{1,6}|\||[!?=]{3})(?:\s|$)")
ABBREVIATIONS = frozenset(("e", "g", "i", "eg", "ie", "etc", "mr", "mrs", "ms", "dr", "no", "vs",
                           "st", "cf"))
FEW_WORDS = 8  # looked for one by one in a page's words; more are found in one pass
EMPHASIS = str.maketrans("", "", "*_~ \t\r")

T = TypeVar("T")


@dataclass
class Tokens:
    """The words of a page's prose, with where they are and how they join. Kept compact (a
    10 MB page has more than a million words): offsets in arrays, one byte per gap, and each
    distinct lower-case word stored once."""

    text: str = ""
    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))
    lowers: list[str] = field(default_factory=list)
    gaps: bytearray = field(default_factory=bytearray)

    _vocabulary: set[str] | None = field(default=None, repr=False)

    def word(self, index: int) -> str:
        """A word as written."""
        return self.text[self.starts[index]:self.ends[index]]

    def positions(self, words: Iterable[str]) -> list[int]:
        """Where any of the (lower-case) words stand, in order. A page often holds only a few
        of the words a phrase list starts with: each of those is looked for at C speed."""
        if self._vocabulary is None:
            self._vocabulary = set(self.lowers)
        lowers = self.lowers
        wanted = self._vocabulary.intersection(words)
        if len(wanted) > FEW_WORDS:  # one pass costs less than a search for each
            return [index for index, word in enumerate(lowers) if word in wanted]
        found = []
        for word in wanted:
            index = lowers.index(word)
            while True:
                found.append(index)
                try:
                    index = lowers.index(word, index + 1)
                except ValueError:
                    break
        return sorted(found)


def _gap_kind(gap: str) -> int:
    if gap in GLUE_GAPS:
        return GLUE
    if "\n" in gap:
        lines = gap.split("\n")
        blank_line = any(not line.strip(" \t>\r") for line in lines[1:-1])
        if blank_line or (lines[-1].strip(" \t>") and BLOCK_MARKER.match(lines[-1] + " ")):
            return SENTENCE
        gap = gap.replace(">", "")
    core = gap.translate(EMPHASIS).replace("\n", "")
    if not core:
        return JOIN
    if "|" in core or SENTENCE_END.search(gap):
        return SENTENCE
    return BREAK


class _GapKinds(dict[str, int]):
    """The kind of each distinct gap, worked out once: most gaps are a single space."""

    def __missing__(self, gap: str) -> int:
        kind = self[gap] = _gap_kind(gap)
        return kind


def tokenize(text: str, prose: Iterable[tuple[int, int]]) -> Tokens:
    """Splits each prose span into words and the gaps between them with one regular-expression
    call, so the per-word work stays in C."""
    tokens = Tokens(text)
    kinds = _GapKinds()
    previous_end = -1
    for span_start, span_end in prose:
        parts = WORDS_AND_GAPS.split(text[span_start:span_end])
        if len(parts) < 2:
            continue
        offsets = list(accumulate(map(len, parts), initial=span_start))
        starts = offsets[1:-1:2]
        # The first word's gap reaches back over whatever is not prose before it.
        first = SENTENCE if previous_end < 0 else \
            max(kinds[text[previous_end:starts[0]]], BREAK)
        tokens.starts.extend(starts)
        tokens.ends.extend(offsets[2:-1:2])
        tokens.lowers += map(intern, map(str.lower, parts[1::2]))
        tokens.gaps.append(first)
        tokens.gaps.extend(map(kinds.__getitem__, parts[2:-1:2]))
        previous_end = offsets[-2]
    lowers, gaps = tokens.lowers, tokens.gaps
    for index in [i for i, kind in enumerate(gaps) if kind == SENTENCE and i]:
        if lowers[index - 1] in ABBREVIATIONS and \
                text[tokens.ends[index - 1]:tokens.starts[index]].startswith("."):
            gaps[index] = BREAK
    return tokens


class PhraseMatch(NamedTuple, Generic[T]):
    first: int  # token indices, end exclusive
    last: int
    value: T


class PhraseIndex(Generic[T]):
    """Phrases looked up by their first word; the longest match wins and matches never overlap."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], bool, T]]] = {}

    def add(self, phrase: str, value: T, case_sensitive: bool = False) -> None:
        words = tuple(WORD.findall(phrase))
        if not words:
            return
        key = tuple(words) if case_sensitive else tuple(word.lower() for word in words)
        entries = self._by_first.setdefault(key[0].lower(), [])
        if any(existing == key and sensitive == case_sensitive
               for existing, sensitive, _ in entries):
            return
        entries.append((key, case_sensitive, value))
        entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, tokens: Tokens, skip: set[int] | None = None) -> Iterator[PhraseMatch[T]]:
        """Matches in the tokens; none starts at a token in `skip`."""
        lowers, gaps = tokens.lowers, tokens.gaps
        by_first = self._by_first
        count = len(lowers)
        taken = 0  # matches never overlap: the next may start only after the last one ends
        for index in tokens.positions(by_first):
            if index < taken or (skip and index in skip):
                continue
            for words, sensitive, value in by_first[lowers[index]]:
                size = len(words)
                if size > 1:  # (most phrases are one word, and their first word matched)
                    end = index + size
                    if end > count or (not sensitive and (
                            lowers[index + 1] != words[1] or
                            (size > 2 and tuple(lowers[index + 2:end]) != words[2:]))) or \
                            max(gaps[index + 1:end]) > GLUE:
                        continue  # other words, or a gap no phrase spans
                if sensitive:
                    written = _Written(tokens)
                    if any(written[index + k] != words[k] for k in range(size)):
                        continue
                yield PhraseMatch(index, index + size, value)
                taken = index + size
                break


class _Written:
    """The words as written, read from the text only where a phrase is case-sensitive."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens

    def __getitem__(self, index: int) -> str:
        return self.tokens.word(index)


def phrase_key(words: str) -> str:
    """How phrases compare: lower case, one space, one kind of apostrophe."""
    return " ".join(words.lower().replace("\u2019", "'").split())


def is_acronym(phrase: str) -> bool:
    """An entry in capitals matches only in capitals (`LADO`, not `lado`)."""
    letters = [char for char in phrase if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters[:2])
