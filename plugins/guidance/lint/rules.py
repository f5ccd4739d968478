"""The lint rule catalogue and the finding model: stable codes other tools and people rely on.

Every rule has a code that never changes meaning, a severity and a one-line description of the
fix, so the text, JSON, GitHub and SARIF outputs and LINTING.md all say the same thing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # what the rule finds
    fix: str  # what to do about it
    fixable: bool = False


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("GL001", "glossary-error", Severity.ERROR,
             "A glossary file cannot be used: YAML error, missing or unknown audience, "
             "duplicate term, or a malformed jargon or core-messages list.",
             "Follow the fix in the message; it names the file, line and column."),
        Rule("GL002", "value-cut-by-comment", Severity.WARNING,
             "A glossary value has ' #' in it, so YAML keeps only the words before it and "
             "drops the rest as a comment ('supervisor #1 contact' is read as 'supervisor').",
             "Put the whole value in double quotes; for a note, put two spaces before the #."),
        Rule("GL003", "unreviewed", Severity.WARNING,
             "A wording marked '# unreviewed': copied from another audience by `guidance "
             "audiences add` and not yet checked by an editor.",
             "Check the wording is right for the audience, then delete the '# unreviewed' "
             "note from its line."),
        Rule("RG001", "region-error", Severity.ERROR,
             "An audience or verbatim region marker is wrong: unknown audience id, not closed, "
             "closed without being opened, or nested.",
             "Follow the fix in the message; every region opens and closes once, with known ids."),
        Rule("RG002", "audience-not-in-regions", Severity.INFO,
             "An audience is never named in any audience region, so it has no audience-only "
             "content.",
             "Nothing to do unless that audience should see (or miss) something the others "
             "do not."),
        Rule("TM001", "unknown-jargon", Severity.ERROR,
             "A word or phrase from the jargon list is used but the glossary has no entry for "
             "it, so it would reach every audience untranslated.",
             "Add a term for it to glossary/terms/ with a swap for every audience, reword it, "
             "or wrap a quotation in a verbatim region."),
        Rule("TM002", "spelling-variant", Severity.WARNING,
             "Another spelling of a glossary term (one of its variants) is used.",
             "Write the preferred spelling; `guidance lint --fix` does it for you.",
             fixable=True),
        Rule("TM003", "leak", Severity.ERROR,
             "A source term that an audience's wording replaces would still stand in that "
             "audience's version, in a form the rewriting did not catch or inside another "
             "term's wording.",
             "Write the term in a form the glossary knows (singular, plural or possessive), "
             "add the form as a variant, or change the other term's wording."),
        Rule("TM004", "unused-term", Severity.WARNING,
             "A glossary term is not used on any page.",
             "Delete the term, or keep it on purpose with `# lint: ignore TM004` on its line."),
        Rule("TM005", "doubled-word", Severity.WARNING,
             "A swap repeats the word beside it in one audience's version: 'a child's core "
             "group' with the wording 'child's support group' reads 'a child's child's support "
             "group'.",
             "Reword the sentence, or change that audience's wording of the term."),
        Rule("CM001", "core-message-lost", Severity.ERROR,
             "A core message that every audience must read is missing from one audience's "
             "version, dropped by an audience region or changed by a swap.",
             "Move the message out of the region (or give that audience its own wording of "
             "it), or change the swap."),
        Rule("CM002", "core-message-missing", Severity.ERROR,
             "A core message listed in glossary/core-messages.yml is on no page at all.",
             "Write the message on a page, or fix its `match` pattern."),
        Rule("AF001", "unfit-for-audience", Severity.ERROR,
             "A phrase that glossary/audience-fit.yml says must not reach an audience is in "
             "that audience's version of a page (after its regions and swaps), such as \"call "
             "the police\" in the police version.",
             "Reword the sentence, or give those readers their own wording in an audience "
             "region."),
        Rule("RD001", "reading-age", Severity.WARNING,
             "An audience's version of a page needs a higher reading age than the limit in "
             "glossary/reading-age.yml (Flesch-Kincaid grade level + 5).",
             "Use shorter sentences and shorter, everyday words, or give the page a limit of "
             "its own in reading-age.yml if it must use legal terms."),
        Rule("PE001", "words-to-avoid", Severity.WARNING,
             "A word or phrase from GOV.UK's plain-English words to avoid.",
             "Use the plainer word the message suggests."),
        Rule("PE002", "long-sentence", Severity.WARNING,
             "A sentence longer than 25 words; GOV.UK asks writers to check these.",
             "Split the sentence or cut words."),
        Rule("DF001", "self-definition", Severity.WARNING,
             "A definition whose first sentence explains its headword with itself, as one "
             "audience reads it on its glossary page and in tooltips (\"Council: The local "
             "council.\").",
             "Say what the thing is or does without the headword's own words; give that "
             "audience a definition of its own under `definition:` if the swap causes it."),
        Rule("LN001", "bad-suppression", Severity.WARNING,
             "A `lint: ignore` comment names a code that is not a rule, or an ignore region "
             "is not closed.",
             "Use a code from LINTING.md, and close every `ignore-start` with `ignore-end`."),
    )
}


@dataclass(frozen=True)
class Fix:
    """Replace the text between two offsets of the file (code points, end exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One problem at one place. Lines and columns are 1-based, in code points; the end column
    is the one just after the last character, as in SARIF."""

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int | None = None
    end_column: int | None = None
    match: str | None = None
    replacement: str | None = None
    audience: str | None = None
    fix: Fix | None = None

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)
