"""The checks that run, and the `Checker` that runs them over the glossary and each page.

Adding a check: write a `Check` subclass (`context.py`) in the module of its family, or a new
module beside them, and add the class to `CHECKS`. The order of `CHECKS` is the order of the
findings before they are sorted.
"""

from __future__ import annotations

from collections.abc import Sequence

from guidance.engine import Glossary, PreparedPage
from guidance.lint.context import Check, LintContext, PageContext, PageFacts
from guidance.lint.core_messages import CorePage, core_messages_on_page
from guidance.lint.definitions import SelfDefinitions
from guidance.lint.doubled_words import DoubledWords
from guidance.lint.fit import ReadingAge, UnfitPhrases
from guidance.lint.plain_english import LongSentences, WordsToAvoid
from guidance.lint.regions import UnusedAudiences
from guidance.lint.rules import Finding
from guidance.lint.terms import Leaks, SpellingVariants, UnknownJargon, UnusedTerms
from guidance.lint.wordlists import Wordlists

CHECKS: tuple[type[Check], ...] = (
    UnknownJargon,  # TM001
    WordsToAvoid,  # PE001
    LongSentences,  # PE002
    SpellingVariants,  # TM002
    Leaks,  # TM003
    DoubledWords,  # TM005
    UnusedTerms,  # TM004
    UnusedAudiences,  # RG002
    UnfitPhrases,  # AF001
    ReadingAge,  # RD001
    SelfDefinitions,  # DF001
)


class Checker:
    """Every check, built once per lint run from the glossary and the word lists."""

    def __init__(self, glossary: Glossary, wordlists: Wordlists,
                 audiences: Sequence[str] | None = None) -> None:
        self.context = LintContext.build(glossary, wordlists, audiences)
        self.engine = self.context.engine
        self.checks = [check(self.context) for check in CHECKS]
        self._glossary_findings: list[Finding] | None = None

    def check_glossary(self) -> list[Finding]:
        """Worked out once: they depend on nothing but the glossary and the word lists, so a
        checker taken from the cache (`cache.py`) brings them along."""
        if self._glossary_findings is None:
            self._glossary_findings = [finding for check in self.checks
                                       for finding in check.glossary()]
        return list(self._glossary_findings)

    def check_page(self, page: PreparedPage, facts: PageFacts) -> tuple[list[Finding], CorePage]:
        """The page's findings, and its part in the core-message rules (which join pages)."""
        for region in page.regions:
            facts.named_audiences.update(region.audiences)
        for occurrence in page.occurrences:
            facts.used_terms.add(occurrence.term)
        context = PageContext(self.context, page, facts)
        findings = [finding for check in self.checks for finding in check.page(context)]
        return findings, core_messages_on_page(context)

    def check_project(self, facts: PageFacts) -> list[Finding]:
        return [finding for check in self.checks for finding in check.project(facts)]

    def finish(self) -> None:
        for check in self.checks:
            check.finish()
