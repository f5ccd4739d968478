"""Audience-only and verbatim regions, marked with HTML comments.

Regions decide what a reader is shown, so they fail closed: a marker the engine cannot read
with certainty (an unknown audience, a region left open, one inside another) is an error
naming the line, never a guess.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from guidance.engine.errors import GuidanceError
from guidance.engine.markdown_scan import Comment

OPEN_AUDIENCE = re.compile(r"<!--\s*audience\s*:\s*(not\s+)?(.*?)\s*-->\Z", re.DOTALL)
CLOSE_AUDIENCE = re.compile(r"<!--\s*/\s*audience\s*-->\Z")
OPEN_VERBATIM = re.compile(r"<!--\s*verbatim\s*-->\Z")
CLOSE_VERBATIM = re.compile(r"<!--\s*/\s*verbatim\s*-->\Z")
LOOKS_LIKE_MARKER = re.compile(r"<!--\s*/?\s*(audience|verbatim)\b", re.IGNORECASE)
AUDIENCE_SYNTAX = "<!-- audience: id, id --> or <!-- audience: not id -->"


@dataclass(frozen=True)
class Marker:
    start: int  # what is removed from the output: the comment, or its whole line
    end: int
    line: int


@dataclass(frozen=True)
class Region:
    kind: str  # "audience" or "verbatim"
    audiences: tuple[str, ...]
    negated: bool
    opening: Marker
    closing: Marker

    @property
    def content(self) -> tuple[int, int]:
        return self.opening.end, self.closing.start

    def shows(self, audience_id: str) -> bool:
        return self.kind == "verbatim" or (audience_id in self.audiences) != self.negated


def find_regions(
    text: str,
    comments: Sequence[Comment],
    known: Sequence[str],
    path: str,
    line_of: Callable[[int], int],
) -> tuple[list[Region], list[GuidanceError]]:
    """Pairs the markers among a page's comments; returns the regions and every error."""
    regions: list[Region] = []
    errors: list[GuidanceError] = []
    open_marker: tuple[str, tuple[str, ...], bool, Marker] | None = None

    def error(message: str, line: int, fix: str) -> None:
        errors.append(GuidanceError(message, path=path, line=line, fix=fix, code="REGION"))

    for comment in sorted(comments, key=lambda comment: comment.start):
        raw = text[comment.start:comment.end]
        if not LOOKS_LIKE_MARKER.match(raw):
            continue
        line = line_of(comment.start)
        marker = _marker(text, comment, line)
        kind = "verbatim" if "verbatim" in raw.lower() else "audience"
        opening = OPEN_AUDIENCE.match(raw) or OPEN_VERBATIM.match(raw)
        closing = CLOSE_AUDIENCE.match(raw) or CLOSE_VERBATIM.match(raw)
        if opening:
            audiences: tuple[str, ...] = ()
            negated = False
            if kind == "audience":
                negated = bool(opening.group(1))
                audiences = tuple(part.strip() for part in opening.group(2).split(","))
                if not all(audiences):
                    error("this audience region does not list its audiences clearly.", line,
                          f"write the audience ids separated by commas: {AUDIENCE_SYNTAX}.")
                    continue
                for audience_id in audiences:
                    if audience_id not in known:
                        message, fix = _unknown(audience_id, known, negated)
                        error(message, line, fix)
            if open_marker is not None:
                error(f"the {open_marker[0]} region opened on line {open_marker[3].line} is not "
                      f"closed before line {line}, where another region starts (regions cannot "
                      "be nested).", line,
                      f"add <!-- /{open_marker[0]} --> where that region's passage ends, before "
                      f"line {line}.")
                continue
            open_marker = (kind, audiences, negated, marker)
        elif closing:
            if open_marker is None:
                error(f"<!-- /{kind} --> closes a region that was never opened.", line,
                      f"delete it, or add the opening <!-- {kind}: ... --> above.")
            elif open_marker[0] != kind:
                error(f"<!-- /{kind} --> cannot close the {open_marker[0]} region opened on "
                      f"line {open_marker[3].line}.", line,
                      f"close it with <!-- /{open_marker[0]} -->.")
                open_marker = None
            else:
                regions.append(Region(kind, open_marker[1], open_marker[2], open_marker[3],
                                      marker))
                open_marker = None
        else:
            syntax = AUDIENCE_SYNTAX if kind == "audience" else "<!-- verbatim -->"
            error(f"this comment looks like a {kind} marker but cannot be read.", line,
                  f"write it exactly as {syntax}, closed by <!-- /{kind} -->.")
    if open_marker is not None:
        error(f"the {open_marker[0]} region opened here is never closed.", open_marker[3].line,
              f"add <!-- /{open_marker[0]} --> where the region ends.")
    return regions, errors


def _unknown(audience_id: str, known: Sequence[str], negated: bool) -> tuple[str, str]:
    """The message and fix for an id that is not an audience. A guess must never turn
    'not-coaches' (everyone but coaches) into 'coaches' (coaches only)."""
    message = f"'{audience_id}' is not an audience."
    words = [word for word in re.split(r"[\s;/&+]+|\band\b", audience_id) if word]
    if re.match(r"not[-_]", audience_id) and audience_id[4:] in known and not negated:
        rest = audience_id[4:]
        return (f"{message} To show the passage to everyone except {rest}, write 'not' and a "
                "space before the id.", f"write <!-- audience: not {rest} -->.")
    if len(words) > 1 and all(word in known for word in words):
        return (f"{message} Separate audience ids with commas.",
                f"write <!-- audience: {'not ' if negated else ''}{', '.join(words)} -->.")
    close = [] if audience_id.startswith("not") else difflib.get_close_matches(audience_id,
                                                                                 known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return message, f"use one of {', '.join(known)}{hint}; {AUDIENCE_SYNTAX}."


def _marker(text: str, comment: Comment, line: int) -> Marker:
    """A marker alone on its line takes the line with it, so it leaves no blank line behind."""
    if not comment.own_line:
        return Marker(comment.start, comment.end, line)
    start = text.rfind("\n", 0, comment.start) + 1
    end = text.find("\n", comment.end)
    return Marker(start, len(text) if end < 0 else end + 1, line)
