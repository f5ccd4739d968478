"""Placing the audience banner and the header menu into a rendered page, whatever its templates.

A site's own `main.html` (in its `custom_dir`) and page templates (a blog's index, a home page,
the 404 page) decide what a page's template holds, so the plugin never relies on them: it places
the banner at the start of the page's content and the menu in the header of the HTML MkDocs
wrote. A site that includes either partial itself (see README) keeps it where it put it.
"""

from __future__ import annotations

import re

BANNER_MARK = "data-md-audiences-banner"
MENU_MARK = "data-md-audiences-menu"
DRAWER_MARK = "data-md-audiences-drawer"


def _opening(tag: str, attribute: str = "") -> re.Pattern[str]:
    """The opening tag `tag` (any, when "") whose attributes include `attribute`, if given."""
    name = tag or r"[a-z][a-z0-9]*"
    attributes = rf"[^>]*?\s{attribute}[^>]*" if attribute else "[^>]*"
    return re.compile(rf"<{name}\b{attributes}>", re.IGNORECASE)


# Where a page's content starts, most specific first: the banner goes just inside it.
CONTENT_STARTS: tuple[re.Pattern[str], ...] = (
    # Material: the article of a page or post, the content box of the blog's index
    _opening("article", r'class="[^"]*\bmd-content__inner\b'),
    _opening("div", r'class="[^"]*\bmd-content__inner\b'),
    # readthedocs
    _opening("div", r'itemprop="articleBody"'),
    # mkdocs and most other themes
    _opening("", r'role="main"'),
    _opening("main"),
    _opening("article"),
)
# Where a page that has none of those starts its text (the `mkdocs` theme's 404 page, say).
FIRST_HEADING = re.compile(r"<h1\b", re.IGNORECASE)
BODY = _opening("body")

# In Material's header, the menu goes before the colour toggle, or else before search.
HEADER_BEFORE: tuple[re.Pattern[str], ...] = (
    _opening("form", r'data-md-component="palette"'),
    _opening("label", r'for="__search"'),
)
# The title of Material's navigation, which phones show at the top of the menu drawer.
DRAWER_TITLE = re.compile(
    r'<label\b[^>]*\bclass="md-nav__title"[^>]*\bfor="__drawer"[^>]*>.*?</label>', re.DOTALL)


def place(page: str, banner: str, menu: str, drawer: str = "") -> str:
    """The page with the banner at the start of its content, the menu in its header and the
    audience under the title of the navigation drawer, each unless the page already has it."""
    if drawer and DRAWER_MARK not in page and (found := DRAWER_TITLE.search(page)):
        page = page[:found.end()] + drawer + page[found.end():]
    if menu and MENU_MARK not in page:
        for pattern in HEADER_BEFORE:
            if found := pattern.search(page):
                page = page[:found.start()] + menu + page[found.start():]
                break
    if banner and BANNER_MARK not in page:
        at = content_start(page)
        if at is not None:
            page = page[:at] + banner + page[at:]
    return page


def content_start(page: str) -> int | None:
    """Where the banner goes: just inside the content's first element, else before the first
    heading, else at the top of the body."""
    for pattern in CONTENT_STARTS:
        if found := pattern.search(page):
            return found.end()
    if found := FIRST_HEADING.search(page):
        return found.start()
    if found := BODY.search(page):
        return found.end()
    return None
