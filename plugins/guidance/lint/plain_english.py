"""The plain-English checks: GOV.UK's words to avoid (PE001) and long sentences (PE002)."""

from __future__ import annotations

from collections.abc import Iterator

from guidance.lint.context import Check, LintContext, PageContext
from guidance.lint.rules import Finding
from guidance.lint.tokens import GLUE, SENTENCE, PhraseIndex

LONG_SENTENCE = 25


class WordsToAvoid(Check):
    """PE001: a word from the list; glossary terms are left alone, their wording is chosen
    per audience."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self.avoid: PhraseIndex[tuple[str, str]] = PhraseIndex()
        for item in context.wordlists.words_to_avoid:
            for word in item.words:
                self.avoid.add(word, (item.use, item.unless))

    def page(self, page: PageContext) -> Iterator[Finding]:
        for match in self.avoid.find(page.tokens):
            start, end = page.span(match)
            if page.covering(start, end, whole=False):
                continue  # a glossary term: its wording is chosen per audience
            use, unless = match.value
            found = page.text[start:end]
            note = f" (fine if {unless})" if unless else ""
            yield page.finding(
                start, end, "PE001",
                f"'{found}' is on GOV.UK's words to avoid; use {use} instead{note}.",
                match=found, replacement=use)


class LongSentences(Check):
    """PE002: more than LONG_SENTENCE words between sentence ends; hyphenated and
    apostrophised words count once."""

    def page(self, page: PageContext) -> Iterator[Finding]:
        tokens = page.tokens
        gaps = tokens.gaps
        ends = [i for i, kind in enumerate(gaps) if kind == SENTENCE and i]
        for first, last in zip([0, *ends], [*ends, len(gaps)], strict=True):
            if last - first <= LONG_SENTENCE:
                continue  # fewer tokens than the limit: fewer words too
            words = last - first - gaps[first + 1:last].count(GLUE)
            if words > LONG_SENTENCE:
                yield page.finding(tokens.starts[first], tokens.ends[last - 1], "PE002",
                                   f"this sentence has {words} words; split it or cut it to "
                                   f"{LONG_SENTENCE} or fewer.")
