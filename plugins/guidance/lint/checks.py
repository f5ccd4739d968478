"""The lint checks: what each rule looks for in the glossary and in the engine's prepared pages.

Pages are never scanned a second way: every check works on the engine's prose spans (which
already leave out code, URLs, HTML, attribute lists, snippet lines, front matter keys and
verbatim regions) and on the term occurrences the engine found. Words are read from the prose
once per page as tokens; phrases are looked up token by token, so hundreds of phrases cost no
more than a few.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from typing import Generic, TypeVar

from guidance.engine import (
    Engine,
    Glossary,
    PreparedPage,
    Region,
    Rewrite,
    Substitution,
    Term,
    Wording,
    default_plural,
)
from guidance.lint.doubled_words import doubled_words
from guidance.lint.rules import Finding, Fix
from guidance.lint.wordlists import CoreMessage, Wordlists

LONG_SENTENCE = 25
WORD = re.compile(r"[^\W_]+")
WORDS_AND_GAPS = re.compile(r"([^\W_]+)")  # split() keeps the words

# How a token is joined to the one before it.
JOIN = 0  # white space (a line break too, or a block quote's '>'): phrases continue
GLUE = 1  # an apostrophe or hyphen inside a word: phrases continue, the word count does not
BREAK = 2  # punctuation or a construct that is not prose: phrases stop, the sentence goes on
SENTENCE = 3  # a new sentence or block
GLUE_GAPS = frozenset(("'", "\u2019", "-", "\u2010", "\u2011"))
SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]*_]*(?:\s|$)")
BLOCK_MARKER = re.compile(r"[ \t>]*(?:[-+*]|\d{1,9}[.)]|#{1,6}|\||[!?=]{3})(?:\s|$)")
ABBREVIATIONS = frozenset(("e", "g", "i", "eg", "ie", "etc", "mr", "mrs", "ms", "dr", "no", "vs",
                           "st", "cf"))
EMPHASIS = str.maketrans("", "", "*_~ \t\r")

T = TypeVar("T")


@dataclass
class Tokens:
    """The words of a page's prose, with where they are and how they join."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)


def _gap_kind(gap: str) -> int:
    if gap in GLUE_GAPS:
        return GLUE
    if "\n" in gap:
        lines = gap.split("\n")
        blank_line = any(not line.strip(" \t>\r") for line in lines[1:-1])
        if blank_line or (lines[-1].strip(" \t>") and BLOCK_MARKER.match(lines[-1] + " ")):
            return SENTENCE
        gap = gap.replace(">", "")
    core = gap.translate(EMPHASIS).replace("\n", "")
    if not core:
        return JOIN
    if "|" in core or SENTENCE_END.search(gap):
        return SENTENCE
    return BREAK


class _GapKinds(dict[str, int]):
    """The kind of each distinct gap, worked out once: most gaps are a single space."""

    def __missing__(self, gap: str) -> int:
        kind = self[gap] = _gap_kind(gap)
        return kind


def tokenize(text: str, prose: Iterable[tuple[int, int]]) -> Tokens:
    """Splits each prose span into words and the gaps between them with one regular-expression
    call, so the per-word work stays in C."""
    tokens = Tokens()
    kinds = _GapKinds()
    previous_end = -1
    for span_start, span_end in prose:
        parts = WORDS_AND_GAPS.split(text[span_start:span_end])
        if len(parts) < 2:
            continue
        words = parts[1::2]
        offsets = list(accumulate(map(len, parts), initial=span_start))
        starts = offsets[1:-1:2]
        gaps = list(map(kinds.__getitem__, parts[2:-1:2]))
        # The first word's gap reaches back over whatever is not prose before it.
        first = SENTENCE if previous_end < 0 else \
            max(kinds[text[previous_end:starts[0]]], BREAK)
        tokens.starts += starts
        tokens.ends += offsets[2:-1:2]
        tokens.texts += words
        tokens.lowers += map(str.lower, words)
        tokens.gaps.append(first)
        tokens.gaps += gaps
        previous_end = offsets[-2]
    lowers, gaps = tokens.lowers, tokens.gaps
    for index in [i for i, kind in enumerate(gaps) if kind == SENTENCE and i]:
        if lowers[index - 1] in ABBREVIATIONS and \
                text[tokens.ends[index - 1]:tokens.starts[index]].startswith("."):
            gaps[index] = BREAK
    return tokens


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    first: int  # token indices, end exclusive
    last: int
    value: T


