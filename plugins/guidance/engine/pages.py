"""The engine: one page in, each audience's version out, with a record of every change.

`prepare` does the expensive part once per page (structure, regions, term matches); `rewrite`
then only assembles an audience's text from those findings. Nothing here knows about MkDocs,
so another site generator can drive the same glossary and rewriting.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from guidance.engine.errors import GuidanceErrors
from guidance.engine.glossary import Glossary, Term
from guidance.engine.markdown_scan import Prose, scan
from guidance.engine.regions import Region, find_regions
from guidance.engine.rewrite import Form, Matcher, Occurrence
from guidance.engine.structure import Shortcut

NEWLINE = re.compile("\n")
POSSESSIVES = frozenset((Form.SINGULAR_POSSESSIVE, Form.PLURAL_POSSESSIVE))


@dataclass(frozen=True)
class Substitution:
    line: int  # where the original stands in the source, 1-based
    column: int
    original: str
    replacement: str
    term: str
    start: int  # the same place as offsets into the source text
    end: int


@dataclass(frozen=True)
class DroppedRegion:
    line: int
    end_line: int
    audiences: tuple[str, ...]
    negated: bool


@dataclass(frozen=True)
class Rewrite:
    text: str
    substitutions: tuple[Substitution, ...]
    dropped: tuple[DroppedRegion, ...]


@dataclass
class PreparedPage:
    """A page scanned once, ready to be written for any audience."""

    text: str
    path: str
    prose: list[tuple[int, int]]  # what readers read and the engine may rewrite
    regions: list[Region]
    occurrences: list[Occurrence]  # in text order
    shortcuts: list[Shortcut] = field(default_factory=list)  # `[label]` links holding a term
    _line_starts: list[int] = field(repr=False, default_factory=list)
    # made on the first rewrite and kept for every other audience's (see `kinds`)
    _kinds: tuple[list[int], list[tuple[object, ...]], list[tuple[int, int]]] | None = field(
        repr=False, default=None)

    def cuts(self, audience_id: str) -> list[tuple[int, int]]:
        """What the audience's text leaves out: every marker, and the regions it does not see."""
        cuts = []
        for region in self.regions:
            if region.shows(audience_id):
                cuts += [(region.opening.start, region.opening.end),
                         (region.closing.start, region.closing.end)]
            else:
                cuts.append((region.opening.start, region.closing.end))
        return sorted(cuts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def kinds(self) -> tuple[list[int], list[tuple[object, ...]], list[tuple[int, int]]]:
        """Each occurrence's kind (an index into the page's list of what decides a
        replacement: term, form, case, article...), and its line and column. A page has
        thousands of occurrences but few kinds, so each audience's words are made once a kind."""
        if self._kinds is None:
            index: dict[tuple[object, ...], int] = {}
            kinds = [index.setdefault((o.term, o.form, o.apostrophe, o.case, o.sentence_start,
                                       o.article, o.article_gap), len(index))
                     for o in self.occurrences]
            self._kinds = (kinds, list(index), [self.line_col(o.start) for o in self.occurrences])
        return self._kinds

    def label_edits(self, substitutions: Iterable[Substitution]) -> list[tuple[int, int, str]]:
        """The edits that keep shortcut reference links working once their words change:
        `[label]` and `[label][]` become `[new words][label]`."""
        starts = sorted(substitution.start for substitution in substitutions)
        edits = []
        for link in self.shortcuts:
            if _holds(starts, link.start, link.close):
                label = self.text[link.start + 1:link.close]
                edits.append((link.close + 1, link.end, f"[{label}]"))
        return edits


class Engine:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.matcher = Matcher(glossary.terms)
        # what an audience reads for each kind of occurrence (PreparedPage.kinds)
        self._replacements: dict[str, dict[tuple[object, ...], str]] = {}

    def prepare(self, text: str, path: str = "<text>") -> PreparedPage:
        """Scans a page; raises GuidanceErrors if its regions are not sound."""
        structure = scan(text)
        starts = line_starts(text)

        def line_of(offset: int) -> int:
            return bisect.bisect_right(starts, offset)

        regions, errors = find_regions(text, structure.comments, self.glossary.ids, path, line_of)
        if errors:
            raise GuidanceErrors(errors)
        prose = _outside(structure.prose, [r.content for r in regions if r.kind == "verbatim"])
        occurrences = [
            self.matcher.occurrence(match, span)
            for span in prose
            for match in self.matcher.find(text, span.start, span.end)
        ]
        starts_of_occurrences = [occurrence.start for occurrence in occurrences]
        return PreparedPage(
            text=text,
            path=path,
            prose=[(span.start, span.end) for span in prose],
            regions=regions,
            occurrences=occurrences,
            shortcuts=[link for link in structure.shortcuts
                       if _holds(starts_of_occurrences, link.start, link.close)],
            _line_starts=starts,
        )

    def rewrite(self, page: PreparedPage, audience_id: str) -> Rewrite:
        """The page as `audience_id` reads it."""
        self.glossary.audience(audience_id)  # unknown ids are an error, not an empty page
        cuts = page.cuts(audience_id)
        dropped = [DroppedRegion(region.opening.line, region.closing.line, region.audiences,
                                 region.negated)
                   for region in page.regions if not region.shows(audience_id)]
        substitutions = self._swaps(page, audience_id, cuts, 0, len(page.occurrences))
        edits: list[tuple[int, int, str]] = [(start, end, "") for start, end in cuts]
        edits += [(s.start, s.end, s.replacement) for s in substitutions]
        edits += page.label_edits(substitutions)
        return Rewrite(apply_edits(page.text, edits), tuple(substitutions), tuple(dropped))

    def substitutions(self, page: PreparedPage, audience_id: str, start: int = 0,
                      end: int | None = None) -> list[Substitution]:
        """The audience's swaps of the terms that start between two offsets: a few lines of
        a big page cost no more than those lines."""
        self.glossary.audience(audience_id)  # unknown ids are an error, not an empty page
        occurrences = page.occurrences
        first = bisect.bisect_left(occurrences, start, key=_start) if start else 0
        last = len(occurrences) if end is None else \
            bisect.bisect_left(occurrences, end, key=_start)
        return self._swaps(page, audience_id, page.cuts(audience_id), first, last)

    def _swaps(self, page: PreparedPage, audience_id: str, cuts: list[tuple[int, int]],
               first: int, last: int) -> list[Substitution]:
        """The swaps of occurrences first to last (not inside `cuts`)."""
        if audience_id == self.glossary.source:
            return []
        occurrences = page.occurrences
        substitutions: list[Substitution] = []
        kinds, keys, places = page.kinds()
        replacements = self._replacements.setdefault(audience_id, {})
        chosen: list[str | None] = [None] * len(keys)  # this audience's words, by kind
        text = page.text
        cut_index = 0
        for index in range(first, last):
            occurrence = occurrences[index]
            while cut_index < len(cuts) and cuts[cut_index][1] <= occurrence.start:
                cut_index += 1
            if cut_index < len(cuts) and cuts[cut_index][0] < occurrence.end:
                continue  # inside a region this audience does not see
            new = chosen[kinds[index]]
            if new is None:
                key = keys[kinds[index]]
                new = replacements.get(key)
                if new is None:
                    wording = self.matcher.terms[occurrence.term].wording(audience_id)
                    new = replacements[key] = self.matcher.replacement(occurrence, wording)
                chosen[kinds[index]] = new
            old = text[occurrence.start:occurrence.end]
            if new == old:
                continue
            term = self.matcher.terms[occurrence.term].term
            if occurrence.form not in POSSESSIVES:
                line, column = places[index]
                substitutions.append(Substitution(line, column, old, new, term,
                                                  occurrence.start, occurrence.end))
                continue
            for part_start, part_end, new_part in _around_apostrophe(occurrence, old, new):
                old_part = text[part_start:part_end]
                if new_part != old_part:
                    line, column = page.line_col(part_start)
                    substitutions.append(Substitution(line, column, old_part, new_part,
                                                      term, part_start, part_end))
        return substitutions

    def rewrite_text(self, text: str, audience_id: str, path: str = "<text>") -> Rewrite:
        return self.rewrite(self.prepare(text, path), audience_id)

    def definition(self, term: Term, audience_id: str) -> str | None:
        """What the glossary page and tooltips tell this audience a term means, None for
        nothing: the audience's own definition as written, else the default in its words."""
        text = term.definition_for(audience_id)
        if text is None or term.defines_own(audience_id):
            return text
        return self.rewrite_plain(text, audience_id)

    def rewrite_plain(self, text: str, audience_id: str) -> str:
        """A title, nav label or site name: plain text, no Markdown, starting a sentence."""
        self.glossary.audience(audience_id)
        if audience_id == self.glossary.source:
            return text
        edits = []
        whole = Prose(0, len(text), True)
        for match in self.matcher.find(text, 0, len(text)):
            occurrence = self.matcher.occurrence(match, whole)
            term = self.matcher.terms[occurrence.term]
            edits.append((occurrence.start, occurrence.end,
                          self.matcher.replacement(occurrence, term.wording(audience_id))))
        return apply_edits(text, edits)


def _around_apostrophe(occurrence: Occurrence, old: str,
                       new: str) -> list[tuple[int, int, str]]:
    """A possessive's edits with its apostrophe left where the author typed it, so that
    SmartyPants curls it as in a build without rewriting (`children's` -> `players'` is
    `children` -> `players` and `s` -> ``)."""
    if occurrence.form not in POSSESSIVES:
        return [(occurrence.start, occurrence.end, new)]
    old_at = max(old.rfind("'"), old.rfind("\u2019"))
    new_at = max(new.rfind("'"), new.rfind("\u2019"))
    apostrophe = occurrence.start + old_at
    return [(occurrence.start, apostrophe, new[:new_at]),
            (apostrophe + 1, occurrence.end, new[new_at + 1:])]


def _start(occurrence: Occurrence) -> int:
    return occurrence.start


def _holds(starts: list[int], start: int, end: int) -> bool:
    """Whether a sorted list has a value in [start, end)."""
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _outside(prose: list[Prose], holes: list[tuple[int, int]]) -> list[Prose]:
    """The prose spans with the verbatim regions cut out of them. Regions never overlap, so
    each span looks only at the regions that reach into it (found by bisection)."""
    if not holes:
        return prose
    holes = sorted(holes)
    ends = [end for _, end in holes]
    result = []
    for span in prose:
        start, first = span.start, span.block_start
        index = bisect.bisect_right(ends, start)
        while index < len(holes) and holes[index][0] < span.end:
            hole_start, hole_end = holes[index]
            if start < hole_start:
                result.append(Prose(start, hole_start, first))
            start, first = max(start, hole_end), False
            index += 1
        if start < span.end:
            result.append(Prose(start, span.end, first))
    return result


def line_starts(text: str) -> list[int]:
    """The offset where each line of `text` starts: line n (1-based) starts at [n - 1]."""
    return [0, *(match.end() for match in NEWLINE.finditer(text))]


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end, new) made; an edit inside one already made is skipped."""
    if not edits:
        return text
    parts = []
    position = 0
    for start, end, new in sorted(edits):
        if start < position:  # inside a region already cut: nothing more to do
            start = position
            if end <= position:
                continue
        parts.append(text[position:start])
        parts.append(new)
        position = end
    parts.append(text[position:])
    return "".join(parts)

