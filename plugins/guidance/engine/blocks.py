"""Reading a page line by line into blocks, in the dialect MkDocs speaks.

Each line is first taken out of the containers it belongs to (`containers.py`: admonitions,
tabs, list items, footnotes, definitions), then read as a leaf block: a paragraph, heading,
fence, HTML block, table, reference definition, comment... The result is the stretches of text
whose inline content is read next (`inline.py`), the page's comments and its reference labels.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from guidance.engine.containers import (
    LIST_ITEM,
    QUOTE,
    TAB,
    Containers,
    Opener,
    definition,
    indent,
    opener,
    skip_prefix,
)
from guidance.engine.inline import OPAQUE_HTML, label
from guidance.engine.structure import Comment

FENCE = re.compile(r"(`{3,}|~{3,})")
FENCE_ONLY = re.compile(r"(`{3,}|~{3,})[ \t]*\Z")
ATX = re.compile(r"(#{1,6})[ \t]*")
SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
ABBREVIATION = re.compile(r"\*\[[^\]]+\]:[ \t]*")
REFERENCE = re.compile(r"\[([^\]]+)\]:[ \t]*\S")
SNIPPET = re.compile(r";?-{1,}8<-{1,}")
ATTR_LIST_LINE = re.compile(r"\{:?[ \t]*[^}]*\}[ \t]*$")
TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
HTML_BLOCK = re.compile(
    r"</?(?:address|article|aside|blockquote|center|details|dialog|div|dl|fieldset|figcaption|"
    r"figure|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|section|summary|table|tbody|"
    r"td|tfoot|th|thead|tr|ul|video|audio|canvas|noscript|object|pre|script|style|textarea)"
    r"(?=[\s/>]|$)",
    re.IGNORECASE,
)
IDENTIFIER_BLOCK = re.compile(r"(?:#{1,6}[ \t]*)?:::[ \t]*\S")  # mkdocstrings: `::: package.module`
CAPTION = re.compile(r"(?<![\w-])title=([\"'])(.*?)\1")  # SuperFences: ```lang title="…"
FRONT_MATTER_PROSE = re.compile(r"(title|description):[ \t]*(['\"]?)(.*?)\2[ \t]*$")


@dataclass(slots=True)
class Line:
    """A line with its containers' indentation and its own leading white space removed."""

    number: int
    columns: int  # its indentation
    body: str
    start: int  # offset of the body
    end: int  # offset of the end of the line


@dataclass
class Blocks:
    inline: list[tuple[int, int, bool]] = field(default_factory=list)  # start, end, first
    comments: list[Comment] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)  # reference definitions: `[label]` links


class BlockScanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.out = Blocks()
        self.lines = _lines(text)
        self.closings = _fence_closings(self.lines)
        self.containers = Containers()
        self.paragraph: list[int] | None = None  # [start, end] of the open paragraph
        self.paragraph_is_item = False  # only a list item's own text can be followed by an item
        # what a line may be continuing
        self.fence: tuple[str, bool] | None = None  # the closing run, and whether in a quote
        self.comment_from: int | None = None
        self.opaque: re.Pattern[str] | None = None  # the end tag of a <pre>-like element
        self.options_of: int | None = None  # the indentation of an identifier block's line
        self.in_code = self.in_html = self.in_table = self.in_snippets = False

    def scan(self) -> Blocks:
        for number in range(self.front_matter(), len(self.lines)):
            offset, text = self.lines[number]
            if self.inside_raw(offset, text):
                continue
            columns, chars = indent(text)
            if chars == len(text):  # blank
                self.flush()
                self.in_html = self.in_table = False
                self.options_of = None
                continue
            if self.options_of is not None:
                if columns > self.options_of:  # an identifier block's indented options
                    continue
                self.options_of = None
            line = self.body_of(number, offset, text, columns)
            if line is None:
                continue
            if line.body[:1].isalpha() and "|" not in line.body and not (
                    self.in_table or self.in_html):
                self.paragraph_line(line)  # most lines: no block starts with a letter
            elif not (self.leaf(line) or self.container(line) or self.table(line)
                      or self.definition(line)):
                self.paragraph_line(line)
        self.flush()
        if self.comment_from is not None:
            self.out.comments.append(Comment(self.comment_from, len(self.text), False))
        return self.out

    # -- the paragraph and the inline stretches ------------------------------------------------

    def flush(self) -> None:
        if self.paragraph is not None:
            self.out.inline.append((self.paragraph[0], self.paragraph[1], True))
            self.paragraph = None
            self.paragraph_is_item = False

    def inline(self, start: int, end: int, first: bool = True) -> None:
        self.flush()
        if end > start:
            self.out.inline.append((start, end, first))

    def paragraph_line(self, line: Line) -> None:
        if self.paragraph is None:
            self.paragraph = [line.start, line.end]
        else:
            self.paragraph[1] = line.end

    # -- lines that belong to something already open -------------------------------------------

    def inside_raw(self, offset: int, text: str) -> bool:
        """True for a line of a multi-line comment, a fence or a <pre>-like HTML block."""
        if self.comment_from is not None:
            close = text.find("-->")
            if close >= 0:
                self.out.comments.append(Comment(self.comment_from, offset + close + 3, False))
                self.comment_from = None
            return True
        if self.fence is not None:
            run, quoted = self.fence
            body = text.lstrip()
            if quoted:
                quote = QUOTE.match(body)
                body = body[quote.end():].lstrip() if quote else ""
            if (match := FENCE_ONLY.match(body)) and match.group(1) == run:
                self.fence = None
                return True
            if not quoted or body or text.lstrip().startswith(">"):
                return True
            self.fence = None  # the block quote holding the fence has ended
        if self.opaque is not None:
            if self.opaque.search(text):
                self.opaque = None
            return True
        return False

    def body_of(self, number: int, offset: int, text: str, columns: int) -> Line | None:
        """The line inside its containers, or None if it is indented code, a continuation
        line or a snippet file name, which need nothing more."""
        if self.paragraph is None or self.in_code:  # a lazy paragraph line keeps its containers
            self.containers.close_outdented(columns)
        base = self.containers.base(columns)
        if self.in_code:
            if columns >= base + TAB:
                return None
            self.in_code = False
        body_at = skip_prefix(text, min(columns, base))
        indented = columns - base >= TAB
        if indented and self.paragraph is None:
            self.in_code = True
            return None
        if self.in_snippets:
            self.in_snippets = SNIPPET.match(text[body_at:].strip()) is None
            return None
        if indented:  # indented continuation of a paragraph
            self.paragraph[1] = offset + len(text)  # type: ignore[index]
            return None
        body = text[body_at:].lstrip()
        return Line(number, columns, body, offset + len(text) - len(body), offset + len(text))

    # -- leaf blocks ---------------------------------------------------------------------------

    def leaf(self, line: Line) -> bool:
        """Reads a line that opens or continues a block of its own; False if it is none."""
        body, start = line.body, line.start
        if (match := FENCE.match(body)) and \
                self.open_fence(match.group(1), line.number, line.columns) and \
                not (match.group(1)[0] == "`" and "`" in body[match.end():]):
            self.start_fence(start, body, match.end(), quoted=False)
            return True
        if body.startswith("<!--"):
            close = body.find("-->", 4)
            if close < 0:
                self.flush()
                self.comment_from = start
                return True
            if not body[close + 3:].strip():
                self.flush()
                self.out.comments.append(Comment(start, start + close + 3, True))
                return True
        if self.in_table:
            self.table_row(start, body)
            return True
        if self.in_html:
            self.html_line(start, line.end)
            return True
        if self.paragraph is None and HTML_BLOCK.match(body):
            self.html_block(line)
            return True
        if IDENTIFIER_BLOCK.match(body):
            self.flush()
            self.options_of = line.columns
            return True
        if match := ATX.match(body):
            end = start + _heading_text_end(body, match.end())
            self.inline(start + match.end(), max(end, start + match.end()))
            return True
        if (self.paragraph is not None and SETEXT.match(body)) or RULE.match(body):
            self.flush()
            return True
        if SNIPPET.match(body):
            self.flush()
            self.in_snippets = not body.strip().strip(";-8<")  # a bare marker opens a block
            return True
        if match := ABBREVIATION.match(body):
            self.inline(start + match.end(), line.end)
            return True
        if (match := REFERENCE.match(body)) and not body.startswith("[^"):
            self.flush()
            self.out.labels.add(label(match.group(1)))
            return True
        if ATTR_LIST_LINE.match(body):
            self.flush()
            return True
        return False

    def open_fence(self, run: str, number: int, columns: int = 0) -> bool:
        """SuperFences: a fence is code only if a fence of the same length closes it, and an
        indented fence only if its lines are indented as far."""
        closings = self.closings.get(run, [])
        index = bisect.bisect_right(closings, number)
        if index == len(closings):
            return False
        return not columns or all(
            indent(text)[0] >= columns or not text.strip()
            for _, text in self.lines[number + 1:closings[index]]
        )

    def start_fence(self, start: int, body: str, info: int, quoted: bool) -> None:
        """Fenced code starts at `body` (at offset `start`): only its caption is prose."""
        self.flush()
        if caption := CAPTION.search(body, info):
            self.inline(start + caption.start(2), start + caption.end(2))
        self.fence = (body[:info], quoted)

    def html_block(self, line: Line) -> None:
        """Raw HTML: tags are skipped inline; a <pre>, <script>... is skipped to its end tag."""
        if opaque := OPAQUE_HTML.match(line.body):
            closing = re.compile(rf"</{opaque.group(1)}\s*>", re.IGNORECASE)
            if not closing.search(line.body):
                self.opaque = closing
            self.flush()
            return
        self.in_html = True
        self.html_line(line.start, line.end)

    def html_line(self, start: int, end: int) -> None:
        """A line of raw HTML: text around tags (skipped inline), up to a <pre>, <code>,
        <script>... that the line leaves open, whose content is skipped to its end tag."""
        for opaque in OPAQUE_HTML.finditer(self.text, start, end):
            closing = re.compile(rf"</{opaque.group(1)}\s*>", re.IGNORECASE)
            if not closing.search(self.text, opaque.end(), end):
                self.inline(start, opaque.start(), False)
                self.opaque = closing
                return
        self.inline(start, end, False)

    def table(self, line: Line) -> bool:
        """A table starts at a line with a `|` when a delimiter row follows."""
        body = line.body
        if self.paragraph is None and "|" in body and line.number + 1 < len(self.lines):
            following = self.lines[line.number + 1][1].strip()
            if "-" in following and TABLE_DELIMITER.match(following):
                self.in_table = True
                self.table_row(line.start, body)
                return True
        return False

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

    # -- containers ----------------------------------------------------------------------------

    def container(self, line: Line) -> bool:
        """Reads a line that opens a container or continues a block quote."""
        if opened := opener(line.body, self.paragraph is not None, self.paragraph_is_item):
            self.open(line, opened)
            return True
        if match := QUOTE.match(line.body):
            self.quote(line, match.end())
            return True
        return False

    def definition(self, line: Line) -> bool:
        """A definition under its term (tried after tables)."""
        if opened := definition(line.body, self.paragraph is not None):
            self.open(line, opened)
            return True
        return False

    def open(self, line: Line, opened: Opener) -> None:
        self.flush()
        if opened.title is not None:
            self.inline(line.start + opened.title[0], line.start + opened.title[1])
        self.containers.open(line.columns)
        if opened.text is not None:
            self.paragraph = [line.start + opened.text, line.end]
            self.paragraph_is_item = opened.item

    def quote(self, line: Line, marks: int) -> None:
        """A block quote line: its text continues the quote's paragraph unless it starts a
        list item, heading or fence of its own."""
        rest = line.body[marks:]
        fence_body = rest.lstrip()
        if (run := FENCE.match(fence_body)) and self.open_fence(run.group(1), line.number):
            fence_start = line.start + marks + len(rest) - len(fence_body)
            self.start_fence(fence_start, fence_body, run.end(), quoted=True)
            return
        item = LIST_ITEM.match(rest) or ATX.match(rest)
        if item or not rest.strip() or self.paragraph is None:
            self.flush()
            self.paragraph = [line.start + marks + (item.end() if item else 0), line.end]
        else:
            self.paragraph[1] = line.end

    # -- front matter --------------------------------------------------------------------------

    def front_matter(self) -> int:
        """The number of the first line after the front matter; its title and description are
        prose."""
        lines = self.lines
        if not lines or lines[0][1].rstrip() != "---":
            return 0
        for index in range(1, len(lines)):
            if lines[index][1].rstrip() in ("---", "..."):
                for value_offset, value_line in lines[1:index]:
                    if match := FRONT_MATTER_PROSE.match(value_line):
                        value_start, value_end = match.span(3)
                        self.inline(value_offset + value_start, value_offset + value_end)
                self.flush()
                return index + 1
        return 0


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, text without its line ending) of every line."""
    result = []
    offset = 0
    for line in text.split("\n"):
        result.append((offset, line[:-1] if line.endswith("\r") else line))
        offset += len(line) + 1
    return result


def _fence_closings(lines: list[tuple[int, str]]) -> dict[str, list[int]]:
    """Line numbers of every line that could close a fence, by the fence it closes."""
    closings: dict[str, list[int]] = {}
    for number, (_, line) in enumerate(lines):
        body = line.lstrip()
        if body.startswith(">"):
            body = body[QUOTE.match(body).end():].lstrip()  # type: ignore[union-attr]
        if match := FENCE_ONLY.match(body):
            closings.setdefault(match.group(1), []).append(number)
    return closings


def _heading_text_end(body: str, start: int) -> int:
    """Where a heading's words end: before a trailing `{#id}` and closing hashes."""
    end = len(body.rstrip())
    if body[:end].endswith("}") and (brace := body.rfind("{", start, end)) >= 0:
        end = len(body[:brace].rstrip())
    stripped = body[:end].rstrip("#")
    if len(stripped) < end and (not stripped or stripped[-1] in " \t"):
        end = len(stripped.rstrip())
    return max(end, start)
