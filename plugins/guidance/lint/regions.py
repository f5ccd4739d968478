"""The region checks that look at the whole project (RG002). Region mistakes themselves
(RG001) are the engine's errors, turned into findings by the runner."""

from __future__ import annotations

from collections.abc import Iterator

from guidance.lint.context import Check, PageFacts
from guidance.lint.rules import Finding


class UnusedAudiences(Check):
    """RG002: an audience no audience region names, only where the pages use regions."""

    def project(self, facts: PageFacts) -> Iterator[Finding]:
        if not facts.named_audiences:
            return
        for audience in self.context.glossary.audiences:
            if audience.id not in facts.named_audiences and audience.id in self.context.audiences:
                yield Finding(audience.path, audience.line, 1, "RG002",
                              f"no audience region names '{audience.id}'; it reads only what "
                              f"everyone reads.", audience=audience.id)
