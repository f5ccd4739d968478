"""Rendering a page again from another variant of its Markdown (its audience-only sections
differ), with the site's own templates, search indexer and link records."""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from guidance.site.links import PageLinks
from guidance.site.variants import Variant

Rendered = tuple[str, list[dict], PageLinks]

# An id attribute, or the name of an <a>: what a link to a section can land on
_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
_ID = re.compile(r"<[^>]*?\sid" + _VALUE + r"|<a\s[^>]*?\bname" + _VALUE)


@dataclass
class VariantRenderer:
    """Everything MkDocs hands a page's rendering, kept so that variants render the same way."""

    config: MkDocsConfig
    env: jinja2.Environment
    nav: Navigation
    files: Files
    markdown: Callable[[Variant, dict[str, Any]], tuple[str, dict[str, Any]]]
    page_context: Callable[[dict[str, Any], Page], dict[str, Any]]

    def render(self, page: Page, variant: Variant) -> Rendered:
        """The page's HTML from another variant, with its own search entries and links."""
        other = copy.copy(page)
        other.markdown, other.meta = self.markdown(variant, page.meta)
        other.render(self.config, self.files)
        context = get_context(self.nav, self.files, self.config, other)
        context = self.page_context(context, other)
        template = self.env.get_template(other.meta.get("template", "main.html"))
        page.active = True  # as MkDocs does while building a page: the nav marks it current
        try:
            return template.render(context), search_entries(other, self.config), page_links(other)
        finally:
            page.active = False


def page_links(page: Page) -> PageLinks:
    """A rendering's anchors and links to anchors, as MkDocs recorded them.

    MkDocs only knows the ids in the page's Markdown (`html_ids` finds the rest: the theme's,
    other plugins'). Anchors are compared decoded (`#caf%C3%A9` lands on `id="café"`). MkDocs
    records links only when not logging at debug level (`mkdocs build --verbose`)."""
    return PageLinks(
        frozenset(page.present_anchor_ids or ()),
        {file.src_uri: {unquote(anchor): link for anchor, link in anchors.items()}
         for file, anchors in (page.links_to_anchors or {}).items()},
    )


def html_ids(output: str) -> frozenset[str]:
    """Every id (and <a> name) in a finished HTML page."""
    return frozenset(html.unescape(next(filter(None, match.groups()), ""))
                     for match in _ID.finditer(output))


def search_entries(page: Page, config: MkDocsConfig) -> list[dict]:
    """Search entries for a page variant, made by the site's own search plugin's indexer."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context"):
            fresh = type(index)(**index.config)
            fresh.add_entry_from_context(page)
            return list(getattr(fresh, "entries", None) or getattr(fresh, "_entries", []))
    return []
