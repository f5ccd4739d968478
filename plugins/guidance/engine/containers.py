"""Containers: the blocks whose body is more blocks, and how far that body is indented.

In MkDocs' dialect the indented body of `!!! note`, `=== "Tab"`, a list item, a footnote or a
definition is prose, not code as CommonMark would have it. A container's body is every following
line indented at least four columns past its opener (a lazy paragraph line keeps it open);
code inside it is indented four more.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

TAB = 4

ADMONITION = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]*[\w-]*(?:[ \t]+[\w-]+)*(?:[ \t]+\"(.*)\")?[ \t]*$")
TABBED = re.compile(r"===[!+]*[ \t]+\"(.*)\"")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]:[ \t]*")
LIST_ITEM = re.compile(r"(?:[*+-]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
DEFINITION = re.compile(r":[ \t]+")
QUOTE = re.compile(r"(?:>[ \t]?)+")


@dataclass(frozen=True, slots=True)
class Opener:
    """What a container's first line holds, as offsets into that line's body."""

    title: tuple[int, int] | None  # an admonition's or tab's title, prose
    text: int | None  # where a list item's, footnote's or definition's own text starts
    item: bool  # a list item: the next item may follow its text without a blank line


def opener(body: str, in_paragraph: bool, in_item: bool) -> Opener | None:
    """The admonition, tab, footnote or list item that `body` opens, if any. A list item
    interrupts no paragraph but another item's text."""
    if body.startswith(("!!!", "???")) and (match := ADMONITION.match(body)):
        return Opener(match.span(1) if match.group(1) is not None else None, None, False)
    if match := TABBED.match(body):
        return Opener(match.span(1), None, False)
    if match := FOOTNOTE.match(body):
        return Opener(None, match.end(), False)
    if (match := LIST_ITEM.match(body)) and (not in_paragraph or in_item):
        return Opener(None, match.end(), True)
    return None


def definition(body: str, in_paragraph: bool) -> Opener | None:
    """A definition (`:   text`) under its term: a container too, tried after tables."""
    if not in_paragraph and (match := DEFINITION.match(body)):
        return Opener(None, match.end(), False)
    return None


def indent(line: str) -> tuple[int, int]:
    """(columns, characters) of leading white space, tabs counting to the next stop of four."""
    chars = len(line) - len(line.lstrip(" \t"))
    if "\t" not in line[:chars]:
        return chars, chars
    columns = chars = 0
    for char in line:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += TAB - columns % TAB
        else:
            break
        chars += 1
    return columns, chars


def skip_prefix(line: str, columns: int) -> int:
    """Characters to drop to remove `columns` of indentation."""
    seen = chars = 0
    while chars < len(line) and seen < columns and line[chars] in " \t":
        seen += 1 if line[chars] == " " else TAB - seen % TAB
        chars += 1
    return chars


class Containers:
    """The content column of each open container, innermost last (always increasing)."""

    def __init__(self) -> None:
        self.columns: list[int] = []

    def close_outdented(self, columns: int) -> None:
        """A line indented less than a container's body ends that container."""
        while self.columns and columns < self.columns[-1]:
            self.columns.pop()

    def base(self, columns: int) -> int:
        """The content column of the innermost container a line indented `columns` is in."""
        index = bisect.bisect_right(self.columns, columns)
        return self.columns[index - 1] if index else 0

    def open(self, columns: int) -> None:
        """An opener at `columns` closes the containers its siblings and their children held,
        so a long tight list keeps a short stack."""
        while self.columns and self.columns[-1] > columns:
            self.columns.pop()
        self.columns.append(columns + TAB)
