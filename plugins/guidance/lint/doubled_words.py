"""TM005: a swap that doubles a word in an audience's version ("a child's child's support
group"). Each wording reads well alone; only the page around it shows the seam."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from guidance.engine import Occurrence, PreparedPage, Substitution
from guidance.lint.context import Check, LintContext, PageContext
from guidance.lint.rules import Finding

_WORD = r"[^\W_]+(?:['\u2019][^\W_]+)*"  # "child's", with either apostrophe
WORD = re.compile(_WORD)
LONGEST = 3  # words of a repeated phrase looked for on each side of a swap
# Up to LONGEST words with only spaces and emphasis between them: no stops, so 'support:
# support' and 'help. Help' are not doubled. Words read backwards match it too.
NEAREST = re.compile(
    r"[\s*_]*(" + _WORD + ")" + (r"(?:[\s*_]*(" + _WORD + "))?") * (LONGEST - 1))
NEXT_WORD = re.compile(r"[\s*_]*(" + _WORD + ")")
WINDOW = 80  # characters before a swap read first; more only when its words run past them
SPACING = re.compile(r"[\s*_]*")
FINE_TWICE = frozenset(("that", "had"))  # "he said that that was all"; "she had had enough"


class DoubledWords(Check):
    """TM005, for every audience checked other than the source."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        # the words each audience reads for a kind of occurrence: few kinds, many occurrences
        self._words: dict[tuple[object, ...], tuple[frozenset[str], ...]] = {}

    def page(self, page: PageContext) -> Iterator[Finding]:
        if not page.occurrences:
            return
        targets = self.context.targets
        near: list[set[int]] = [set() for _ in targets]
        for occurrence, around in _beside(page.text, page.occurrences):
            edges = self._edge_words(occurrence)
            if not around.neighbours and around.before not in edges[-1] and \
                    around.after not in edges[-1]:
                continue  # no audience's words for it can double what stands beside it
            neighbours = [self._edge_words(other) for other in around.neighbours]
            for index, words in enumerate(edges[:-1]):
                if around.before in words or around.after in words or any(
                        not words.isdisjoint(other[index]) for other in neighbours):
                    near[index].add(occurrence.start)
        for audience, starts in zip(targets, near, strict=True):
            if starts:
                yield from self._findings(page.page, audience, starts)

    def _edge_words(self, occurrence: Occurrence) -> tuple[frozenset[str], ...]:
        """For each audience checked, the first and last words (lower case) it reads for the
        occurrence, also with any possessive ending cut off: a superset of what can double;
        then all of them together. A quick look at these rules most terms out."""
        key = (occurrence.term, occurrence.form, occurrence.apostrophe, occurrence.case,
               bool(occurrence.article))
        edges = self._words.get(key)
        if edges is None:
            matcher = self.context.engine.matcher
            term = matcher.terms[occurrence.term]
            each = [_edges(_words_of(matcher.replacement(occurrence, term.wording(audience))))
                    for audience in self.context.targets]
            edges = self._words[key] = (*each, frozenset().union(*each))
        return edges

    def _findings(self, page: PreparedPage, audience: str,
                  near: set[int]) -> Iterator[Finding]:
        """The full look at the swaps the quick look kept, each read in its line as the
        audience reads it."""
        text = page.text
        lines: dict[int, tuple[int, int]] = {}  # the source lines that hold them
        for start in sorted(near):
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            lines.setdefault(line_start, (line_start, len(text) if line_end < 0 else line_end))
        engine = self.context.engine
        for line_start, line_end in lines.values():
            on_line = engine.substitutions(page, audience, line_start, line_end)
            if not any(substitution.start in near for substitution in on_line):
                continue
            rewritten, places = _rewritten_line(text, line_start, line_end, on_line)
            for substitution, (start, end) in zip(on_line, places, strict=True):
                if substitution.start not in near:
                    continue
                words = _words_of(substitution.replacement)
                doubled = words and (_repeated(_words_before(rewritten, start), words)
                                     or _repeated(words, _words_after(rewritten, end)))
                if doubled:
                    yield Finding(
                        page.path, substitution.line, substitution.column, "TM005",
                        f"for {audience} this reads '{doubled} {doubled}': "
                        f"'{substitution.original}' becomes '{substitution.replacement}' "
                        f"next to '{doubled}'; reword the sentence, or change the {audience} "
                        f"wording of '{substitution.term}'.",
                        match=substitution.original, replacement=substitution.replacement,
                        audience=audience)


