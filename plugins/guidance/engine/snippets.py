"""Text that `pymdownx.snippets` includes, put into the including page so it is rewritten as prose.

`--8<-- "file.md"` (and the block form, one file a line between two `--8<--` lines) is replaced
by the file's lines, each indented as the marker is, and the file's own includes in turn, as the
extension does. Anything this cannot resolve exactly (a missing file, a URL, line ranges or
sections, an escaped `;--8<--`) is left as written, so the extension itself still deals with it
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
TARGET_SUFFIX = re.compile(r":(?:-?\d*(?::-?\d*)?(?:,.*)?|[A-Za-z][-_0-9A-Za-z]*)\Z")
TAB = 4


def expand_snippets(text: str, base_paths: Sequence[str | os.PathLike[str]],
                    restrict_base_path: bool = True) -> str:
    """The page with every include it can resolve replaced by the included text.

    `base_paths` are the extension's `base_path` setting, resolved against the project folder
    (the extension's default is the folder `mkdocs build` runs in)."""
    if "8<" not in text:
        return text
    bases = [Path(os.path.abspath(base)) for base in base_paths]
    return "\n".join(_Includer(bases, restrict_base_path).expand(text.split("\n"), ()))


class _Includer:
    def __init__(self, bases: list[Path], restrict: bool) -> None:
        self.bases = bases
        self.restrict = restrict

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
            path = self.resolve(entry)
            if path is None:
                return None
            if path in seen:
                continue  # the extension includes no file inside itself
            text = path.read_text(encoding="utf-8")
            indent = space.expandtabs(TAB)
            lines += [indent + line
                      for line in self.expand(text.split("\n") if text else [], (*seen, path))]
        return lines

    def resolve(self, entry: str) -> Path | None:
        if not entry or "://" in entry or TARGET_SUFFIX.search(entry):
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


def _entry(line: str) -> tuple[str, str]:
    """A line of a block: its indentation and the path it names."""
    stripped = line.lstrip(" \t")
    return line[:len(line) - len(stripped)], stripped.rstrip("\r").strip()


def _is_block_marker(line: str) -> bool:
    match = INLINE_OR_BLOCK.match(line) if "8<" in line else None
    return match is not None and not match.group("escape") and match.group("block") is not None
