"""A page's variants: the fewest Markdown texts that, rendered once each, give every audience.

Audiences whose audience-only regions leave the same blocks share one variant; inside it every
phrase an audience words differently is a placeholder. Each variant is checked against the
engine's own rewrite for each of its audiences, so sharing can never change what a reader sees;
an audience whose text cannot be shared gets a variant of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guidance.engine import Engine, PreparedPage, Rewrite
from guidance.placeholders import Placeholders


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
        shared = _with_placeholders(page.text, rewrites, placeholders)
    except ValueError:
        return _unshared(rewrites)

    groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for audience_id in ids:
        dropped = tuple((region.line, region.end_line) for region in rewrites[audience_id].dropped)
        groups.setdefault(dropped, []).append(audience_id)

    variants: list[Variant] = []
    for audiences in groups.values():
        text = _without_regions(engine, page, shared, audiences[0])
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


def _without_regions(engine: Engine, page: PreparedPage, shared: str, audience_id: str) -> str:
    """The shared text with the audience's regions applied and every region marker removed."""
    if not page.regions:
        return shared
    return engine.rewrite_text(shared, audience_id, page.path).text


def _with_placeholders(
    source: str, rewrites: dict[str, Rewrite], placeholders: Placeholders
) -> str:
    """The source with each phrase some audience rewords replaced by a placeholder."""
    line_starts = [0]
    for n, char in enumerate(source):
        if char == "\n":
            line_starts.append(n + 1)

    changes: dict[str, list[tuple[int, int, str]]] = {}
    terms: dict[int, str] = {}
    for audience_id, rewrite in rewrites.items():
        spans = changes.setdefault(audience_id, [])
        for sub in rewrite.substitutions:
            start = line_starts[sub.line - 1] + sub.column - 1
            end = start + len(sub.original)
            if source[start:end] != sub.original:
                raise ValueError(f"substitution not found at {sub.line}:{sub.column}")
            spans.append((start, end, sub.replacement))
            terms.setdefault(start, sub.term)

    merged: list[list[int]] = []
    for start, end, _ in sorted(span for spans in changes.values() for span in spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])

    out: list[str] = []
    position = 0
    for start, end in merged:
        original = source[start:end]
        values = [
            _apply(source, start, end, changes[audience_id])
            for audience_id in placeholders.audience_ids
        ]
        out.append(source[position:start])
        out.append(
            original
            if all(v == original for v in values)
            else placeholders.token(original, values, _term_in(terms, start, end))
        )
        position = end
    out.append(source[position:])
    return "".join(out)


def _term_in(terms: dict[int, str], start: int, end: int) -> str | None:
    return next((term for at, term in sorted(terms.items()) if start <= at < end), None)


def _apply(source: str, start: int, end: int, spans: Sequence[tuple[int, int, str]]) -> str:
    """source[start:end] with the audience's own substitutions inside it made."""
    out: list[str] = []
    position = start
    for span_start, span_end, replacement in sorted(spans):
        if span_start >= start and span_end <= end:
            out.append(source[position:span_start])
            out.append(replacement)
            position = span_end
    out.append(source[position:end])
    return "".join(out)