def _edges(words: tuple[str, ...]) -> frozenset[str]:
    edges = {*words[:LONGEST], *words[-LONGEST:]}
    return frozenset(edges | {re.split("['\u2019]", word)[0] for word in edges})


class _Beside(NamedTuple):
    """What stands either side of a term in the source, whatever the audience."""

    before: str | None  # the nearest word, if only spaces or emphasis part it from the term
    after: str | None
    neighbours: tuple[Occurrence, ...]  # other terms that near: their words change too


def _beside(text: str, occurrences: Sequence[Occurrence]) -> list[tuple[Occurrence, _Beside]]:
    """For each occurrence (in text order), what stands beside it."""
    beside = []
    for index, occurrence in enumerate(occurrences):
        after = NEXT_WORD.match(text, occurrence.end)
        neighbours = []
        if index > 0 and _only_spacing(text, occurrences[index - 1].end, occurrence.start):
            neighbours.append(occurrences[index - 1])
        if index + 1 < len(occurrences) and _only_spacing(text, occurrence.end,
                                                          occurrences[index + 1].start):
            neighbours.append(occurrences[index + 1])
        beside.append((occurrence, _Beside(_word_before(text, occurrence.start),
                                           after.group(1).lower() if after else None,
                                           tuple(neighbours))))
    return beside


def _only_spacing(text: str, start: int, end: int) -> bool:
    return SPACING.fullmatch(text, start, max(start, end)) is not None


@lru_cache(maxsize=4096)
def _words_of(replacement: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in WORD.findall(replacement))


def _rewritten_line(text: str, start: int, end: int, on_line: list[Substitution]
                    ) -> tuple[str, list[tuple[int, int]]]:
    """A source line as the audience reads it (its swaps made, in order), and where each
    swap stands in it. A term that runs on to the next line takes the rest of it along."""
    pieces, places, position, length = [], [], start, 0
    for substitution in on_line:
        gap = text[position:substitution.start]
        pieces += [gap, substitution.replacement]
        length += len(gap)
        places.append((length, length + len(substitution.replacement)))
        length += len(substitution.replacement)
        position = substitution.end
    line_end = text.find("\n", max(position, end))
    pieces.append(text[position:len(text) if line_end < 0 else line_end])
    return "".join(pieces), places


def _words_after(line: str, offset: int) -> list[str]:
    """The first few words after the offset, lower-cased, up to the first punctuation."""
    match = NEAREST.match(line, offset)
    return [] if match is None else [word.lower() for word in match.groups() if word]


def _words_before(line: str, offset: int) -> list[str]:
    """The last few words before the offset, in reading order, lower-cased."""
    match = _reversed_match(NEAREST, line, offset)
    return [] if match is None else \
        [word[::-1].lower() for word in reversed(match.groups()) if word]


def _word_before(text: str, offset: int) -> str | None:
    match = _reversed_match(NEXT_WORD, text, offset)
    return None if match is None else match.group(1)[::-1].lower()


def _reversed_match(pattern: re.Pattern[str], text: str, offset: int) -> re.Match[str] | None:
    """The pattern matched backwards from the offset (words read backwards match the same
    patterns), on as little of the text as it needs."""
    window = WINDOW
    while True:
        piece = text[max(0, offset - window):offset][::-1]
        match = pattern.match(piece)
        if match is None or match.end() < len(piece) or window >= offset:
            return match
        window *= 4  # its words may run on past the window: read more


def _repeated(first: Sequence[str], second: Sequence[str]) -> str | None:
    """The longest phrase that ends `first` and starts `second`, if any."""
    for size in range(min(len(first), len(second), LONGEST), 0, -1):
        same = tuple(first[-size:]) == tuple(second[:size])
        if same and (size > 1 or first[-1] not in FINE_TWICE):
            return " ".join(first[-size:])
    return None
