"""`guidance report --since REF`: only what each audience reads differently since a version.

Signing off a change means reading what changed, not all of it again. The earlier version of
the pages and glossary comes from the project's history (git); both versions are rewritten for
every audience by the engine and rendered to HTML as readers see them (no Markdown, no region
markers), and only the sentences that differ are listed.
"""

from __future__ import annotations

import difflib
import html
import io
import json
import re
import subprocess
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Protocol

import markdown

from guidance.engine import Audience

# Python-Markdown extensions that change what readers see; snippets (which reads other files)
# and anything not installed are left out.
EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences")
BLOCK = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|div|table|thead|tbody|tr|td|th|dl|dt|dd|details|"
                   r"summary|blockquote|pre|hr|br)\b[^>]*>")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=(?:<[^>]+>)*[^\sa-z])")
INLINE_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*?(/?)>")
ADMONITION_TITLE = re.compile(r'<p class="admonition-title">(.*?)</p>', re.DOTALL)
HEADING_TAG = re.compile(r"h[1-6]")
WORDS_AND_TAGS = re.compile(r"(<[^>]*>|\s+|[.,;:!?](?=\s|<|$))")
VOID = frozenset(("img", "br", "hr", "wbr", "input"))
FORMATTING = frozenset((
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "strong", "em", "b", "i", "code", "pre", "a", "abbr", "sup", "sub", "del", "ins", "mark",
    "blockquote", "div", "span", "details", "summary", "table", "thead", "tbody", "tr", "th",
    "td"))
SAFE_LINK = re.compile(r"(https?://|mailto:|#|\.{0,2}/|[\w-]+(\.md|/|\.html)?(#|$))", re.I)


class SinceError(Exception):
    """The earlier version could not be read: not a git project, or an unknown version."""


@dataclass(frozen=True)
class SentenceChange:
    before: str  # HTML as readers see it; empty when the sentence is new
    after: str  # empty when the sentence was taken out


@dataclass
class PageSince:
    path: str
    title: str
    href: str  # the page's report, or "" for a page taken out
    status: str  # "changed", "new" or "removed"
    groups: list[tuple[list[Audience], list[SentenceChange]]] = field(default_factory=list)


def earlier_version(ref: str, folders: Sequence[str | Path], into: Path) -> list[Path]:
    """Writes the folders as they were at `ref` under `into`; returns their new paths."""
    try:
        top = _git("rev-parse", "--show-toplevel").strip()
        prefix = _git("rev-parse", "--show-prefix").strip()
    except SinceError:
        raise SinceError("--since needs the project's history (git), and this folder is not in "
                         "a git project. Fix: run from the project folder that git keeps, or "
                         "leave out --since.") from None
    try:
        _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except SinceError:
        raise SinceError(f"--since: '{ref}' is not a version in this project's history. Fix: "
                         "give a branch, tag or commit, such as main or the tag of the last "
                         "sign-off (git tag lists them).") from None
    names = [f"{prefix}{Path(folder).as_posix().strip('/')}" for folder in folders]
    present = [name for name in names
               if _git("ls-tree", "--name-only", ref, "--", name, cwd=top).strip()]
    if present:
        data = subprocess.run(["git", "archive", "--format=tar", ref, "--", *present], cwd=top,
                              capture_output=True, check=False).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            archive.extractall(into, filter="data")
    return [into / name for name in names]


def _git(*args: str, cwd: str | None = None) -> str:
    try:
        result = subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd,
                                check=False)
    except OSError:
        raise SinceError("git is not installed.") from None
    if result.returncode != 0:
        raise SinceError(result.stderr.strip())
    return result.stdout


def reader_sentences(text: str) -> list[str]:
    """A page as readers see it, as HTML sentences: Markdown rendered, one item per sentence
    (or per block, where emphasis or a link runs over a sentence's end)."""
    # a box's title ("!!! danger \"Act now\"") stands out on the site: here in bold
    rendered = ADMONITION_TITLE.sub(r"<p><strong>\1</strong></p>", as_read(text))
    sentences: list[str] = []
    for block in BLOCK.split(rendered):
        block = " ".join(block.split())
        if not block:
            continue
        parts = SENTENCE_END.split(block)
        sentences += parts if all(_balanced(part) for part in parts) else [block]
    return sentences


@cache
def as_read(text: str, top: int = 1) -> str:
    """A page's Markdown as HTML, the way the site renders it for readers, its headings from
    level `top` down. Only formatting survives: the report is opened from disk, so no script,
    style or event handler from a page or the glossary may run in it."""
    cleaner = _Formatting(top - 1)
    cleaner.feed(markdown.Markdown(extensions=list(_available())).convert(text))
    cleaner.close()
    return "".join(cleaner.out)