class PhraseIndex(Generic[T]):
    """Phrases looked up by their first word; the longest match wins and matches never overlap."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], bool, T]]] = {}

    def add(self, phrase: str, value: T, case_sensitive: bool = False) -> None:
        words = tuple(WORD.findall(phrase))
        if not words:
            return
        key = tuple(words) if case_sensitive else tuple(word.lower() for word in words)
        entries = self._by_first.setdefault(key[0].lower(), [])
        if any(existing == key and sensitive == case_sensitive
               for existing, sensitive, _ in entries):
            return
        entries.append((key, case_sensitive, value))
        entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, tokens: Tokens, skip: set[int] | None = None) -> Iterator[PhraseMatch[T]]:
        """Matches in the tokens; none starts at a token in `skip`."""
        lowers, texts, gaps = tokens.lowers, tokens.texts, tokens.gaps
        by_first = self._by_first
        count = len(lowers)
        taken = 0  # matches never overlap: the next may start only after the last one ends
        for index in [i for i, word in enumerate(lowers) if word in by_first]:
            if index < taken or (skip and index in skip):
                continue
            for words, sensitive, value in by_first[lowers[index]]:
                size = len(words)
                if index + size > count:
                    continue
                seen = texts if sensitive else lowers
                if all(seen[index + k] == words[k] and (k == 0 or gaps[index + k] <= GLUE)
                       for k in range(size)):
                    yield PhraseMatch(index, index + size, value)
                    taken = index + size
                    break


def _key(words: str) -> str:
    return " ".join(words.lower().replace("\u2019", "'").split())


def _is_acronym(phrase: str) -> bool:
    letters = [char for char in phrase if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters[:2])


def _replaces(term: Term, audience_id: str) -> bool:
    wording = term.wording(audience_id)
    return (_key(wording.singular), _key(wording.plural)) != (_key(term.term), _key(term.plural))


@dataclass
class PageFacts:
    """What a page contributes to the project-wide rules."""

    used_terms: set[int] = field(default_factory=set)
    named_audiences: set[str] = field(default_factory=set)


class Checker:
    """Everything built once per lint run from the glossary and the word lists."""

    def __init__(self, glossary: Glossary, wordlists: Wordlists,
                 audiences: Sequence[str] | None = None) -> None:
        self.glossary = glossary
        self.engine = Engine(glossary)
        self._page: PreparedPage | None = None
        self._rewrites: dict[str, Rewrite] = {}
        self.wordlists = wordlists
        self.audiences = tuple(audiences or glossary.ids)
        self.targets = tuple(a for a in self.audiences if a != glossary.source)
        terms = glossary.terms
        known = {_key(form) for term in terms for form in _forms(term)}

        self.jargon: PhraseIndex[str] = PhraseIndex()
        for entry in wordlists.jargon:
            phrases = (entry.phrase, *entry.forms)
            if any(_key(phrase) in known for phrase in phrases):
                continue  # the glossary translates it
            for phrase in (*phrases, *_regular_plurals(entry.phrase)):
                label = f"{entry.phrase}" + (f" ({entry.means})" if entry.means else "")
                self.jargon.add(phrase, label, case_sensitive=_is_acronym(entry.phrase))

        self.avoid: PhraseIndex[tuple[str, str]] = PhraseIndex()
        for item in wordlists.words_to_avoid:
            for word in item.words:
                self.avoid.add(word, (item.use, item.unless))

        self.loose: PhraseIndex[int] = PhraseIndex()
        for index, term in enumerate(terms):
            for form in _forms(term):
                for phrase in (form, *_regular_plurals(form)):
                    self.loose.add(phrase, index)

        self.variants: list[set[str]] = [
            {_key(form) for variant in term.variants for form in _inflections(variant)}
            for term in terms
        ]
        self.replaced_by = {a: [_replaces(term, a) for term in terms] for a in self.targets}

    def rewrite(self, page: PreparedPage, audience: str) -> Rewrite:
        """The audience's version of the page being checked, written once for every check."""
        if page is not self._page:
            self._page, self._rewrites = page, {}
        if audience not in self._rewrites:
            self._rewrites[audience] = self.engine.rewrite(page, audience)
        return self._rewrites[audience]

    # --- glossary-level -----------------------------------------------------------------------

    def glossary_leaks(self) -> Iterator[Finding]:
        """A wording that contains another term this audience replaces: the engine never
        rewrites replaced text again, so that term would stand in the audience's version."""
        for index, term in enumerate(self.glossary.terms):
            for audience in self.targets:
                if not self.replaced_by[audience][index]:
                    continue
                wording = term.wording(audience)
                reported: set[int] = set()
                for text in dict.fromkeys((wording.singular, wording.plural)):
                    tokens = tokenize(text, [(0, len(text))])
                    for match in self.loose.find(tokens):
                        other = self.glossary.terms[match.value]
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

    # --- one page -----------------------------------------------------------------------------

    def check_page(self, page: PreparedPage, facts: PageFacts) -> list[Finding]:
        text = page.text
        tokens = tokenize(text, page.prose)
        occurrences = sorted(page.occurrences, key=lambda o: o.start)
        occurrence_starts = [o.start for o in occurrences]
        regions = sorted((r for r in page.regions if r.kind == "audience"),
                         key=lambda r: r.content[0])
        region_starts = [r.content[0] for r in regions]
        findings: list[Finding] = []

        def covering(start: int, end: int, whole: bool) -> bool:
            """Whether an engine occurrence covers (or, if not whole, touches) the span."""
            at = bisect.bisect_right(occurrence_starts, start) - 1
            for candidate in occurrences[max(at, 0):at + 2]:
                if whole and candidate.start <= start and end <= candidate.end:
                    return True
                if not whole and candidate.start < end and start < candidate.end:
                    return True
            return False

        def region_at(offset: int) -> Region | None:
            at = bisect.bisect_right(region_starts, offset) - 1
            if at >= 0 and regions[at].content[0] <= offset < regions[at].content[1]:
                return regions[at]
            return None

        def finding(start: int, end: int, code: str, message: str, **extra: object) -> Finding:
            line, column = page.line_col(start)
            end_line, end_column = page.line_col(end)
            return Finding(page.path, line, column, code, message, end_line=end_line,
                           end_column=end_column, **extra)  # type: ignore[arg-type]

        def span(match: PhraseMatch[object]) -> tuple[int, int]:
            return tokens.starts[match.first], tokens.ends[match.last - 1]

        for region in page.regions:
            facts.named_audiences.update(region.audiences)
        for occurrence in occurrences:
            facts.used_terms.add(occurrence.term)

        for match in self.jargon.find(tokens):
            start, end = span(match)
            if covering(start, end, whole=True):
                continue
            region = region_at(start)
            if region is not None and not any(region.shows(a) for a in self.targets):
                continue  # only the source audience reads it, in its own words
            found = text[start:end]
            findings.append(finding(
                start, end, "TM001",
                f"'{found}' is jargon with no glossary entry: {match.value}; add a term for it "
                f"to glossary/terms/ or reword it.", match=found))

        for match in self.avoid.find(tokens):
            start, end = span(match)
            if covering(start, end, whole=False):
                continue  # a glossary term: its wording is chosen per audience
            use, unless = match.value
            found = text[start:end]
            note = f" (fine if {unless})" if unless else ""
            findings.append(finding(
                start, end, "PE001",
                f"'{found}' is on GOV.UK's words to avoid; use {use} instead{note}.",
                match=found, replacement=use))

        findings += self._long_sentences(tokens, finding)
        findings += self._variants(page, occurrences, finding)
        findings += self._leaks(page, tokens, covering, region_at, finding)
        if occurrences:
            findings += doubled_words(page, self.targets, partial(self.rewrite, page))
        return findings

    def _long_sentences(self, tokens: Tokens, finding) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        gaps = tokens.gaps
        count = len(gaps)
        first = 0
        while first < count:
            last = first + 1
            words = 1
            while last < count and gaps[last] != SENTENCE:
                if gaps[last] != GLUE:
                    words += 1
                last += 1
            if words > LONG_SENTENCE:
                yield finding(tokens.starts[first], tokens.ends[last - 1], "PE002",
                              f"this sentence has {words} words; split it or cut it to "
                              f"{LONG_SENTENCE} or fewer.")
            first = last

    def _variants(self, page: PreparedPage, occurrences, finding) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        matcher = self.engine.matcher
        for occurrence in occurrences:
            variants = self.variants[occurrence.term]
            if not variants:
                continue
            term_start = occurrence.start + len(occurrence.article) + len(occurrence.article_gap)
            found = page.text[term_start:occurrence.end]
            if _key(found) not in variants:
                continue
            term = self.glossary.terms[occurrence.term]
            preferred = matcher.replacement(occurrence, Wording(term.term, term.plural))
            original = page.text[occurrence.start:occurrence.end]
            yield finding(
                occurrence.start, occurrence.end, "TM002",
                f"'{found}' is another spelling of '{term.term}'; write '{preferred}'.",
                match=original, replacement=preferred,
                fix=Fix(occurrence.start, occurrence.end, preferred))

    def _leaks(self, page, tokens, covering, region_at, finding) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        text = page.text
        starts = tokens.starts
        rewritten = {  # tokens inside a term the engine found: no leak can start there
            index
            for occurrence in page.occurrences
            for index in range(bisect.bisect_left(starts, occurrence.start),
                               bisect.bisect_left(starts, occurrence.end))
        }
        for match in self.loose.find(tokens, rewritten):
            start = tokens.starts[match.first]
            end = tokens.ends[match.last - 1]
            if covering(start, end, whole=False):
                continue
            term = self.glossary.terms[match.value]
            region = region_at(start)
            found = text[start:end]
            for audience in self.targets:
                if not self.replaced_by[audience][match.value]:
                    continue
                if region is not None and not region.shows(audience):
                    continue
                yield finding(
                    start, end, "TM003",
                    f"'{' '.join(found.split())}' is not rewritten for {audience}, who read "
                    f"'{term.wording(audience).singular}' for '{term.term}'; write it as the "
                    f"glossary does (singular, plural or possessive, on its own) or add this "
                    f"form as a variant.",
                    match=found, replacement=term.wording(audience).singular, audience=audience)

    # --- project-wide -------------------------------------------------------------------------

    def unused_terms(self, used: set[int]) -> Iterator[Finding]:
        for index, term in enumerate(self.glossary.terms):
            if index not in used:
                yield Finding(term.path, term.line, 1, "TM004",
                              f"'{term.term}' is not used on any page; delete it, or keep it "
                              f"with '# lint: ignore TM004' on its line.", match=term.term)

    def unused_audiences(self, named: set[str]) -> Iterator[Finding]:
        """Only where the pages use audience regions at all."""
        if not named:
            return
        for audience in self.glossary.audiences:
            if audience.id not in named and audience.id in self.audiences:
                yield Finding(audience.path, audience.line, 1, "RG002",
                              f"no audience region names '{audience.id}'; it reads only what "
                              f"everyone reads.", audience=audience.id)


