"""A page's variants: the fewest Markdown texts that, rendered once each, give every audience.

Audiences whose audience-only regions leave the same blocks share one variant; inside it every
phrase an audience words differently is a placeholder. Each variant is checked against the
engine's own rewrite for each of its audiences, so sharing can never change what a reader sees;
an audience whose text cannot be shared gets a variant of its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from guidance.engine import Engine, PreparedPage, Rewrite, apply_edits
from guidance.site.placeholders import Placeholders

QUOTED_LINE_BREAK = re.compile(r"\n[ \t]*>")
# A Markdown heading's line: each starts a section in which a term's definition shows again
HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.MULTILINE)


@dataclass(frozen=True)
class Variant:
    text: str
    audiences: tuple[str, ...]


def page_variants(
    engine: Engine,
    page: PreparedPage,
    placeholders: Placeholders,
) -> list[Variant]:
    """The variants of one page, the one most audiences read first."""
    ids = placeholders.audience_ids
    rewrites = {audience_id: engine.rewrite(page, audience_id) for audience_id in ids}
    edits = _placeholder_edits(page.text, rewrites, placeholders)
    # `[label]` links whose words hold a placeholder link by their label, written out. An
    # audience that keeps those words reads `[label][label]`, which renders as `[label]` does.
    labels = page.label_edits(sub for rewrite in rewrites.values() for sub in rewrite.substitutions)

    def expected(audience_id: str, cuts: list[tuple[int, int, str]]) -> str:
        """The audience's rewrite, with every link the variant labels labelled."""
        if not labels:
            return rewrites[audience_id].text
        changes = [(sub.start, sub.end, sub.replacement)
                   for sub in rewrites[audience_id].substitutions]
        return apply_edits(page.text, [*changes, *labels, *cuts])

    groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for audience_id in ids:
        dropped = tuple((region.line, region.end_line) for region in rewrites[audience_id].dropped)
        groups.setdefault(dropped, []).append(audience_id)

    variants: list[Variant] = []
    for audiences in groups.values():
        cuts = [(start, end, "") for start, end in page.cuts(audiences[0])]
        text = apply_edits(page.text, [*edits, *labels, *cuts])
        versions = placeholders.versions(text, audiences)
        fits = [a for a in audiences if versions[a] == expected(a, cuts)]
        if fits:
            variants.append(Variant(text, tuple(fits)))
        variants.extend(
            Variant(rewrites[a].text, (a,)) for a in audiences if a not in fits
        )
    variants.sort(key=lambda variant: -len(variant.audiences))
    return variants


def _placeholder_edits(
    source: str, rewrites: dict[str, Rewrite], placeholders: Placeholders
) -> list[tuple[int, int, str]]:
    """Where the source needs a placeholder: each phrase some audience words differently."""
    # Every audience's substitutions as (start, end, audience, replacement, term), in order.
    changes: list[tuple[int, int, int, str, str]] = []
    for n, audience_id in enumerate(placeholders.audience_ids):
        for sub in rewrites[audience_id].substitutions:
            changes.append((sub.start, sub.end, n, sub.replacement, sub.term))
    changes.sort()

    edits: list[tuple[int, int, str]] = []
    sections = [found.start() for found in HEADING_LINE.finditer(source)]
    explained: set[tuple[int, str]] = set()
    i = 0
    while i < len(changes):
        # One phrase: the substitutions that overlap, whichever audiences made them.
        start, end = changes[i][0], changes[i][1]
        j = i + 1
        while j < len(changes) and changes[j][0] < end:
            end = max(end, changes[j][1])
            j += 1
        original = source[start:end]
        values = _values(source, start, end, changes[i:j], len(placeholders.audience_ids))
        # A phrase wrapped across block quote lines holds Markdown (`> `), which a placeholder
        # cannot stand for: the audiences that change it get a variant of their own.
        if not QUOTED_LINE_BREAK.search(original) and any(v != original for v in values):
            # A term's definition shows on its first mention in each section, not on every
            # one: a reader who arrives at a section (from the contents, search or another
            # version) still finds it there.
            term = changes[i][4]
            first = (bisect.bisect_right(sections, start), term)
            if first in explained or _in_heading(source, start):
                term = None
            else:
                explained.add(first)
            edits.append((start, end, placeholders.token(original, values, term)))
        i = j
    return edits


def _in_heading(source: str, offset: int) -> bool:
    line_start = source.rfind("\n", 0, offset) + 1
    return source[line_start:offset].lstrip().startswith("#")


def _values(
    source: str, start: int, end: int, changes: list[tuple[int, int, int, str, str]], count: int
) -> list[str]:
    """source[start:end] as each audience words it, given their substitutions inside it."""
    if all(change[0] == start and change[1] == end for change in changes):
        values = [source[start:end]] * count  # the usual phrase: the same words swapped
        for _, _, n, replacement, _ in changes:
            values[n] = replacement
        return values
    parts: list[list[str]] = [[] for _ in range(count)]
    positions = [start] * count
    for span_start, span_end, n, replacement, _ in changes:
        parts[n] += [source[positions[n]:span_start], replacement]
        positions[n] = span_end
    return ["".join(part) + source[positions[n]:end] for n, part in enumerate(parts)]
