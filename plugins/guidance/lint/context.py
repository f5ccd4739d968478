"""What every check is given: the run's glossary and audiences, and each page read once.

A check is a class with up to three hooks (`Check`): findings about the glossary itself, about
one page, and about the whole project once every page has been read. `checks.py` lists the
checks that run.
"""

from __future__ import annotations

import bisect
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field

from guidance.engine import Engine, Glossary, PreparedPage, Region, Rewrite
from guidance.lint.audience_text import AudienceText, audience_text
from guidance.lint.rules import Finding, Fix
from guidance.lint.tokens import PhraseMatch, Tokens, tokenize
from guidance.lint.wordlists import Wordlists


@dataclass(frozen=True)
class LintContext:
    """Built once per lint run and shared by every check."""

    glossary: Glossary
    engine: Engine
    wordlists: Wordlists
    audiences: tuple[str, ...]  # the audiences checked (`--audience`, or all)
    targets: tuple[str, ...]  # those of them that are not the source audience

    @classmethod
    def build(cls, glossary: Glossary, wordlists: Wordlists,
              audiences: Sequence[str] | None = None) -> LintContext:
        chosen = tuple(audiences or glossary.ids)
        return cls(glossary, Engine(glossary), wordlists, chosen,
                   tuple(a for a in chosen if a != glossary.source))


@dataclass
class PageFacts:
    """What the pages contribute to the project-wide checks."""

    used_terms: set[int] = field(default_factory=set)
    named_audiences: set[str] = field(default_factory=set)
    kept_jargon: dict[int, str] = field(default_factory=dict)  # term -> where first used

    def merge(self, other: PageFacts) -> None:
        """Adds another page's facts; pages are merged in order, so 'first' stays first."""
        self.used_terms |= other.used_terms
        self.named_audiences |= other.named_audiences
        for term, first in other.kept_jargon.items():
            self.kept_jargon.setdefault(term, first)


class PageContext:
    """One prepared page, its prose read once as tokens, each audience's version written once
    for every check that reads it, and helpers to place findings."""

    def __init__(self, context: LintContext, page: PreparedPage, facts: PageFacts) -> None:
        self.context = context
        self.page = page
        self.facts = facts  # what a check notes for the project-wide rules
        self._rewrites: dict[str, Rewrite] = {}
        self._versions: dict[str, AudienceText] = {}
        self.text = page.text
        self.tokens: Tokens = tokenize(page.text, page.prose)
        self.occurrences = sorted(page.occurrences, key=lambda o: o.start)
        self._occurrence_starts = [o.start for o in self.occurrences]
        self._regions = sorted((r for r in page.regions if r.kind == "audience"),
                               key=lambda r: r.content[0])
        self._region_starts = [r.content[0] for r in self._regions]

    def rewrite(self, audience: str) -> Rewrite:
        """The audience's version of the page (Engine.rewrite), written once."""
        if audience not in self._rewrites:
            self._rewrites[audience] = self.context.engine.rewrite(self.page, audience)
        return self._rewrites[audience]

    def version(self, audience: str) -> AudienceText:
        """The audience's version with its prose, mapped back to the source, made once."""
        if audience not in self._versions:
            self._versions[audience] = audience_text(self.page, self.rewrite(audience),
                                                     audience)
        return self._versions[audience]

    def covering(self, start: int, end: int, whole: bool,
                 terms: Container[int] | None = None) -> bool:
        """Whether a term the engine found (one of `terms`, if given) covers (or, if not
        `whole`, touches) the span."""
        at = bisect.bisect_right(self._occurrence_starts, start) - 1
        for candidate in self.occurrences[max(at, 0):at + 2]:
            if terms is not None and candidate.term not in terms:
                continue
            if whole and candidate.start <= start and end <= candidate.end:
                return True
            if not whole and candidate.start < end and start < candidate.end:
                return True
        return False

    def region_at(self, offset: int) -> Region | None:
        """The audience region the offset is in, if any."""
        at = bisect.bisect_right(self._region_starts, offset) - 1
        if at >= 0 and self._regions[at].content[0] <= offset < self._regions[at].content[1]:
            return self._regions[at]
        return None

    def span(self, match: PhraseMatch[object]) -> tuple[int, int]:
        """A phrase match's offsets in the page."""
        return self.tokens.starts[match.first], self.tokens.ends[match.last - 1]

    def finding(self, start: int, end: int, code: str, message: str, *,
                match: str | None = None, replacement: str | None = None,
                audience: str | None = None, fix: Fix | None = None) -> Finding:
        """A finding for the text between two offsets, with its line and column."""
        line, column = self.page.line_col(start)
        end_line, end_column = self.page.line_col(end)
        return Finding(self.page.path, line, column, code, message, end_line=end_line,
                       end_column=end_column, match=match, replacement=replacement,
                       audience=audience, fix=fix)


class Check:
    """A rule, or a family of rules that share what they build from the glossary.

    Build indexes once in `__init__`; override any of the hooks. Findings are made with
    `guidance.lint.rules.Finding` (or `PageContext.finding` on a page), with a code from
    `rules.RULES`."""

    def __init__(self, context: LintContext) -> None:
        self.context = context

    def glossary(self) -> Iterable[Finding]:
        """Findings about the glossary itself, once per run."""
        return ()

    def page(self, page: PageContext) -> Iterable[Finding]:
        """Findings on one page."""
        return ()

    def project(self, facts: PageFacts) -> Iterable[Finding]:
        """Findings that need every page (only when whole folders are linted)."""
        return ()

    def finish(self) -> None:
        """After every page of the run: keep what is worth keeping for the next run."""
