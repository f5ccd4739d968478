"""Finding the prose in a Markdown page, in the dialect MkDocs speaks.

A CommonMark tokenizer would take the indented body of `!!! note` or `=== "Tab"` for a code
block; Python-Markdown with our extensions takes it for prose. So this is a careful line
scanner for that dialect (`blocks.py`, with `containers.py` for the indented bodies), followed
by an inline scanner (`inline.py`), and it only ever reports offsets: the text itself is never
rebuilt, so everything that is not rewritten stays byte for byte.
"""

from __future__ import annotations

from guidance.engine.blocks import BlockScanner
from guidance.engine.inline import InlineScanner
from guidance.engine.structure import Comment, Prose, Structure

__all__ = ["Comment", "Prose", "Structure", "scan"]


def scan(text: str) -> Structure:
    """The prose and the comments of a page, as offsets into `text`."""
    blocks = BlockScanner(text).scan()
    out = Structure(comments=blocks.comments)
    for start, end, first in blocks.inline:
        InlineScanner(text, out, blocks.labels).scan(start, end, first)
    return out
