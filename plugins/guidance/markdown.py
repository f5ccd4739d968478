"""`guidance.markdown`: a Python-Markdown extension that writes each page for one audience.

Any tool that renders with Python-Markdown (Zensical, MkDocs without the `audiences` plugin, a
script) can name it in `markdown_extensions`:

    markdown_extensions:
      - guidance.markdown:
          glossary: glossary        # the folder with audiences.yml and terms/
          audience: childminders    # the audience every page is written for

It runs the engine as a preprocessor, after `pymdownx.snippets` (so included text is rewritten
as part of the page) and before front matter and raw HTML are taken out (so the region markers,
which are HTML comments, are seen). Heading ids stay those of the source wording, as on the
MkDocs site, so links to sections work in every audience's version. The record of changes of
the last page converted is `md.guidance_rewrite` (an engine `Rewrite`).

Only the engine is imported: this module knows nothing of MkDocs, Zensical or the site build.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from guidance.engine import Engine, GuidanceError, Rewrite, Substitution, load_glossary

# After snippets (32) and whitespace normalising (30); before front matter (27) and HTML (20)
PRIORITY = 29
HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")

_engines: dict[tuple[str, tuple[tuple[str, int], ...]], Engine] = {}


def engine_for(glossary: str) -> Engine:
    """The engine for a glossary folder, loaded once per build and again when a file changes.

    Zensical and MkDocs make a new Markdown instance for each page: loading the YAML each time
    would cost more than rewriting the page.
    """
    folder = os.path.abspath(glossary)
    stamps = tuple(
        (str(path), path.stat().st_mtime_ns)
        for path in sorted(Path(folder).rglob("*.y*ml"))
    ) if os.path.isdir(folder) else ()
    key = (folder, stamps)
    if key not in _engines:
        _engines.clear()
        _engines[key] = Engine(load_glossary(folder))
    return _engines[key]


class GuidanceExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.md: Markdown | None = None
        self.config = {
            "glossary": ["glossary", "The folder with audiences.yml and terms/"],
            "audience": ["", "The id of the audience every page is written for"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        audience = self.getConfig("audience")
        engine = engine_for(self.getConfig("glossary"))
        if not audience:
            raise GuidanceError(
                "The guidance.markdown extension needs the audience to write pages for.",
                fix="Add 'audience: <id>' under guidance.markdown in markdown_extensions "
                f"(one of: {', '.join(engine.glossary.ids)}).")
        engine.glossary.audience(audience)  # an unknown id: a located error, before any page
        self.md = md
        md.registerExtension(self)
        md.preprocessors.register(AudiencePreprocessor(md, engine, audience), "guidance", PRIORITY)
        md.guidance_rewrite = None  # type: ignore[attr-defined]

    def reset(self) -> None:
        """Python-Markdown resets between pages: forget the last page's record."""
        if self.md is not None:
            self.md.guidance_rewrite = None  # type: ignore[attr-defined]


@dataclass
class _Heading:
    """A heading the rewrite changed: its words in the audience's text, and the swaps in it."""

    words: frozenset[str]
    swaps: list[tuple[str, str]]  # (replacement, original), in reading order


class AudiencePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, engine: Engine, audience: str) -> None:
        super().__init__(md)
        self.engine = engine
        self.audience = audience
        self._headings: list[_Heading] = []

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        rewrite = self.engine.rewrite_text(text, self.audience, self._page_path())
        self.md.guidance_rewrite = rewrite  # type: ignore[attr-defined]
        self._headings = _changed_headings(text, rewrite)
        self._keep_source_heading_ids()
        self._rewrite_metadata()
        return rewrite.text.split("\n")

    def _tool_page(self) -> Any:
        """The page being rendered, where the tool says (Zensical does), else None."""
        known = "rendering_context" in self.md.preprocessors
        context = self.md.preprocessors["rendering_context"] if known else None
        return getattr(context, "page", None)

    def _page_path(self) -> str:
        """The page's path for error messages, where the tool says it."""
        path = getattr(self._tool_page(), "path", None)
        return str(path) if path else "<page>"

    def _rewrite_metadata(self) -> None:
        """The front matter's title and description, where the tool read them before the
        page reached Python-Markdown (Zensical does): rewritten like the front matter the
        engine sees in the text itself."""
        meta = getattr(self._tool_page(), "meta", None)
        if isinstance(meta, dict):
            for key in ("title", "description"):
                if isinstance(meta.get(key), str):
                    meta[key] = self.engine.rewrite_plain(meta[key], self.audience)

    def _keep_source_heading_ids(self) -> None:
        """Makes `toc` derive each heading's id from its source wording, as the site does."""
        if "toc" not in self.md.treeprocessors:
            return
        toc = self.md.treeprocessors["toc"]
        original: Callable[[str, str], str] = getattr(toc, "guidance_slugify", toc.slugify)
        toc.guidance_slugify = original
        toc.slugify = lambda value, separator: original(self.source_words(value), separator)

    def source_words(self, heading: str) -> str:
        """A heading's text as toc sees it, with the swapped words turned back into the source's.

        Headings come in reading order; the first changed heading whose words and swaps this
        text has is the one, and is used up.
        """
        words = set(re.findall(r"\w+", heading))
        for index, candidate in enumerate(self._headings):
            if not words <= candidate.words:
                continue
            restored = _unswap(heading, candidate.swaps)
            if restored is not None:
                del self._headings[index]
                return restored
        return heading


def _changed_headings(text: str, rewrite: Rewrite) -> list[_Heading]:
    """The headings (ATX and setext) with a swapped word, in reading order."""
    by_line: dict[int, list[Substitution]] = {}
    for substitution in rewrite.substitutions:
        by_line.setdefault(substitution.line, []).append(substitution)
    lines = text.split("\n")
    headings = []
    for number, swaps in sorted(by_line.items()):
        line = lines[number - 1]
        underlined = number < len(lines) and SETEXT_UNDERLINE.match(lines[number])
        if not (HEADING.match(line) or (underlined and line.strip())):
            continue
        start = sum(len(previous) + 1 for previous in lines[:number - 1])
        swapped, position = [], start
        for swap in sorted(swaps, key=lambda s: s.start):
            swapped += [text[position:swap.start], swap.replacement]
            position = swap.end
        swapped.append(text[position:start + len(line)])
        headings.append(_Heading(frozenset(re.findall(r"\w+", "".join(swapped))),
                                 [(s.replacement, s.original) for s in swaps]))
    return headings


def _unswap(heading: str, swaps: list[tuple[str, str]]) -> str | None:
    """The heading with each swap undone left to right, or None if one is not there."""
    parts, position = [], 0
    for replacement, original in swaps:
        found = re.compile(rf"(?<!\w){re.escape(replacement)}(?!\w)").search(heading, position)
        if found is None:
            return None
        parts += [heading[position:found.start()], original]
        position = found.end()
    parts.append(heading[position:])
    return "".join(parts)


def makeExtension(**kwargs: Any) -> GuidanceExtension:
    return GuidanceExtension(**kwargs)
