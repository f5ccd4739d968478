"""A page's variants: the fewest Markdown texts that, rendered once each, give every audience.

Audiences whose audience-only regions leave the same blocks share one variant; inside it every
phrase an audience words differently is a placeholder. Each variant is checked against the
engine's own rewrite for each of its audiences, so sharing can never change what a reader sees;
an audience whose text cannot be shared gets a variant of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidance.engine import Engine, PreparedPage, Rewrite
from guidance.placeholders import Placeholders

_NEWLINE = re.compile("\n")


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
    try:
        edits = _placeholder_edits(page.text, rewrites, placeholders)
    except ValueError:
        return _unshared(rewrites)

    groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for audience_id in ids:
        dropped = tuple((region.line, region.end_line) for region in rewrites[audience_id].dropped)
        groups.setdefault(dropped, []).append(audience_id)

    variants: list[Variant] = []
    for audiences in groups.values():
        text = _apply(page.text, edits, _region_cuts(page, audiences[0]))
        fits = [a for a in audiences if placeholders.to_audience(text, a) == rewrites[a].text]
        if fits:
            variants.append(Variant(text, tuple(fits)))
        variants.extend(
            Variant(rewrites[a].text, (a,)) for a in audiences if a not in fits
        )
    variants.sort(key=lambda variant: -len(variant.audiences))
    return variants


def _unshared(rewrites: dict[str, Rewrite]) -> list[Variant]:
    """One variant per distinct rewritten text, when substitutions cannot be placed."""
    texts: dict[str, list[str]] = {}
    for audience_id, rewrite in rewrites.items():
        texts.setdefault(rewrite.text, []).append(audience_id)
    variants = [Variant(text, tuple(audiences)) for text, audiences in texts.items()]
    variants.sort(key=lambda variant: -len(variant.audiences))
    return variants


def _region_cuts(page: PreparedPage, audience_id: str) -> list[tuple[int, int]]:
    """What the audience's text leaves out: every marker, and the regions it does not see."""
    cuts = []
    for region in page.regions:
        if region.shows(audience_id):
            cuts += [(region.opening.start, region.opening.end),
                     (region.closing.start, region.closing.end)]
        else:
            cuts.append((region.opening.start, region.closing.end))
    return sorted(cuts)


def _apply(source: str, edits: list[tuple[int, int, str]], cuts: list[tuple[int, int]]) -> str:
    """The source with the cuts made and, outside them, each phrase replaced."""
    changes = sorted([*edits, *((start, end, "") for start, end in cuts)])
    out: list[str] = []
    position = 0
    for start, end, new in changes:
        if start < position:  # inside something already cut
            continue
        out += [source[position:start], new]
        position = end
    out.append(source[position:])
    return "".join(out)


def _placeholder_edits(
    source: str, rewrites: dict[str, Rewrite], placeholders: Placeholders
) -> list[tuple[int, int, str]]:
    """Where the source needs a placeholder: each phrase some audience words differently."""
    line_starts = [0, *(match.end() for match in _NEWLINE.finditer(source))]

    # Every audience's substitutions as (start, end, audience, replacement, term), in order.
    changes: list[tuple[int, int, int, str, str]] = []
    for n, audience_id in enumerate(placeholders.audience_ids):
        for sub in rewrites[audience_id].substitutions:
            start = line_starts[sub.line - 1] + sub.column - 1
            end = start + len(sub.original)
            if source[start:end] != sub.original:
                raise ValueError(f"substitution not found at {sub.line}:{sub.column}")
            changes.append((start, end, n, sub.replacement, sub.term))
    changes.sort()

    edits: list[tuple[int, int, str]] = []
    explained: set[str] = set()
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
        if any(v != original for v in values):
            # A term's definition shows on its first mention in the text, not on every one.
            term = changes[i][4]
            if term in explained or _in_heading(source, start):
                term = None
            else:
                explained.add(term)
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
    parts: list[list[str]] = [[] for _ in range(count)]
    positions = [start] * count
    for span_start, span_end, n, replacement, _ in changes:
        parts[n] += [source[positions[n]:span_start], replacement]
        positions[n] = span_end
    return ["".join(part) + source[positions[n]:end] for n, part in enumerate(parts)]
