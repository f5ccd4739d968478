"""Finding the prose in a Markdown page, in the dialect MkDocs speaks.

A CommonMark tokenizer would take the indented body of `!!! note` or `=== "Tab"` for a code
block; Python-Markdown with our extensions takes it for prose. So this is a careful line
scanner for that dialect, followed by an inline scanner, and it only ever reports offsets: the
text itself is never rebuilt, so everything that is not rewritten stays byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TAB = 4

FENCE = re.compile(r"(`{3,}|~{3,})")
ATX = re.compile(r"(#{1,6})[ \t]*")
ATX_TAIL = re.compile(r"(?:[ \t]+#+)?[ \t]*(?:\{[^{}]*\})?[ \t]*$")
SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
ADMONITION = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]*[\w-]*(?:[ \t]+[\w-]+)*(?:[ \t]+\"(.*)\")?[ \t]*$")
TABBED = re.compile(r"===[!+]*[ \t]+\"(.*)\"")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]:[ \t]*")
ABBREVIATION = re.compile(r"\*\[[^\]]+\]:[ \t]*")
REFERENCE = re.compile(r"\[[^\]]+\]:[ \t]*\S")
SNIPPET = re.compile(r";?-{1,}8<-{1,}")
ATTR_LIST_LINE = re.compile(r"\{:?[ \t]*[^}]*\}[ \t]*$")
LIST_ITEM = re.compile(r"(?:[*+-]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
DEFINITION = re.compile(r":[ \t]+")
QUOTE = re.compile(r"(?:>[ \t]?)+")
TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
HTML_BLOCK = re.compile(
    r"</?(?:address|article|aside|blockquote|center|details|dialog|div|dl|fieldset|figcaption|"
    r"figure|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|section|summary|table|tbody|"
    r"td|tfoot|th|thead|tr|ul|video|audio|canvas|noscript|object|pre|script|style|textarea)"
    r"(?=[\s/>]|$)",
    re.IGNORECASE,
)
OPAQUE_HTML = re.compile(r"<(pre|script|style|textarea)(?=[\s>])", re.IGNORECASE)
FRONT_MATTER_PROSE = re.compile(r"(title|description):[ \t]*(['\"]?)(.*?)\2[ \t]*$")

# Inline constructs that are never prose, tried where one of their first characters appears.
INLINE_START = re.compile(r"[\\`<\]\[{&:]|https?://|ftp://|www\.|[\w.+-]+@[\w-]+\.")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>"
)
ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}")
BARE_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\[\]()]*(?:\([^\s<>()]*\)[^\s<>\[\]()]*)*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")
EMOJI = re.compile(r":[a-z0-9_+]+(?:-[a-z0-9_+]+)+:")
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
REFERENCE_LABEL = re.compile(r"\]\[[^\]]*\]")


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


@dataclass
class Structure:
    prose: list[Prose] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def _indent(line: str) -> tuple[int, int]:
    """(columns, characters) of leading white space, tabs counting to the next stop of four."""
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


def _skip_prefix(line: str, columns: int) -> int:
    """Characters to drop to remove `columns` of indentation."""
    seen = chars = 0
    while chars < len(line) and seen < columns and line[chars] in " \t":
        seen += 1 if line[chars] == " " else TAB - seen % TAB
        chars += 1
    return chars


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.out = Structure()
        self.blocks: list[tuple[int, int, bool]] = []  # inline blocks to scan: start, end, first
        self.paragraph: list[int] | None = None  # [start, end] of the open paragraph

    # -- block level -------------------------------------------------------------------------

    def flush(self) -> None:
        if self.paragraph is not None:
            self.blocks.append((self.paragraph[0], self.paragraph[1], True))
            self.paragraph = None

    def inline(self, start: int, end: int, first: bool = True) -> None:
        self.flush()
        if end > start:
            self.blocks.append((start, end, first))

    def lines(self) -> list[tuple[int, str]]:
        result = []
        offset = 0
        for line in self.text.split("\n"):
            result.append((offset, line[:-1] if line.endswith("\r") else line))
            offset += len(line) + 1
        return result

    def scan(self) -> Structure:
        lines = self.lines()
        index = self.front_matter(lines)
        containers: list[int] = []  # content column of each open container
        fence: tuple[str, int] | None = None
        comment_from: int | None = None
        opaque: re.Pattern[str] | None = None
        in_code = in_html = in_table = in_snippets = False
        while index < len(lines):
            offset, line = lines[index]
            index += 1
            if comment_from is not None:
                close = line.find("-->")
                if close < 0:
                    continue
                self.out.comments.append(Comment(comment_from, offset + close + 3, False))
                comment_from = None
                continue
            if fence is not None:
                stripped = line.strip()
                if stripped.startswith(fence[0] * fence[1]) and not stripped.strip(fence[0]):
                    fence = None
                continue
            if opaque is not None:
                if opaque.search(line):
                    opaque = None
                continue
            columns, chars = _indent(line)
            if chars == len(line):  # blank
                self.flush()
                in_html = in_table = False
                continue
            if self.paragraph is None or in_code:  # a lazy paragraph line keeps its containers
                while containers and columns < containers[-1]:
                    containers.pop()
            base = max((column for column in containers if column <= columns), default=0)
            if in_code:
                if columns >= base + TAB:
                    continue
                in_code = False
            body_at = _skip_prefix(line, min(columns, base))
            body = line[body_at:]
            rel = columns - base
            start = offset + body_at
            if rel >= TAB and self.paragraph is None:
                in_code = True
                continue
            if in_snippets:
                in_snippets = SNIPPET.match(body.strip()) is None
                continue
            if rel >= TAB:  # indented continuation of a paragraph
                self.paragraph[1] = offset + len(line)  # type: ignore[index]
                continue
            body_start = start + (len(body) - len(body.lstrip()))
            body = body.lstrip()
            if match := FENCE.match(body):
                self.flush()
                if match.group(1)[0] == "`" and "`" in body[match.end():]:
                    pass  # not a fence: an inline code span opening a paragraph
                else:
                    fence = (match.group(1)[0], len(match.group(1)))
                    continue
            if body.startswith("<!--"):
                close = body.find("-->", 4)
                if close < 0:
                    self.flush()
                    comment_from = body_start
                    continue
                if not body[close + 3:].strip():
                    self.flush()
                    self.out.comments.append(Comment(body_start, body_start + close + 3, True))
                    continue
            if in_table:
                self.table_row(body_start, body)
                continue
            if in_html:
                self.inline(body_start, offset + len(line), False)
                continue
            if self.paragraph is None and HTML_BLOCK.match(body):
                if opaque_match := OPAQUE_HTML.match(body):
                    closing = re.compile(rf"</{opaque_match.group(1)}\s*>", re.IGNORECASE)
                    if not closing.search(body):
                        opaque = closing
                    self.flush()
                    continue
                in_html = True
                self.inline(body_start, offset + len(line), False)
                continue
            if match := ATX.match(body):
                tail = ATX_TAIL.search(body, match.end())
                end = body_start + (tail.start() if tail else len(body))
                self.inline(body_start + match.end(), max(end, body_start + match.end()))
                continue
            if self.paragraph is not None and SETEXT.match(body):
                self.flush()
                continue
            if RULE.match(body):
                self.flush()
                continue
            if body.startswith(("!!!", "???")) and (match := ADMONITION.match(body)):
                if match.group(1) is not None:
                    self.inline(body_start + match.start(1), body_start + match.end(1))
                self.flush()
                containers.append(columns + TAB)
                continue
            if match := TABBED.match(body):
                self.inline(body_start + match.start(1), body_start + match.end(1))
                containers.append(columns + TAB)
                continue
            if SNIPPET.match(body):
                self.flush()
                in_snippets = not body.strip().strip(";-8<")  # a bare marker opens a block
                continue
            if match := FOOTNOTE.match(body):
                self.flush()
                containers.append(columns + TAB)
                self.paragraph = [body_start + match.end(), offset + len(line)]
                continue
            if match := ABBREVIATION.match(body):
                self.inline(body_start + match.end(), offset + len(line))
                continue
            if self.paragraph is None and REFERENCE.match(body) and "]:" in body:
                continue
            if ATTR_LIST_LINE.match(body):
                self.flush()
                continue
            if match := LIST_ITEM.match(body):
                self.flush()
                containers.append(columns + TAB)
                self.paragraph = [body_start + match.end(), offset + len(line)]
                continue
            if match := QUOTE.match(body):
                first = self.paragraph is None
                rest = body[match.end():]
                item = LIST_ITEM.match(rest) or ATX.match(rest)
                if item or not rest.strip():
                    self.flush()
                    first = True
                at = body_start + match.end() + (item.end() if item else 0)
                if first:
                    self.flush()
                    self.paragraph = [at, offset + len(line)]
                else:
                    self.paragraph[1] = offset + len(line)  # type: ignore[index]
                continue
            if self.paragraph is None and "|" in body and index < len(lines):
                following = lines[index][1].strip()
                if "-" in following and TABLE_DELIMITER.match(following):
                    in_table = True
                    self.table_row(body_start, body)
                    continue
            if self.paragraph is None and (match := DEFINITION.match(body)):
                containers.append(columns + TAB)
                self.paragraph = [body_start + match.end(), offset + len(line)]
                continue
            if self.paragraph is None:
                self.paragraph = [body_start, offset + len(line)]
            else:
                self.paragraph[1] = offset + len(line)
        self.flush()
        if comment_from is not None:
            self.out.comments.append(Comment(comment_from, len(self.text), False))
        for start, end, first in self.blocks:
            _InlineScanner(self.text, self.out).scan(start, end, first)
        return self.out

    def front_matter(self, lines: list[tuple[int, str]]) -> int:
        if not lines or lines[0][1].rstrip() != "---":
            return 0
        for index in range(1, len(lines)):
            line = lines[index][1]
            if line.rstrip() in ("---", "..."):
                for value_offset, value_line in lines[1:index]:
                    if match := FRONT_MATTER_PROSE.match(value_line):
                        value_start, value_end = match.span(3)
                        self.inline(value_offset + value_start, value_offset + value_end)
                self.flush()
                return index + 1
        return 0

    def table_row(self, start: int, body: str) -> None:
        if TABLE_DELIMITER.match(body):
            return
        cell = 0
        position = 0
        while position <= len(body):
            char = body[position] if position < len(body) else "|"
            if char == "\\":
                position += 2
                continue
            if char == "`":
                run = len(body[position:]) - len(body[position:].lstrip("`"))
                close = body.find("`" * run, position + run)
                position = close + run if close >= 0 else position + run
                continue
            if char == "|":
                if body[cell:position].strip():
                    self.inline(start + cell, start + position)
                cell = position + 1
            position += 1


class _InlineScanner:
    def __init__(self, text: str, out: Structure) -> None:
        self.text = text
        self.out = out

    def scan(self, start: int, end: int, first: bool) -> None:
        text = self.text
        position = piece = start
        while match := INLINE_START.search(text, position, end):
            at = match.start()
            found = self.construct(at, end)
            if found is None:
                position = at + 1
                continue
            skip_from, invisible, skip_to = found
            if skip_from == skip_to:  # an escape or a lone backtick run: prose, stepped over
                position = skip_to
                continue
            if skip_from > piece:
                self.out.prose.append(Prose(piece, skip_from, first))
                first = False
            elif not invisible:
                first = False
            piece = position = skip_to
        if end > piece:
            self.out.prose.append(Prose(piece, end, first))

    def construct(self, at: int, end: int) -> tuple[int, bool, int] | None:
        """(start, invisible, end) of a non-prose construct beginning at `at`, if any."""
        text = self.text
        char = text[at]
        if char == "\\":
            return (min(at + 2, end), False, min(at + 2, end))
        if char == "`":
            run = at
            while run < end and text[run] == "`":
                run += 1
            width = run - at
            close = text.find("`" * width, run, end)
            while close >= 0 and close + width < end and text[close + width] == "`":
                after = close
                while after < end and text[after] == "`":
                    after += 1
                close = text.find("`" * width, after, end)
            return (run, False, run) if close < 0 else (at, False, close + width)
        if char == "<":
            if text.startswith("<!--", at):
                close = text.find("-->", at + 4, end)
                stop = end if close < 0 else close + 3
                self.out.comments.append(Comment(at, stop, False))
                return (at, True, stop)
            for pattern in (AUTOLINK, HTML_TAG):
                if match := pattern.match(text, at, end):
                    if pattern is HTML_TAG and (opaque := OPAQUE_HTML.match(text, at, end)):
                        closing = re.compile(rf"</{opaque.group(1)}\s*>", re.IGNORECASE)
                        if found := closing.search(text, match.end(), end):
                            return (at, True, found.end())
                    return (at, pattern is HTML_TAG, match.end())
            return None
        if char == "]":
            if text.startswith("](", at):
                close = _closing_paren(text, at + 2, end)
                return None if close is None else (at + 1, False, close)
            if match := REFERENCE_LABEL.match(text, at, end):
                return (at + 1, False, match.end())
            return None
        if char == "[":
            match = FOOTNOTE_REF.match(text, at, end)
            return (at, False, match.end()) if match else None
        if char == "{":
            match = ATTR_LIST.match(text, at, end)
            return (at, True, match.end()) if match else None
        if char == "&":
            match = ENTITY.match(text, at, end)
            return (at, False, match.end()) if match else None
        if char == ":":
            match = EMOJI.match(text, at, end)
            return (at, False, match.end()) if match else None
        if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_-."):
            return None  # in the middle of a word: not the start of a URL or an address
        for pattern in (BARE_URL, EMAIL):
            if match := pattern.match(text, at, end):
                stop = match.end()
                while stop > at and text[stop - 1] in ".,;:!?'\"":
                    stop -= 1  # sentence punctuation after a URL is prose
                return (at, False, stop)
        return None


def _closing_paren(text: str, start: int, end: int) -> int | None:
    """End of a link destination and title, allowing balanced parentheses inside."""
    depth = 1
    position = start
    quote: str | None = None
    while position < end:
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and text[position - 1] in " \t\n":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return position + 1
        elif char == "\n" and text[position + 1:position + 2] == "\n":
            return None
        position += 1
    return None


def scan(text: str) -> Structure:
    """The prose and the comments of a page, as offsets into `text`."""
    return _Scanner(text).scan()
