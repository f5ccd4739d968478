"""The term checks: jargon no glossary term covers (TM001), spelling variants (TM002), source
words an audience would still read (TM003) and terms no page uses (TM004).

They lean on what the engine found: a word the engine rewrites is never jargon, never a leak.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace

from guidance.engine import Term, Wording, default_plural
from guidance.engine.rewrite import Case
from guidance.lint.context import Check, LintContext, PageContext, PageFacts
from guidance.lint.rules import Finding, Fix
from guidance.lint.tokens import PhraseIndex, is_acronym, phrase_key, tokenize


def forms(term: Term) -> tuple[str, ...]:
    """Every spelling the glossary gives a term: singular, plural, variants and their plurals."""
    return tuple(dict.fromkeys((term.term, term.plural, *term.variants,
                                *(default_plural(v) for v in term.variants))))


def inflections(word: str) -> tuple[str, ...]:
    plural = default_plural(word)
    plural_possessive = plural + "'" if plural.lower().endswith("s") else plural + "'s"
    return (word, word + "'s", plural, plural_possessive)


def regular_plurals(phrase: str) -> tuple[str, ...]:
    """Forms a writer may use that the glossary did not list: 'thresholds', 'LAs'."""
    if phrase[-1:].isalpha():
        return (phrase + "s",) if not phrase.endswith("s") else ()
    return ()


def replaces(term: Term, audience_id: str) -> bool:
    """Whether this audience reads other words than the term's own."""
    wording = term.wording(audience_id)
    return (phrase_key(wording.singular), phrase_key(wording.plural)) != \
        (phrase_key(term.term), phrase_key(term.plural))


class UnknownJargon(Check):
    """TM001: a word from the jargon lists that no glossary term translates. With no term for
    it, each use is reported; with a term that every audience keeps as written, the term is
    reported once, in the glossary, where keeping it on purpose can be said with a comment."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        glossary = context.glossary
        others = [audience for audience in glossary.ids if audience != glossary.source]
        self.translated = {index for index, term in enumerate(glossary.terms)
                           if any(replaces(term, audience) for audience in others)}
        spelled = {phrase_key(form): index for index, term in enumerate(glossary.terms)
                   for form in forms(term)}
        self.kept: set[int] = set()  # terms spelled like jargon that nobody reads otherwise
        self.jargon: PhraseIndex[str] = PhraseIndex()
        for entry in context.wordlists.jargon:
            phrases = (entry.phrase, *entry.forms)
            terms = {spelled[key] for key in map(phrase_key, phrases) if key in spelled}
            if terms:
                self.kept |= terms - self.translated
                continue  # the glossary has it: the engine finds every use
            label = f"{entry.phrase}" + (f" ({entry.means})" if entry.means else "")
            for phrase in (*phrases, *regular_plurals(entry.phrase)):
                self.jargon.add(phrase, label, case_sensitive=is_acronym(entry.phrase))

    def page(self, page: PageContext) -> Iterator[Finding]:
        for occurrence in page.occurrences:
            if occurrence.term in self.kept and self._counts(page, occurrence.start) and \
                    occurrence.term not in page.facts.kept_jargon:
                line, column = page.page.line_col(occurrence.start)
                page.facts.kept_jargon[occurrence.term] = f"{page.page.path}:{line}:{column}"
        for match in self.jargon.find(page.tokens):
            start, end = page.span(match)
            if page.covering(start, end, whole=True, terms=self.translated):
                continue  # inside a term the audiences read in their own words
            if not self._counts(page, start):
                continue
            found = page.text[start:end]
            yield page.finding(
                start, end, "TM001",
                f"'{found}' is jargon with no glossary entry: {match.value}; add a term for it "
                f"to glossary/terms/ or reword it.", match=found)

    def _counts(self, page: PageContext, offset: int) -> bool:
        """Not inside a region only the source audience reads: they know their own words."""
        region = page.region_at(offset)
        return region is None or any(region.shows(a) for a in self.context.targets)

    def project(self, facts: PageFacts) -> Iterator[Finding]:
        for index, first in facts.kept_jargon.items():
            term = self.context.glossary.terms[index]
            yield Finding(
                term.path, term.line, 1, "TM001",
                f"'{term.term}' is jargon that every audience reads as written (first used at "
                f"{first}); give at least one audience its own words for it, or keep it on "
                f"purpose with '# lint: ignore TM001' on its line.", match=term.term)


class SpellingVariants(Check):
    """TM002: a term written in one of its variant spellings; the fix writes the term."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self.variants: list[set[str]] = [
            {phrase_key(form) for variant in term.variants for form in inflections(variant)}
            for term in context.glossary.terms
        ]
        self.capitalised: list[set[str]] = [
            {phrase_key(form) for variant in term.variants if variant != variant.lower()
             for form in inflections(variant)}
            for term in context.glossary.terms
        ]

    def page(self, page: PageContext) -> Iterator[Finding]:
        matcher = self.context.engine.matcher
        text = page.text
        for occurrence in page.occurrences:
            variants = self.variants[occurrence.term]
            if not variants:
                continue
            term_start = occurrence.start + len(occurrence.article) + len(occurrence.article_gap)
            found = text[term_start:occurrence.end]
            if phrase_key(found) not in variants:
                continue
            term = self.context.glossary.terms[occurrence.term]
            if phrase_key(found) in self.capitalised[occurrence.term]:
                # a variant the glossary writes with capitals (an acronym): the occurrence's
                # case says nothing, so the term is written as the glossary writes it
                case = Case.CAPITAL if occurrence.sentence_start else Case.AS_WRITTEN
                occurrence = replace(occurrence, case=case)
            preferred = matcher.replacement(occurrence, Wording(term.term, term.plural))
            original = text[occurrence.start:occurrence.end]
            yield page.finding(
                occurrence.start, occurrence.end, "TM002",
                f"'{found}' is another spelling of '{term.term}'; write '{preferred}'.",
                match=original, replacement=preferred,
                fix=Fix(occurrence.start, occurrence.end, preferred))


