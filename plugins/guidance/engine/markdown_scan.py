"""Finding the prose in a Markdown page, in the dialect MkDocs speaks.

A CommonMark tokenizer would take the indented body of `!!! note` or `=== "Tab"` for a code
block; Python-Markdown with our extensions takes it for prose. So this is a careful line
scanner for that dialect, followed by an inline scanner, and it only ever reports offsets: the
text itself is never rebuilt, so everything that is not rewritten stays byte for byte.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

TAB = 4

FENCE = re.compile(r"(`{3,}|~{3,})")
FENCE_ONLY = re.compile(r"(`{3,}|~{3,})[ \t]*\Z")
ATX = re.compile(r"(#{1,6})[ \t]*")
SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
ADMONITION = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]*[\w-]*(?:[ \t]+[\w-]+)*(?:[ \t]+\"(.*)\")?[ \t]*$")
TABBED = re.compile(r"===[!+]*[ \t]+\"(.*)\"")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]:[ \t]*")
ABBREVIATION = re.compile(r"\*\[[^\]]+\]:[ \t]*")
REFERENCE = re.compile(r"\[([^\]]+)\]:[ \t]*\S")
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
INLINE_START = re.compile(r"[\\`<\]\[{&:@]|https?://|ftp://|www\.")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>"
)
ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}")
BARE_URL = re.compile(  # Python-Markdown makes no link of it, so a backtick still opens code
    r"(?:https?://|ftp://|www\.)[^\s<>\[\]()`]*(?:\([^\s<>()`]*\)[^\s<>\[\]()`]*)*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_LOCAL = frozenset("._+-")
BACKTICKS = re.compile(r"`+")
PARENS = re.compile(r"\\.|[()]", re.DOTALL)
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")
EMOJI = re.compile(r":[a-z0-9_+]+(?:-[a-z0-9_+]+)+:")
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s\[]+\]")
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
        self.paragraph_is_item = False  # only a list item's own text can be followed by an item
        self.labels: set[str] = set()  # reference definitions: `[label]` links by its text

    # -- block level -------------------------------------------------------------------------

    def flush(self) -> None:
        if self.paragraph is not None:
            self.blocks.append((self.paragraph[0], self.paragraph[1], True))
            self.paragraph = None
            self.paragraph_is_item = False

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

    def fence_closings(self, lines: list[tuple[int, str]]) -> dict[str, list[int]]:
        """Line numbers of every line that could close a fence, by the fence it closes."""
        closings: dict[str, list[int]] = {}
        for number, (_, line) in enumerate(lines):
            body = line.lstrip()
            if body.startswith(">"):
                body = body[QUOTE.match(body).end():].lstrip()  # type: ignore[union-attr]
            if match := FENCE_ONLY.match(body):
                closings.setdefault(match.group(1), []).append(number)
        return closings

    def open_fence(self, run: str, number: int, indent: int = 0) -> bool:
        """SuperFences: a fence is code only if a fence of the same length closes it, and an
        indented fence only if its lines are indented as far."""
        closings = self.closings.get(run, [])
        index = bisect.bisect_right(closings, number)
        if index == len(closings):
            return False
        return not indent or all(
            _indent(line)[0] >= indent or not line.strip()
            for _, line in self.line_list[number + 1:closings[index]]
        )

    def scan(self) -> Structure:
        lines = self.line_list = self.lines()
        self.closings = self.fence_closings(lines)
        index = self.front_matter(lines)
        containers: list[int] = []  # content column of each open container
        fence: tuple[str, bool] | None = None  # the closing run, and whether inside a quote
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
                body = line.lstrip()
                if fence[1]:
                    quote = QUOTE.match(body)
                    body = body[quote.end():].lstrip() if quote else ""
                if (match := FENCE_ONLY.match(body)) and match.group(1) == fence[0]:
                    fence = None
                    continue
                if not fence[1] or body or line.lstrip().startswith(">"):
                    continue
                fence = None  # the block quote holding the fence has ended
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
            if (match := FENCE.match(body)) and \
                    self.open_fence(match.group(1), index - 1, columns) and \
                    not (match.group(1)[0] == "`" and "`" in body[match.end():]):
                self.flush()
                fence = (match.group(1), False)
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
                end = body_start + _heading_text_end(body, match.end())
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
                _open_container(containers, columns)
                continue
            if match := TABBED.match(body):
                self.inline(body_start + match.start(1), body_start + match.end(1))
                _open_container(containers, columns)
                continue
            if SNIPPET.match(body):
                self.flush()
                in_snippets = not body.strip().strip(";-8<")  # a bare marker opens a block
                continue
            if match := FOOTNOTE.match(body):
                self.flush()
                _open_container(containers, columns)
                self.paragraph = [body_start + match.end(), offset + len(line)]
                continue
            if match := ABBREVIATION.match(body):
                self.inline(body_start + match.end(), offset + len(line))
                continue
            if (match := REFERENCE.match(body)) and not body.startswith("[^"):
                self.flush()
                self.labels.add(_label(match.group(1)))
                continue
            if ATTR_LIST_LINE.match(body):
                self.flush()
                continue
            if (match := LIST_ITEM.match(body)) and (self.paragraph is None
                                                     or self.paragraph_is_item):
                self.flush()
                _open_container(containers, columns)
                self.paragraph = [body_start + match.end(), offset + len(line)]
                self.paragraph_is_item = True
                continue
            if match := QUOTE.match(body):
                first = self.paragraph is None
                rest = body[match.end():]
                if (run := FENCE.match(rest.lstrip())) and self.open_fence(run.group(1), index - 1):
                    self.flush()
                    fence = (run.group(1), True)
                    continue
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
                _open_container(containers, columns)
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
            _InlineScanner(self.text, self.out, self.labels).scan(start, end, first)
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
    """Cuts one block's text into prose around the inline constructs that are not prose.

    Every search that could run to the end of the block is done once per block (matching
    backtick runs and parentheses, missing closers remembered), so hostile input such as a
    line of ten thousand `](` stays linear.
    """

    def __init__(self, text: str, out: Structure, labels: set[str]) -> None:
        self.text = text
        self.out = out
        self.labels = labels
        self.runs: dict[int, list[int]] | None = None
        self.parens: dict[int, int] | None = None
        self.unclosed: dict[str, int] = {}  # closer -> offset from which it is known missing

    def scan(self, start: int, end: int, first: bool) -> None:
        text = self.text
        position = piece = start
        while match := INLINE_START.search(text, position, end):
            at = match.start()
            found = self.construct(at, end, piece)
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

    def find(self, closer: str, start: int, end: int) -> int:
        """text.find, remembering a miss so the same search is never run twice."""
        if self.unclosed.get(closer, end + 1) <= start:
            return -1
        found = self.text.find(closer, start, end)
        if found < 0:
            self.unclosed[closer] = start
        return found

    def closing_run(self, at: int, width: int, end: int) -> int | None:
        if self.runs is None:
            self.runs = {}
            for run in BACKTICKS.finditer(self.text, at, end):
                self.runs.setdefault(len(run.group()), []).append(run.start())
        starts = self.runs.get(width, [])
        index = bisect.bisect_right(starts, at)
        return starts[index] if index < len(starts) else None

    def closing_paren(self, opening: int, end: int) -> int | None:
        """End of a link destination and title, allowing balanced parentheses inside."""
        if self.parens is None:
            self.parens = {}
            stack: list[int] = []
            for token in PARENS.finditer(self.text, opening, end):
                if token.group() == "(":
                    stack.append(token.start())
                elif token.group() == ")" and stack:
                    self.parens[stack.pop()] = token.end()
        return self.parens.get(opening)

    def construct(self, at: int, end: int, floor: int) -> tuple[int, bool, int] | None:
        """(start, invisible, end) of a non-prose construct found at `at`, if any."""
        text = self.text
        char = text[at]
        if char == "\\":
            return (min(at + 2, end), False, min(at + 2, end))
        if char == "`":
            run = at
            while run < end and text[run] == "`":
                run += 1
            # Python-Markdown: an unmatched run is retried one backtick later, shorter by one.
            for opening in range(at, run):
                close = self.closing_run(opening, run - opening, end)
                if close is not None:
                    return (opening, False, close + run - opening)
            return (run, False, run)
        if char == "<":
            return self.angle_bracket(at, end)
        if char == "]":
            if text.startswith("](", at):
                close = self.closing_paren(at + 1, end)
                return None if close is None else (at + 1, False, close)
            if match := REFERENCE_LABEL.match(text, at, end):
                return (at + 1, False, match.end())
            return None
        if char == "[":
            if match := FOOTNOTE_REF.match(text, at, end):
                return (at, False, match.end())
            return self.shortcut_reference(at, end)
        if char == "{":
            match = ATTR_LIST.match(text, at, end)
            return (at, True, match.end()) if match else None
        if char == "&":
            match = ENTITY.match(text, at, end)
            return (at, False, match.end()) if match else None
        if char == ":":
            match = EMOJI.match(text, at, end)
            return (at, False, match.end()) if match else None
        if char == "@":
            start = at
            while start > floor and (text[start - 1].isalnum() or text[start - 1] in EMAIL_LOCAL):
                start -= 1
            match = EMAIL.match(text, start, end)
            return (start, False, match.end()) if match and match.end() > at else None
        if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_-."):
            return None  # in the middle of a word: not the start of a URL
        if match := BARE_URL.match(text, at, end):
            stop = match.end()
            while stop > at and text[stop - 1] in ".,;:!?'\"":
                stop -= 1  # sentence punctuation after a URL is prose
            return (at, False, stop)
        return None

    def angle_bracket(self, at: int, end: int) -> tuple[int, bool, int] | None:
        text = self.text
        if text.startswith("<!--", at):
            close = self.find("-->", at + 4, end)
            stop = end if close < 0 else close + 3
            self.out.comments.append(Comment(at, stop, False))
            return (at, True, stop)
        if match := AUTOLINK.match(text, at, end):
            return (at, False, match.end())
        if not (match := HTML_TAG.match(text, at, end)):
            return None
        if opaque := OPAQUE_HTML.match(text, at, end):  # <script>, <pre>...: up to the end tag
            close = self.find(f"</{opaque.group(1).lower()}", match.end(), end)
            if close >= 0:
                stop = text.find(">", close, end)
                return (at, True, end if stop < 0 else stop + 1)
        return (at, True, match.end())

    def shortcut_reference(self, at: int, end: int) -> tuple[int, bool, int] | None:
        """`[label]` or `[label][]` naming a reference definition links by its own words."""
        if not self.labels:
            return None
        close = self.find("]", at + 1, end)
        if close < 0 or self.text.find("[", at + 1, close) >= 0:
            return None
        if _label(self.text[at + 1:close]) not in self.labels:
            return None
        after = close + 1
        if self.text.startswith("[]", after):
            return (at, False, after + 2)
        if self.text.startswith(("(", "["), after):
            return None
        return (at, False, after)


def _open_container(containers: list[int], columns: int) -> None:
    """A block opener at `columns` closes the containers its siblings and their children held,
    so a long tight list keeps a short stack."""
    while containers and containers[-1] > columns:
        containers.pop()
    containers.append(columns + TAB)


def _label(label: str) -> str:
    return " ".join(label.lower().split())


def _heading_text_end(body: str, start: int) -> int:
    """Where a heading's words end: before a trailing `{#id}` and closing hashes."""
    end = len(body.rstrip())
    if body[:end].endswith("}") and (brace := body.rfind("{", start, end)) >= 0:
        end = len(body[:brace].rstrip())
    stripped = body[:end].rstrip("#")
    if len(stripped) < end and (not stripped or stripped[-1] in " \t"):
        end = len(stripped.rstrip())
    return max(end, start)


def scan(text: str) -> Structure:
    """The prose and the comments of a page, as offsets into `text`."""
    return _Scanner(text).scan()
