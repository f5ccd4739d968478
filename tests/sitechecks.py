"""Checks of a built site that hold whichever generator built it (MkDocs or ProperDocs in
test_site_build.py, Zensical in test_zensical_build.py): a site can change generator without its
readers noticing.

Both modules subclass `SiteChecks`, so each check runs there against that module's `site` fixture
(the fixture project of fixtures/site, built) and its `search` fixture (where the generator writes
each audience's search index). The fixture has three audiences: practitioners (the source),
childminders and police. Police keep "strategy discussion"; a police-only region adds a heading
to guide/sharing.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

# The fixture project and what its audiences read
FIXTURE = Path(__file__).parent / "fixtures" / "site"
AUDIENCES = ["practitioners", "childminders", "police"]
PAGES = ["index.html", "guide/sharing/index.html", "guide/meetings/index.html",
         "glossary/index.html", "404.html"]
# What each audience must not read: the source words its glossary entries replace.
REPLACED = {"childminders": ["practitioner", "strategy discussion"], "police": ["practitioner"]}
VERBATIM = "Advice for practitioners"  # kept on purpose in guide/sharing.md


def copy_project(destination: Path) -> Path:
    shutil.copytree(FIXTURE, destination, ignore=shutil.ignore_patterns("site", ".site.*"))
    return destination


class Html(HTMLParser):
    """What a reader sees of a page: its text (outside code, the audience banner and menu),
    heading ids, title and switcher links (the banner's and the header menu's)."""

    SKIP = frozenset({"code", "pre", "script", "style"})

    def __init__(self, text: str) -> None:
        super().__init__()
        self.words: list[str] = []
        self.heading_ids: list[str] = []
        self.switcher: list[dict[str, str]] = []
        self.menu: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.title = ""
        self.lang = ""
        self._stack: list[tuple[str, bool]] = []
        self.feed(text)

    def _skipping(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        banner = ("md-audiences" in attributes.get("class", "").split()
                  or "data-md-audiences-menu" in attributes)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and "id" in attributes:
            self.heading_ids.append(attributes["id"])
        if tag == "a" and "data-md-audience" in attributes:
            in_menu = "md-audiences-menu__link" in attributes.get("class", "")
            (self.menu if in_menu else self.switcher).append(attributes)
        elif tag == "a":
            self.links.append(attributes)
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag not in ("meta", "link", "br", "hr", "img", "input"):
            self._stack.append((tag, tag in self.SKIP or banner))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1][0] == "title":
            self.title += data
        if not self._skipping():
            self.words.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.words))


def read(site: Path, audience: str, page: str) -> Html:
    return Html((site / audience / page).read_text(encoding="utf-8"))


def audience_links(chooser: Html) -> list[str]:
    """The chooser's links to each audience (the page also has the theme's header and footer)."""
    return [link["href"] for link in chooser.links if "data-md-audiences-choice" in link]


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@dataclass(frozen=True)
class SearchIndex:
    """Where a generator writes an audience's search index, and what it calls its entries."""

    path: str  # in each audience's folder
    key: str

    def entries(self, site: Path, audience: str) -> list[dict]:
        return json.loads((site / audience / self.path).read_text("utf-8"))[self.key]


class SiteChecks:
    """The checks; a test module runs them with `class TestSite(SiteChecks)` beside its `site`
    and `search` fixtures."""

    def test_chooser_links_each_audience_home_in_glossary_order(self, site: Path) -> None:
        chooser = Html((site / "index.html").read_text(encoding="utf-8"))
        assert audience_links(chooser) == [f"{a}/" for a in AUDIENCES]
        assert all((site / a / "index.html").is_file() for a in AUDIENCES)

    def test_every_audience_has_the_same_pages_at_the_same_paths(self, site: Path) -> None:
        paths = {a: sorted(str(p.relative_to(site / a)) for p in (site / a).rglob("*.html"))
                 for a in AUDIENCES}
        assert paths["childminders"] == paths["practitioners"] == paths["police"]
        assert all(page in paths["police"] for page in PAGES)

    def test_every_audience_has_its_own_search_index_sitemap_and_404(self, site: Path,
                                                                     search: SearchIndex) -> None:
        for audience in AUDIENCES:
            assert (site / audience / search.path).is_file()
            sitemap = (site / audience / "sitemap.xml").read_text(encoding="utf-8")
            assert f"https://example.org/advice/{audience}/guide/sharing/" in sitemap
            not_found = (site / audience / "404.html").read_text(encoding="utf-8")
            assert f'href="/advice/{audience}/assets/stylesheets/' in not_found

    @pytest.mark.parametrize("audience", REPLACED)
    def test_pages_nav_and_titles_keep_no_replaced_source_word(self, site: Path,
                                                               audience: str) -> None:
        for page in PAGES:
            text = read(site, audience, page).text.replace(VERBATIM, "")
            for word in REPLACED[audience]:
                assert word not in text.lower(), f"{audience}/{page} says {word!r}"

    @pytest.mark.parametrize("audience", REPLACED)
    def test_search_index_keeps_no_replaced_source_word(self, site: Path, search: SearchIndex,
                                                        audience: str) -> None:
        entries = search.entries(site, audience)
        assert entries
        for entry in entries:
            seen = re.sub(r"<code>.*?</code>", "", entry["title"] + " " + entry["text"])
            for word in REPLACED[audience]:
                assert word not in seen.replace(VERBATIM, "").lower(), entry

    def test_titles_nav_and_site_name_are_in_the_audiences_words(self, site: Path) -> None:
        page = read(site, "childminders", "guide/sharing/index.html")
        assert page.title == "When a childminder shares - Advice for childminders"
        assert "Safeguarding meetings" in read(site, "childminders", "index.html").text
        source = (site / "childminders/guide/sharing/index.html").read_text("utf-8")
        assert '<meta name="description" content="How a childminder decides' in source

    def test_code_and_verbatim_text_are_kept_as_written(self, site: Path) -> None:
        source = (site / "police/guide/sharing/index.html").read_text("utf-8")
        assert "<code>practitioner</code>" in source
        assert VERBATIM in source

    def test_audience_only_region_appears_only_for_its_audience(self, site: Path,
                                                                search: SearchIndex) -> None:
        assert "Police powers" in read(site, "police", "guide/sharing/index.html").text
        for audience in ("practitioners", "childminders"):
            assert "Police powers" not in read(site, audience, "guide/sharing/index.html").text
        assert "police-powers" not in (site / "childminders" / search.path).read_text("utf-8")

    def test_glossary_page_lists_terms_in_the_audiences_words_with_source_anchors(
            self, site: Path) -> None:
        page = read(site, "childminders", "glossary/index.html")
        assert re.search(r"Childminder\W+Someone who works with children\.", page.text)
        assert re.search(r"Safeguarding meeting\W+A meeting to decide", page.text)
        assert page.heading_ids == ["glossary", "practitioner", "strategy-discussion"]