class Leaks(Check):
    """TM003: a source term an audience's wording replaces that would still stand in that
    audience's version: in a form the engine did not rewrite, or inside another term's
    wording."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        terms = context.glossary.terms
        self.loose: PhraseIndex[int] = PhraseIndex()
        for index, term in enumerate(terms):
            for form in forms(term):
                for phrase in (form, *regular_plurals(form)):
                    self.loose.add(phrase, index)
        self.replaced_by = {a: [replaces(term, a) for term in terms] for a in context.targets}

    def glossary(self) -> Iterator[Finding]:
        """A wording that contains another term this audience replaces: the engine never
        rewrites replaced text again, so that term would stand in the audience's version."""
        terms = self.context.glossary.terms
        for index, term in enumerate(terms):
            for audience in self.context.targets:
                if not self.replaced_by[audience][index]:
                    continue
                wording = term.wording(audience)
                reported: set[int] = set()
                for text in dict.fromkeys((wording.singular, wording.plural)):
                    tokens = tokenize(text, [(0, len(text))])
                    for match in self.loose.find(tokens):
                        other = terms[match.value]
                        if match.value == index or match.value in reported or \
                                not self.replaced_by[audience][match.value]:
                            continue
                        reported.add(match.value)
                        found = text[tokens.starts[match.first]:tokens.ends[match.last - 1]]
                        yield Finding(
                            term.path, term.line, 1, "TM003",
                            f"the {audience} wording of '{term.term}' ('{text}') contains "
                            f"'{found}', which {audience} read as "
                            f"'{other.wording(audience).singular}'; reword it without "
                            f"'{found}'.",
                            match=found, replacement=other.wording(audience).singular,
                            audience=audience)

    def page(self, page: PageContext) -> Iterator[Finding]:
        text = page.text
        starts = page.tokens.starts
        rewritten = {  # tokens inside a term the engine found: no leak can start there
            index
            for occurrence in page.occurrences
            for index in range(bisect.bisect_left(starts, occurrence.start),
                               bisect.bisect_left(starts, occurrence.end))
        }
        for match in self.loose.find(page.tokens, rewritten):
            start, end = page.span(match)
            if page.covering(start, end, whole=False) or _in_identifier(text, start, end):
                continue
            term = self.context.glossary.terms[match.value]
            region = page.region_at(start)
            found = text[start:end]
            for audience in self.context.targets:
                if not self.replaced_by[audience][match.value]:
                    continue
                if region is not None and not region.shows(audience):
                    continue
                yield page.finding(
                    start, end, "TM003",
                    f"'{' '.join(found.split())}' is not rewritten for {audience}, who read "
                    f"'{term.wording(audience).singular}' for '{term.term}'; write it as the "
                    f"glossary does (singular, plural or possessive, on its own) or add this "
                    f"form as a variant.",
                    match=found, replacement=term.wording(audience).singular, audience=audience)


class UnusedTerms(Check):
    """TM004: a glossary term that no page uses."""

    def project(self, facts: PageFacts) -> Iterator[Finding]:
        for index, term in enumerate(self.context.glossary.terms):
            if index not in facts.used_terms:
                yield Finding(term.path, term.line, 1, "TM004",
                              f"'{term.term}' is not used on any page; delete it, or keep it "
                              f"with '# lint: ignore TM004' on its line.", match=term.term)


# A word joined to letters or digits by `.`, `_`, `/` or `::` is part of a name or a path
# (`my_extension.py`, `markdown.extensions.toc`, `docs/extensions/`), which the engine keeps
_JOINED_BEFORE = re.compile(r"[^\W_](?:[._/]|::)$")
_JOINED_AFTER = re.compile(r"(?:[._/]|::)[^\W_]")


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of an identifier or a path, not prose."""
    return bool(_JOINED_BEFORE.search(text, max(0, start - 3), start)
                or _JOINED_AFTER.match(text, end))