def _forms(term: Term) -> tuple[str, ...]:
    return tuple(dict.fromkeys((term.term, term.plural, *term.variants,
                                *(default_plural(v) for v in term.variants))))


def _inflections(word: str) -> tuple[str, ...]:
    plural = default_plural(word)
    plural_possessive = plural + "'" if plural.lower().endswith("s") else plural + "'s"
    return (word, word + "'s", plural, plural_possessive)


def _regular_plurals(phrase: str) -> tuple[str, ...]:
    """Forms a writer may use that the glossary did not list: 'thresholds', 'LAs'."""
    if phrase[-1:].isalpha():
        return (phrase + "s",) if not phrase.endswith("s") else ()
    return ()


# --- core messages ----------------------------------------------------------------------------

_CORE_STRIP = re.compile(r"[*_]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """What core-message patterns are matched against: emphasis marks gone, spaces collapsed."""
    return _SPACE.sub(" ", _CORE_STRIP.sub("", text))


@dataclass
class CorePage:
    """One page's part in the core-message rules: which audiences' versions of it say each
    message, and, for each message its source says, the finding that blames this page for an
    audience whose version does not."""

    in_source: set[str] = field(default_factory=set)
    found_for: dict[str, set[str]] = field(default_factory=dict)
    lost: dict[str, dict[str, Finding]] = field(default_factory=dict)


def core_messages_on_page(checker: Checker, page: PreparedPage) -> CorePage:
    result = CorePage()
    messages = checker.wordlists.core_messages
    if not messages:
        return result
    source = normalise(page.text)
    in_source = {}
    for message in messages:
        if message.pattern.search(source):
            located = _locate(message, page.text)
            if located is not None:
                in_source[message.id] = located
    result.in_source = set(in_source)
    for audience in checker.audiences:
        rewrite = checker.rewrite(page, audience)
        output = normalise(rewrite.text)
        for message in messages:
            if not message.audiences.include(audience):
                continue
            if message.pattern.search(output):
                result.found_for.setdefault(message.id, set()).add(audience)
            elif message.id in in_source:
                start, end = in_source[message.id]
                result.lost.setdefault(message.id, {})[audience] = _lost(
                    message, audience, page, start, end, rewrite.substitutions)
    return result


def core_message_findings(messages: Sequence[CoreMessage], audiences: Sequence[str],
                          pages: Iterable[CorePage], project_wide: bool) -> Iterator[Finding]:
    """A message is lost for an audience when none of its pages says it; the first page whose
    source says it is the one blamed."""
    found_for: dict[str, set[str]] = {}
    blamed: dict[str, dict[str, Finding]] = {}
    in_source: set[str] = set()
    for page in pages:
        in_source |= page.in_source
        for ident, found in page.found_for.items():
            found_for.setdefault(ident, set()).update(found)
        for ident, lost in page.lost.items():
            for audience, finding in lost.items():
                blamed.setdefault(ident, {}).setdefault(audience, finding)
    for message in messages:
        if message.id not in in_source and not found_for.get(message.id):
            if project_wide:
                yield Finding(message.path, message.line, 1, "CM002",
                              f"core message '{message.id}' ({message.message}) is on no "
                              f"page; write it on a page, or fix its 'match' pattern.")
            continue
        for audience in audiences:
            if message.audiences.include(audience) and \
                    audience not in found_for.get(message.id, set()):
                yield blamed.get(message.id, {}).get(audience) or Finding(
                    message.path, message.line, 1, "CM001",
                    f"core message '{message.id}' is on no page of the {audience} version; "
                    f"write it for {audience} (an audience region can hold their wording), or "
                    f"fix its 'match' pattern.", audience=audience)


def _lost(message: CoreMessage, audience: str, page: PreparedPage, start: int, end: int,
          substitutions: Sequence[Substitution]) -> Finding:
    for region in page.regions:
        if region.kind == "audience" and not region.shows(audience) and \
                region.content[0] <= start < region.content[1]:
            kind = "not " if region.negated else ""
            line = region.opening.line
            return Finding(
                page.path, line, 1, "CM001",
                f"core message '{message.id}' is lost for {audience}: the region "
                f"'audience: {kind}{', '.join(region.audiences)}' on line {line} drops "
                f"it; move the message out of the region or give {audience} its own "
                f"wording of it.", audience=audience)
    line, column = page.line_col(start)
    end_line = page.line_col(end)[0]
    swaps = [f"'{swap.original}' -> '{swap.replacement}'" for swap in substitutions
             if line <= swap.line <= end_line]
    how = f"the swaps {', '.join(swaps)} change it" if swaps else "its wording changes"
    return Finding(page.path, line, column, "CM001",
                   f"core message '{message.id}' is lost for {audience}: {how}; "
                   f"change the swap or the 'match' pattern in core-messages.yml.",
                   audience=audience)


def _locate(message: CoreMessage, text: str) -> tuple[int, int] | None:
    """Where the message stands in the source text, as offsets into it."""
    kept = []
    offsets = []
    previous_space = False
    for index, char in enumerate(text):
        if char in "*_":
            continue
        if char.isspace():
            if previous_space:
                continue
            char = " "
            previous_space = True
        else:
            previous_space = False
        kept.append(char)
        offsets.append(index)
    match = message.pattern.search("".join(kept))
    if match is None:
        return None
    return offsets[match.start()], offsets[max(match.end() - 1, match.start())] + 1
