"""The core-message checks: a message an audience's version loses (CM001) or that no page
says (CM002). Each page's part is worked out on its own (possibly in another process) and the
parts are joined at the end, since a message may be said on any page."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from guidance.engine import PreparedPage, Substitution
from guidance.lint.context import PageContext
from guidance.lint.rules import Finding
from guidance.lint.wordlists import CoreMessage, lowered_for_search

_CORE_STRIP = re.compile(r"[*_]+")
_SPACE = re.compile(r"\s\s+|[^\S ]")  # a single space is already what it would become


_EMPHASIS = str.maketrans("", "", "*_")


def normalise(text: str) -> str:
    """What core-message patterns are matched against: emphasis marks gone, every run of
    white space one space (as _CORE_STRIP and then _SPACE would make it, which `_Places`
    undoes; done with string methods, several times faster on a page)."""
    text = text.translate(_EMPHASIS)
    words = text.split()
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + \
        (" " if text[-1].isspace() else "")


@dataclass
class CorePage:
    """One page's part in the core-message rules: which audiences' versions of it say each
    message, and, for each message its source says, the finding that blames this page for an
    audience whose version does not."""

    in_source: set[str] = field(default_factory=set)
    found_for: dict[str, set[str]] = field(default_factory=dict)
    lost: dict[str, dict[str, Finding]] = field(default_factory=dict)


def core_messages_on_page(checked: PageContext) -> CorePage:
    """Which audiences' versions of the page say each message: every audience's version is
    written with the engine, as the site would."""
    context, page = checked.context, checked.page
    result = CorePage()
    messages = context.wordlists.core_messages
    if not messages:
        return result
    source = normalise(page.text)
    lowered = lowered_for_search(source)
    in_source: dict[str, tuple[int, int]] = {}
    places: _Places | None = None
    for message in messages:
        if not message.found_in(source, lowered):
            continue
        match = message.pattern.search(source)
        assert match is not None
        places = places or _Places(page.text)
        in_source[message.id] = places.span(match.start(), match.end())
    result.in_source = set(in_source)
    for audience in context.audiences:
        rewrite = checked.rewrite(audience)
        output = normalise(rewrite.text)
        lowered = lowered_for_search(output)
        for message in messages:
            if not message.audiences.include(audience):
                continue
            if message.found_in(output, lowered):
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


class _Places:
    """Where each character of `normalise(text)` comes from in the text, to turn a match in
    the normalised text back into offsets in the page. Each of normalise's two steps is undone
    in turn, from the few places it cut (emphasis marks, runs of white space)."""

    def __init__(self, text: str) -> None:
        self.steps: list[list[tuple[int, int, int, int]]] = []
        for pattern, replacement in ((_CORE_STRIP, ""), (_SPACE, " ")):
            cuts = []  # (start in the result, its length there, start and end in the input)
            shift = 0
            for match in pattern.finditer(text):
                cuts.append((match.start() - shift, len(replacement), match.start(), match.end()))
                shift += match.end() - match.start() - len(replacement)
            self.steps.insert(0, cuts)
            text = pattern.sub(replacement, text)
        self.starts = [[cut[0] for cut in cuts] for cuts in self.steps]

    def offset(self, index: int) -> int:
        for cuts, starts in zip(self.steps, self.starts, strict=True):
            at = bisect.bisect_right(starts, index) - 1
            if at >= 0:
                start, length, source_start, source_end = cuts[at]
                index = source_start + index - start if index < start + length else \
                    source_end + index - start - length
        return index

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset(start), self.offset(max(end - 1, start)) + 1
