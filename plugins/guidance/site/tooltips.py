"""Tooltips: the first mention of a swapped word carries its definition, as `<abbr title>`,
which Material shows when the reader hovers over it.

A treeprocessor of the plugin's own rather than abbreviation lines for Python-Markdown's `abbr`
extension: that extension finds each element's place among its siblings by searching them, so
its time grows with the square of a page's blocks (on a 10 MB page, most of the build). This
walks the page once, and only the placeholders of first mentions (see `variants`) match.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from guidance.site.placeholders import START

Titles = Callable[[], Mapping[str, str]]  # placeholder of a first mention -> its definition's


class TooltipExtension(Extension):
    def __init__(self, titles: Titles) -> None:
        super().__init__()
        self.titles = titles

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Tooltips(md, self.titles), "guidance_tooltips", 6)


class _Tooltips(Treeprocessor):
    def __init__(self, md: Markdown, titles: Titles) -> None:
        super().__init__(md)
        self.titles = titles
        self._pattern: re.Pattern[str] | None = None
        self._known = 0

    def run(self, root: etree.Element) -> None:
        titles = self.titles()
        if not titles:
            return
        if self._pattern is None or self._known != len(titles):
            self._pattern = re.compile("|".join(map(re.escape, titles)))
            self._known = len(titles)
        # Each element's own text and its children's tails, from the last child (indices
        # stay valid as mentions are inserted); the `abbr`s added are not looked into again.
        for element in list(root.iter()):
            children = list(element)
            for index in range(len(children) - 1, -1, -1):
                child = children[index]
                if child.tail and START in child.tail and not isinstance(child.tail, AtomicString):
                    child.tail, added = self._split(child.tail, titles)
                    for offset, abbr in enumerate(added, start=index + 1):
                        element.insert(offset, abbr)
            text = element.text
            if text and START in text and not isinstance(text, AtomicString):
                element.text, added = self._split(text, titles)
                for offset, abbr in enumerate(added):
                    element.insert(offset, abbr)

    def _split(self, text: str, titles: Mapping[str, str]) -> tuple[str, list[etree.Element]]:
        """The text before the first mention, and an `abbr` for each (its tail the text after)."""
        assert self._pattern is not None
        matches = list(self._pattern.finditer(text))
        if not matches:
            return text, []
        added = []
        for n, match in enumerate(matches):
            abbr = etree.Element("abbr", {"title": titles[match.group(0)]})
            abbr.text = AtomicString(match.group(0))
            end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
            abbr.tail = text[match.end():end]
            added.append(abbr)
        return text[:matches[0].start()], added
