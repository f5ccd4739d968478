"""What the scanner says about a page: where its prose is, and where its comments are.

Only offsets into the page's text, so whatever is not rewritten stays byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Prose:
    """A stretch of text that readers read and the rewriter may change."""

    start: int
    end: int
    block_start: bool  # begins a paragraph, heading, list item or table cell


@dataclass(frozen=True)
class Comment:
    start: int
    end: int
    own_line: bool  # alone on its line: a block marker removes its whole line


@dataclass(frozen=True)
class Shortcut:
    """A shortcut (`[label]`) or collapsed (`[label][]`) reference: its text is its label, so
    when the text is rewritten the label must be written after it (`[new words][label]`)."""

    start: int  # the `[`
    close: int  # the `]` that ends the text
    end: int  # after the `[]` of a collapsed reference, else close + 1


@dataclass
class Structure:
    prose: list[Prose] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    shortcuts: list[Shortcut] = field(default_factory=list)
