"""What the site builder cannot build, found before MkDocs renders it.

Each is a mistake an editor can make and fix, so each is a located message instead of a
traceback halfway through the build: the characters the placeholders use, in a page or in the
glossary, lists or quotes nested deeper than Python-Markdown can parse (it runs out of stack
long before 1,000 levels), and an audience region in the excerpt of a blog post (the blog
writes one excerpt for every audience's index).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guidance.engine import Glossary, GuidanceError, PreparedPage
from guidance.site.placeholders import RESERVED

MAX_NESTING = 100
_RESERVED_WHY = "a character of the Yi script, which the site builder reserves for its own use"
# Lines that may be nested deeply: 50 indents, or 50 list markers or quote marks in a row
_DEEP_CANDIDATE = re.compile(
    r"^(?:[ \t]{200}|(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]*){50})", re.MULTILINE)
_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*>[ \t]?")


def page_problems(text: str, path: str) -> Iterator[GuidanceError]:
    """The reserved characters and too-deep nesting in a page's Markdown."""
    if found := RESERVED.search(text):
        yield GuidanceError(
            f"This page uses {_RESERVED_WHY}.", path=path, line=_line(text, found.start()),
            code="RESERVED", fix="Remove the character or write it as an HTML entity.")
    for candidate in _DEEP_CANDIDATE.finditer(text):
        depth = _depth(text, candidate.start())
        if depth > MAX_NESTING:
            yield GuidanceError(
                f"lists or quotes are nested {depth} levels deep here; the site builder can "
                f"render at most {MAX_NESTING}.", path=path, line=_line(text, candidate.start()),
                code="NESTING", fix="flatten the list: use headings or separate lists.")
            return


def excerpt_problem(post: PreparedPage, separator: str) -> GuidanceError | None:
    """An audience region in what the blog shows of a post on its index, category and archive
    pages: the text above the separator, or the whole post without one. The blog renders that
    excerpt once, so every audience would read the same one, regions and all."""
    cut = post.text.find(separator)
    for region in post.regions:
        if region.kind == "audience" and (cut < 0 or region.opening.start < cut):
            where = (f"above '{separator}'" if cut >= 0 else
                     f"in a post with no '{separator}', which the blog shows whole")
            fix = (f"move the region below '{separator}'" if cut >= 0 else
                   f"put '{separator}' on a line of its own above the region")
            return GuidanceError(
                f"an audience region {where}: the blog lists every audience the same excerpt, "
                f"so some would read words meant for others.", path=post.path,
                line=region.opening.line, code="EXCERPT", fix=fix)
    return None


def glossary_problems(glossary: Glossary) -> Iterator[GuidanceError]:
    """Glossary text holding the characters the placeholders are made of."""
    for audience in glossary.audiences:
        if RESERVED.search(audience.name + audience.reader):
            yield GuidanceError(
                f"audience '{audience.id}' uses {_RESERVED_WHY}.", path=audience.path,
                line=audience.line, code="RESERVED", fix="remove the character.")
    for term in glossary.terms:
        texts = [term.term, term.plural, term.definition, *term.variants,
                 *(word for wording in term.swap.values()
                   for word in (wording.singular, wording.plural))]
        if any(RESERVED.search(text) for text in texts):
            yield GuidanceError(
                f"term '{term.term}' uses {_RESERVED_WHY}.", path=term.path, line=term.line,
                code="RESERVED", fix="remove the character.")


def _depth(text: str, start: int) -> int:
    end = text.find("\n", start)
    line = text[start:] if end < 0 else text[start:end]
    body = line.lstrip(" \t")
    depth = len(line[: len(line) - len(body)].expandtabs(4)) // 4
    position = 0
    while found := _MARKER.match(body, position):
        if found.end() == position:
            break
        depth += 1
        position = found.end()
    return depth


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