class _Formatting(HTMLParser):
    """Keeps the tags that format text (links only to web pages or the site's own pages),
    drops every other tag and attribute, and anything inside <script> or <style>."""

    def __init__(self, shift: int) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0
        self.shift = shift

    def _tag(self, tag: str) -> str:
        if HEADING_TAG.fullmatch(tag):
            return f"h{min(6, int(tag[1]) + self.shift)}"
        return tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in FORMATTING and not self.hidden:
            kept = "".join(f' {name}="{html.escape(value)}"' for name, value in attrs
                           if value is not None and (name == "class" or (
                               name == "href" and SAFE_LINK.match(value))))
            self.out.append(f"<{self._tag(tag)}{kept}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in FORMATTING and tag not in VOID and not self.hidden:
            self.out.append(f"</{self._tag(tag)}>")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(html.escape(data, quote=False))


@cache
def _available() -> tuple[str, ...]:
    found = []
    for name in EXTENSIONS:
        try:
            markdown.Markdown(extensions=[name])
        except ImportError:
            continue
        found.append(name)
    return tuple(found)


def _balanced(fragment: str) -> bool:
    open_tags: list[str] = []
    for closing, name, self_closing in INLINE_TAG.findall(fragment):
        if name in VOID or self_closing:
            continue
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return False
    return not open_tags


def changed_sentences(before: list[str], after: list[str]) -> list[SentenceChange]:
    """The sentences that differ, an edited one paired with what it was."""
    def plain(sentence: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", sentence))

    matcher = difflib.SequenceMatcher(None, [plain(s) for s in before],
                                      [plain(s) for s in after], autojunk=False)
    changes: list[SentenceChange] = []
    for kind, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if kind == "equal":
            continue
        old, new = before[old_start:old_end], after[new_start:new_end]
        for index in range(max(len(old), len(new))):
            was, now = (old[index] if index < len(old) else "",
                        new[index] if index < len(new) else "")
            changes.append(SentenceChange(*highlight(was, now)) if was and now
                           else SentenceChange(was, now))
    return changes


def highlight(before: str, after: str) -> tuple[str, str]:
    """The two versions of a sentence with the words that differ marked: <del> in the old,
    <ins> in the new. Tags are never marked, so the HTML stays whole."""
    old, new = WORDS_AND_TAGS.split(before), WORDS_AND_TAGS.split(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    marked_old, marked_new = list(old), list(new)
    for kind, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if kind != "equal":
            _mark(marked_old, old_start, old_end, "del")
            _mark(marked_new, new_start, new_end, "ins")
    return "".join(marked_old), "".join(marked_new)


def _mark(words: list[str], start: int, end: int, tag: str) -> None:
    for index in range(start, end):
        if words[index].strip() and not words[index].startswith("<"):
            words[index] = f"<{tag}>{words[index]}</{tag}>"


class _Page(Protocol):
    path: str
    title: str
    href: str
    views: list[Any]


RECORD = "record.json"  # beside the report's index.html: what each audience read, for --since


def record(pages: Sequence[_Page], roots: Sequence[Path]) -> dict[str, Any]:
    """What each audience reads on each page, to compare a later report with."""
    return {"format": 1, "pages": {
        _key(page.path, roots): {"path": page.path, "title": page.title,
                                 "texts": {view.audience.id: view.rewrite.text
                                           for view in page.views}}
        for page in pages}}


def read_record(path: Path) -> dict[str, Any]:
    """A record written by an earlier `guidance report`, from its folder or its record.json."""
    file = path / RECORD if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        pages = data["pages"]
        if data.get("format") != 1 or not isinstance(pages, dict):
            raise ValueError
        return pages
    except (OSError, ValueError, KeyError, TypeError):
        raise SinceError(f"--since: {file.as_posix()} is not the record of an earlier report. "
                         f"Fix: give the folder of a report written by `guidance report` (it "
                         f"holds {RECORD}), or a git branch, tag or commit.") from None


def compare(before: dict[str, Any], now: Sequence[_Page],
            roots: Sequence[Path]) -> list[PageSince]:
    """Each page (in the order given) with, per group of audiences that read the same change,
    the sentences that differ; then the pages taken out since. `before` is a record."""
    before = dict(before)
    pages: list[PageSince] = []
    for page in now:
        old = before.pop(_key(page.path, roots), None)
        old_texts = old["texts"] if old else {}
        groups: dict[tuple[SentenceChange, ...], list[Audience]] = {}
        for view in page.views:
            changes = changed_sentences(_sentences(old_texts.get(view.audience.id, "")),
                                        _sentences(view.rewrite.text))
            if changes:
                groups.setdefault(tuple(changes), []).append(view.audience)
        if groups:
            pages.append(PageSince(page.path, page.title, page.href,
                                   "new" if old is None else "changed",
                                   [(audiences, list(changes))
                                    for changes, audiences in groups.items()]))
    pages += [PageSince(old["path"], old["title"], "", "removed") for old in before.values()]
    return pages


def _key(path: str, roots: Sequence[Path]) -> str:
    for root in roots:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return Path(path).name


@cache
def _sentences(text: str) -> list[str]:
    return reader_sentences(text) if text else []
