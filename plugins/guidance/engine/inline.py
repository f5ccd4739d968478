"""Cutting one block's text into prose around the inline constructs that are not prose.

Code spans, raw HTML, autolinks and bare URLs, link destinations and reference labels, footnote
markers, attribute lists, entities and emoji shortcodes are skipped; everything between them is
prose. Python-Markdown's rules decide where each construct ends.
"""

from __future__ import annotations

import bisect
import re

from guidance.engine.structure import Comment, Prose, Shortcut, Structure

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
# Elements whose content is code or data, however many lines it spans.
OPAQUE_HTML = re.compile(r"<(pre|code|script|style|textarea)(?=[\s>])", re.IGNORECASE)


class InlineScanner:
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
            self.shortcut_reference(at, end)
            return None
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

    def shortcut_reference(self, at: int, end: int) -> None:
        """`[label]` or `[label][]` naming a reference definition links by its own words, which
        are prose: recorded so a rewrite can keep the link (`[new words][label]`)."""
        if not self.labels:
            return
        close = self.find("]", at + 1, end)
        if close < 0 or self.text.find("[", at + 1, close) >= 0:
            return
        if label(self.text[at + 1:close]) not in self.labels:
            return
        after = close + 1
        if self.text.startswith("[]", after):
            self.out.shortcuts.append(Shortcut(at, close, after + 2))
        elif not self.text.startswith(("(", "["), after):
            self.out.shortcuts.append(Shortcut(at, close, after))

def label(text: str) -> str:
    """A reference label as Python-Markdown compares them: case and spacing ignored."""
    return " ".join(text.lower().split())
