"""An audience's version of a page as the checks read it: its prose, and for any place in it,
the line of the source page it comes from (so a finding in rewritten text names docs/ lines)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from guidance.engine import PreparedPage, Rewrite


@dataclass(frozen=True)
class AudienceText:
    page: PreparedPage
    audience: str
    text: str  # the audience's whole page, as Engine.rewrite wrote it
    prose: tuple[tuple[int, int], ...]  # the page's prose, as offsets into `text`
    _edits: tuple[tuple[int, int, int, int], ...]  # (source start, end, output start, end)
    _output_starts: tuple[int, ...]

    def source_offset(self, offset: int) -> int:
        """Where an offset of the audience's text stands in the source: a replaced word maps
        to the start of the word it replaced."""
        at = bisect.bisect_right(self._output_starts, offset) - 1
        if at < 0:
            return offset
        source_start, source_end, _, output_end = self._edits[at]
        if offset < output_end:
            return source_start
        return source_end + (offset - output_end)

    def source_line(self, offset: int) -> tuple[int, int]:
        return self.page.line_col(self.source_offset(offset))


def audience_text(page: PreparedPage, rewrite: Rewrite, audience: str) -> AudienceText:
    """Replays the rewrite's edits (the cuts of regions and markers, and the substitutions) to
    map the source's prose into the audience's text."""
    edits = sorted([(start, end, "") for start, end in page.cuts(audience)]
                   + [(s.start, s.end, s.replacement) for s in rewrite.substitutions])
    mapped: list[tuple[int, int, int, int]] = []
    shift = 0
    position = 0
    for start, end, new in edits:
        start = max(start, position)  # an edit inside a cut region: the cut already covers it
        if end <= start:
            continue
        mapped.append((start, end, start + shift, start + shift + len(new)))
        shift += len(new) - (end - start)
        position = end
    output_starts = tuple(edit[2] for edit in mapped)
    source_starts = [edit[0] for edit in mapped]

    def forward(offset: int) -> int:
        at = bisect.bisect_right(source_starts, offset) - 1
        if at < 0:
            return offset
        source_start, source_end, output_start, output_end = mapped[at]
        if offset < source_end:
            return output_start if offset == source_start else output_end
        return output_end + (offset - source_end)

    prose = []
    for start, end in page.prose:
        out_start, out_end = forward(start), forward(end)
        if out_end > out_start:
            prose.append((out_start, out_end))
    return AudienceText(page, audience, rewrite.text, tuple(prose), tuple(mapped), output_starts)
