"""Text that `pymdownx.snippets` includes, put into the including page so it is rewritten as prose.

`--8<-- "file.md"` (and the block form, one file a line between two `--8<--` lines) is replaced
by the file's lines, each indented as the marker is, and the file's own includes in turn, as the
extension does, with line ranges (`file.md:2:5,8`) and sections (`file.md:name`, between
`--8<-- [start:name]` and `--8<-- [end:name]`). Anything this cannot resolve exactly (a missing
file, a URL, an escaped `;--8<--`, negative line numbers, a selection that holds snippet
notation or is to be dedented) is left as written, so the extension itself still deals with it
when the page is rendered: expanding first never changes what the page renders to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

INLINE_OR_BLOCK = re.compile(
    r"(?P<space>[ \t]*)(?P<escape>;*)(?:-+8<-+[ \t]+(?P<quote>[\"'])(?P<path>.+?)(?P=quote)"
    r"|(?P<block>-+8<-+))\r?\Z"
)
# What follows the path: line ranges (`:3`, `:3:5`, `::5`, `:1:2,8:9`) or a section name.
RANGES = re.compile(r":((?:-?\d*)(?::-?\d*)?(?:,(?=[-\d:])-?\d*(?::-?\d*)?)*)\Z")
SECTION = re.compile(r":([A-Za-z][-_0-9A-Za-z]*)\Z")
SECTION_MARK = re.compile(
    r"(;*)-+8<-+[ \t]+\[[ \t]*(start|end)[ \t]*:[ \t]*([A-Za-z][-_0-9A-Za-z]*)[ \t]*\]",
    re.IGNORECASE,
)
TAB = 4


def expand_snippets(text: str, base_paths: Sequence[str | os.PathLike[str]],
                    restrict_base_path: bool = True, dedent_subsections: bool = False) -> str:
    """The page with every include it can resolve replaced by the included text.

    The settings are the extension's: `base_paths` is its `base_path`, resolved as it does
    against the folder the build runs in."""
    if "8<" not in text:
        return text
    bases = [Path(os.path.abspath(base)) for base in base_paths]
    includer = _Includer(bases, restrict_base_path, dedent_subsections)
    return "\n".join(includer.expand(text.split("\n"), ()))


class _Includer:
    def __init__(self, bases: list[Path], restrict: bool, dedent: bool) -> None:
        self.bases = bases
        self.restrict = restrict
        self.dedent = dedent

    def expand(self, lines: list[str], seen: tuple[Path, ...]) -> list[str]:
        result: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            match = INLINE_OR_BLOCK.match(line) if "8<" in line else None
            if match is None or match.group("escape"):
                result.append(line)
                index += 1
                continue
            if match.group("path") is not None:
                entries = [(match.group("space"), match.group("path").strip())]
                end = index + 1
            else:
                close = next((number for number in range(index + 1, len(lines))
                              if _is_block_marker(lines[number])), None)
                if close is None:  # an unclosed block: left to the extension
                    result.append(line)
                    index += 1
                    continue
                entries = [_entry(entry) for entry in lines[index + 1:close]]
                end = close + 1
            included = self.include(entries, seen, block=match.group("block") is not None)
            result += lines[index:end] if included is None else included
            index = end
        return result

    def include(self, entries: list[tuple[str, str]], seen: tuple[Path, ...],
                block: bool) -> list[str] | None:
        """The lines the entries include, each indented as its entry, or None if any cannot be
        resolved exactly."""
        lines: list[str] = []
        for space, entry in entries:
            if block and INLINE_OR_BLOCK.match(entry):
                return None  # a marker inside a block: left to the extension
            if block and not entry:
                lines.append("")
                continue
            if entry.startswith(";"):
                continue
            name, selection = entry, None
            if match := RANGES.search(entry) or SECTION.search(entry):
                if self.dedent:
                    return None
                name, selection = entry[:match.start()].strip(), match.group(1)
            path = self.resolve(name)
            if path is None:
                return None
            if path in seen:
                continue  # the extension includes no file inside itself
            text = path.read_text(encoding="utf-8")
            found = text.split("\n") if text else []
            if selection is not None:
                selected = _select(found, selection)
                if selected is None:
                    return None
                found = selected
            indent = space.expandtabs(TAB)
            lines += [indent + line for line in self.expand(found, (*seen, path))]
        return lines

    def resolve(self, entry: str) -> Path | None:
        if not entry or "://" in entry:
            return None
        for base in self.bases:
            if not base.is_dir():
                if base.exists():
                    return None  # a file as a base: left to the extension
                continue
            candidate = Path(os.path.abspath(base / entry))
            if self.restrict and base not in candidate.parents:
                continue
            if candidate.exists():
                return candidate if candidate.is_file() else None
        return None


def _select(lines: list[str], selection: str) -> list[str] | None:
    """The lines a range list or a section selects, or None where the extension must decide."""
    if selection[:1].isalpha():
        chosen = _section(lines, selection)
    else:
        chosen = []
        for item in selection.split(","):
            bounds = [int(number) if number else None for number in item.split(":")]
            if any(number is not None and number < 0 for number in bounds):
                return None
            start = bounds[0]
            end = bounds[1] if len(bounds) > 1 else None
            chosen += lines[None if start is None else max(0, start - 1):end]
    if chosen is None or any("8<" in line for line in chosen):
        return None
    return chosen


def _section(lines: list[str], name: str) -> list[str] | None:
    """The lines between a section's start and end markers (other sections' markers left out)."""
    chosen: list[str] | None = None
    for line in lines:
        mark = SECTION_MARK.search(line) if "8<" in line else None
        if mark is None or mark.group(1):
            if chosen is not None:
                chosen.append(line)
            continue
        if mark.group(3) != name:
            continue
        if mark.group(2).lower() == "end":
            return chosen
        if chosen is None:
            chosen = []
    return chosen


def _entry(line: str) -> tuple[str, str]:
    """A line of a block: its indentation and the path it names."""
    stripped = line.lstrip(" \t")
    return line[:len(line) - len(stripped)], stripped.rstrip("\r").strip()


def _is_block_marker(line: str) -> bool:
    match = INLINE_OR_BLOCK.match(line) if "8<" in line else None
    return match is not None and not match.group("escape") and match.group("block") is not None
