"""Audience fit: each audience's version of a page read as its reader reads it. Phrases that
must not reach some readers (AF001, `glossary/audience-fit.yml`) and pages whose reading age is
above the project's limit (RD001, `glossary/reading-age.yml`)."""

from __future__ import annotations

from collections.abc import Iterator

from guidance.lint.audience_text import AudienceText
from guidance.lint.context import Check, LintContext, PageContext
from guidance.lint.readability import Syllables, default_cache, prose_pieces, reading_age
from guidance.lint.rules import Finding
from guidance.lint.wordlists import lowered_for_search


def versions(page: PageContext) -> Iterator[AudienceText]:
    for audience in page.context.audiences:
        yield page.version(audience)


class UnfitPhrases(Check):
    """AF001: one finding per phrase and place in the source, naming every audience it
    reaches."""

    def page(self, page: PageContext) -> list[Finding]:
        phrases = self.context.wordlists.unfit
        if not phrases:
            return []
        reached: dict[tuple[int, int], tuple[str, list[str]]] = {}
        for version in versions(page):
            lowered = lowered_for_search(version.text)
            for index, unfit in enumerate(phrases):
                if not unfit.audiences.include(version.audience) or \
                        not unfit.may_be_in(lowered):
                    continue
                for start, end in version.prose:
                    for match in unfit.pattern.finditer(version.text, start, end):
                        key = (version.source_offset(match.start()), index)
                        reached.setdefault(key, (match.group(), []))[1].append(version.audience)
        findings = []
        for (offset, index), (found, audiences) in sorted(reached.items()):
            unfit = phrases[index]
            line, column = page.page.line_col(offset)
            findings.append(Finding(
                page.page.path, line, column, "AF001",
                f"'{found}' reaches the {_names(audiences)} version of this page: {unfit.why} "
                f"Reword it, or give {_names(audiences)} their own wording in an audience "
                f"region.", match=found, audience=audiences[0] if len(audiences) == 1 else None))
        return findings


class ReadingAge(Check):
    """RD001: each audience's version of a page against the reading-age limit. Syllable counts
    are shared by every page of the run and kept between runs (readability.default_cache)."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._syllables: Syllables | None = None

    @property
    def syllables(self) -> Syllables:
        if self._syllables is None:
            self._syllables = Syllables(default_cache())
        return self._syllables

    def page(self, page: PageContext) -> list[Finding]:
        limit = self.context.wordlists.reading_age.for_page(page.page.path)
        if limit is None:
            return []
        ages = {version.audience: reading_age(prose_pieces(version), self.syllables)
                for version in versions(page)}
        over = {audience: age for audience, age in ages.items() if age.age > limit}
        if not over:
            return []
        figures = ", ".join(f"{audience} {age.age}" for audience, age in over.items())
        return [Finding(
            page.page.path, 1, 1, "RD001",
            f"reading age above the limit of {limit}: {figures} (Flesch-Kincaid grade + 5; "
            f"GOV.UK aims at 9). Use shorter sentences and shorter, everyday words.")]

    def finish(self) -> None:
        if self._syllables is not None:
            self._syllables.save()


def _names(audiences: list[str]) -> str:
    return audiences[0] if len(audiences) == 1 else ", ".join(audiences[:-1]) + " and " + \
        audiences[-1]
