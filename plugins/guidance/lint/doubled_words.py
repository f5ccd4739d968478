"""TM005: a swap that doubles a word in an audience's version ("a child's child's support
group"). Each wording reads well alone; only the page around it shows the seam."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from guidance.engine import PreparedPage, Rewrite, Substitution
from guidance.lint.context import Check, PageContext
from guidance.lint.rules import Finding

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")  # "child's", with either apostrophe
RUN = re.compile(r"[\s*_]*(?:[^\W_]+(?:['\u2019][^\W_]+)*[\s*_]*)*")  # words, no stops
FINE_TWICE = frozenset(("that", "had"))  # "he said that that was all"; "she had had enough"
LONGEST = 3  # words of a repeated phrase looked for on each side of a swap


class DoubledWords(Check):
    """TM005, for every audience checked other than the source."""

    def page(self, page: PageContext) -> Iterator[Finding]:
        if page.occurrences:
            yield from doubled_words(page.page, self.context.targets, page.rewrite)


def doubled_words(page: PreparedPage, audiences: Sequence[str],
                  rewrite: Callable[[str], Rewrite]) -> Iterator[Finding]:
    """For each audience, every swap whose first or last words repeat the words beside it.
    `rewrite` gives an audience's version of the page (the checks share them)."""
    text = page.text
    for audience in audiences:
        by_line: dict[int, list[Substitution]] = {}
        for substitution in rewrite(audience).substitutions:
            by_line.setdefault(substitution.line, []).append(substitution)
        for line, substitutions in by_line.items():
            line_start, line_end = _line_span(text, substitutions[0].start)
            for substitution in substitutions:
                before = _rewritten(text, line_start, substitution.start, substitutions)
                after = _rewritten(text, substitution.end, line_end, substitutions)
                words = [w.lower() for w in WORD.findall(substitution.replacement)]
                # read backwards from the swap: the words nearest to it
                left = [word[::-1] for word in _words(before[::-1])][::-1]
                right = _words(after)
                doubled = _repeated(left, words) or _repeated(words, right)
                if doubled:
                    yield Finding(
                        page.path, line, substitution.column, "TM005",
                        f"for {audience} this reads '{doubled} {doubled}': "
                        f"'{substitution.original}' becomes '{substitution.replacement}' next "
                        f"to '{doubled}'; reword the sentence, or change the {audience} "
                        f"wording of '{substitution.term}'.",
                        match=substitution.original, replacement=substitution.replacement,
                        audience=audience)


def _words(text: str) -> list[str]:
    """The first few words of the text, up to the first punctuation: 'support: support' and
    'help. Help' are not doubled."""
    run = RUN.match(text)
    return [word.lower() for word in WORD.findall(run.group() if run else "")][:LONGEST]


def _line_span(text: str, offset: int) -> tuple[int, int]:
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def _rewritten(text: str, start: int, end: int, substitutions: list[Substitution]) -> str:
    """The source between two offsets with this audience's swaps in it."""
    pieces, position = [], start
    for substitution in substitutions:
        if start <= substitution.start and substitution.end <= end:
            pieces += [text[position:substitution.start], substitution.replacement]
            position = substitution.end
    return "".join([*pieces, text[position:end]])


def _repeated(first: list[str], second: list[str]) -> str | None:
    """The longest phrase that ends `first` and starts `second`, if any."""
    for size in range(min(len(first), len(second), LONGEST), 0, -1):
        if first[-size:] == second[:size] and (size > 1 or first[-1] not in FINE_TWICE):
            return " ".join(first[-size:])
    return None
