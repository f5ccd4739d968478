"""Small sites shaped like real documentation, each built plain and with the audiences plugin.

Every site in sites/ has `base.yml` (the site as its authors have it: the plain build) and
`mkdocs.yml` (the same site with `audiences` added), and all share glossary/: developers (the
source), technical writers and newcomers, with three words a documentation site uses often.

- overrides: Material with the site's own `main.html` (custom_dir).
- blog: Material's blog plugin, with posts, an archive, a category and a second index page.
- extensions: many Markdown extensions; snippets, footnotes, shortcut references, a code
  caption, an mkdocstrings-style `:::` block (left as text: mkdocstrings is not installed), a
  playground `<pre>` in raw HTML.
- theme-mkdocs, theme-readthedocs: MkDocs' own two themes.

Each site is built once, with `mkdocs` (or `properdocs`: tests/generator.py), and checked for
the switcher on every page, prose in each audience's words, code and identifiers byte for byte
as the plain build has them, and `--strict` passing where the plain build passes.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.generator import build_command

HERE = Path(__file__).parent
SITES = sorted(path.name for path in (HERE / "sites").iterdir() if path.is_dir())
AUDIENCES = ["developers", "writers", "newcomers"]
# The source words (with their plurals) that writers and newcomers read in their own words
REPLACED = [r"extensions?", r"repositor(?:y|ies)", r"maintainers?"]
# Each audience's own word for "extension", which every site uses
OWN_WORD = {"writers": "add-on", "newcomers": "add-on"}
# Names in the sites' pages that contain a swapped word but are code, not prose
IDENTIFIERS = ["my_extension.py", "MyExtension", "markdown.extensions.toc",
               "markdown.extensions.abbr", "docs/extensions/", "tables-extension",
               "extension-repository.git"]


@dataclass(frozen=True)
class Built:
    project: Path
    plain: subprocess.CompletedProcess[str]
    audiences: subprocess.CompletedProcess[str]

    @property
    def plain_site(self) -> Path:
        return self.project / "plain"

    @property
    def site(self) -> Path:
        return self.project / "site"

    def pages(self) -> list[str]:
        """Every HTML page of the plain build, relative to its folder."""
        return sorted(p.relative_to(self.plain_site).as_posix()
                      for p in self.plain_site.rglob("*.html"))

    def page(self, audience: str, page: str) -> str:
        return (self.site / audience / page).read_text(encoding="utf-8")

    def plain_page(self, page: str) -> str:
        return (self.plain_site / page).read_text(encoding="utf-8")


def _build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for variable in ("GUIDANCE_AUDIENCES", "GUIDANCE_SHARD"):
        environment.pop(variable, None)
    return subprocess.run(build_command(*args), cwd=project, env=environment,
                          capture_output=True, text=True, timeout=120, check=False)


_BUILT: dict[str, Built] = {}


def built_site(name: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site built plain and with the plugin, both `--strict`, once per test session."""
    if name not in _BUILT:
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(HERE / "glossary", root / "glossary")
        project = Path(shutil.copytree(HERE / "sites" / name, root / "sites" / name))
        plain = _build(project, "--strict", "-f", "base.yml", "-d", "plain")
        audiences = _build(project, "--strict")
        _BUILT[name] = Built(project, plain, audiences)
    return _BUILT[name]


@pytest.fixture(scope="module", params=SITES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_site(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_site("blog", tmp_path_factory)


class Page(HTMLParser):
    """What a reader reads on a page (outside code and the audience banner), and the links of
    its audience switcher."""

    SKIP = frozenset({"code", "pre", "script", "style", "kbd"})
    VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "source", "wbr"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.words: list[str] = []
        self.switcher: list[str] = []
        self._stack: list[tuple[str, str]] = []  # (tag, "banner", "skip" or "")
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        in_banner = any(kind == "banner" for _, kind in self._stack)
        if tag == "a" and "data-md-audience" in attributes and in_banner:
            self.switcher.append(attributes.get("href", ""))
        classes = attributes.get("class", "").split()
        header = {"md-audiences-menu", "md-audiences-drawer"} & set(classes)
        kind = "banner" if "md-audiences" in classes else (
            "skip" if tag in self.SKIP or header else "")
        if tag not in self.VOID:
            self._stack.append((tag, kind))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(kind for _, kind in self._stack):
            self.words.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.words))


def source_words(text: str) -> list[str]:
    """Source words in prose: whole words, not part of a name such as `my_extension.py`."""
    return [match.group(0) for stem in REPLACED
            for match in re.finditer(rf"(?<![\w./]){stem}(?![\w/]|\.\w)", text, re.IGNORECASE)]


def code(html: str) -> list[str]:
    """Every code block and inline code element, as HTML."""
    return re.findall(r"<pre\b.*?</pre>|<code\b.*?</code>", html, re.DOTALL)


def test_strict_build_passes_where_the_plain_build_passes(built: Built) -> None:
    assert built.plain.returncode == 0, built.plain.stderr  # the site itself is sound
    assert built.audiences.returncode == 0, built.audiences.stderr
    assert sorted(p.name for p in built.site.iterdir() if p.is_dir()) == sorted(AUDIENCES)


def switcher_targets(rel: str, links: list[str]) -> list[str]:
    """Where a page's switcher links lead, as paths from the site folder (the site is served
    at the root of its host, as site_url says)."""
    targets = []
    for href in links:
        path = href.split("#", 1)[0]
        if not path.startswith("/"):
            path = posixpath.join("/", posixpath.dirname(rel), path)
        path = posixpath.normpath(path).lstrip("/")
        targets.append(path + "/index.html" if href.split("#", 1)[0].endswith("/") else path)
    return sorted(targets)


def test_every_page_of_every_audience_links_the_same_page_for_every_audience(
    built: Built,
) -> None:
    wrong = []
    for audience in AUDIENCES:
        for path in sorted((built.site / audience).rglob("*.html")):
            rel = path.relative_to(built.site / audience).as_posix()
            links = Page(path.read_text(encoding="utf-8")).switcher
            targets = switcher_targets(f"{audience}/{rel}", links)
            # A "page not found" page has no same page elsewhere: it offers each home page
            same = "index.html" if rel == "404.html" else rel
            if targets != sorted(f"{other}/{same}" for other in AUDIENCES):
                wrong.append(f"{audience}/{rel}: {links}")
    assert not wrong, f"{len(wrong)} pages without a working switcher:\n" + "\n".join(wrong)


@pytest.mark.parametrize("audience", ["writers", "newcomers"])
def test_prose_reads_in_the_audiences_words_on_every_page(built: Built, audience: str) -> None:
    left = {}
    for page in built.pages():
        found = source_words(Page(built.page(audience, page)).text)
        if found:
            left[page] = found
    assert not left, f"source words left in {audience}'s prose: {left}"
    everything = " ".join(Page(built.page(audience, page)).text for page in built.pages())
    assert OWN_WORD[audience] in everything.lower()


@pytest.mark.parametrize("audience", AUDIENCES)
def test_code_is_byte_identical_to_the_plain_build(built: Built, audience: str) -> None:
    for page in built.pages():
        if page == "404.html":
            continue  # the plugin's own 404 page
        assert code(built.page(audience, page)) == code(built.plain_page(page)), page


@pytest.mark.parametrize("audience", AUDIENCES)
def test_identifiers_are_kept_as_the_plain_build_has_them(built: Built, audience: str) -> None:
    for page in built.pages():
        plain, own = built.plain_page(page), built.page(audience, page)
        for name in IDENTIFIERS:
            assert own.count(name) == plain.count(name), f"{page}: {name}"
        assert re.findall(r"<p>:::.*?</p>", own, re.DOTALL) == re.findall(
            r"<p>:::.*?</p>", plain, re.DOTALL), page


@pytest.mark.parametrize("audience", AUDIENCES)
def test_blog_keeps_its_excerpts_and_post_layout(blog: Built, audience: str) -> None:
    for page in blog.pages():
        plain, own = blog.plain_page(page), blog.page(audience, page)
        for layout in ("md-post--excerpt", "md-content--post", "md-sidebar--post"):
            assert own.count(layout) == plain.count(layout), f"{page}: {layout}"


def test_blog_pages_the_blog_plugin_generates_are_rewritten(blog: Built) -> None:
    category = Page(blog.page("writers", "blog/category/extensions/index.html")).text
    assert "Add-ons" in category
    second = Page(blog.page("newcomers", "blog/page/2/index.html")).text
    assert "project folder" in second


def test_a_blog_post_shows_its_audience_section_to_that_audience_only(blog: Built) -> None:
    post = "blog/2025/01/20/moving-the-repository/index.html"
    shown = {audience: "update the links" in Page(blog.page(audience, post)).text
             for audience in AUDIENCES}
    assert shown == {"developers": False, "writers": True, "newcomers": False}


def test_an_audience_section_in_a_blog_excerpt_stops_the_build_at_its_line(
        tmp_path: Path) -> None:
    """The blog writes one excerpt of a post for every audience's index: a section in it
    would reach readers it is not meant for."""
    shutil.copytree(HERE / "glossary", tmp_path / "glossary")
    project = Path(shutil.copytree(HERE / "sites" / "blog", tmp_path / "sites" / "blog"))
    post = project / "docs" / "blog" / "posts" / "moving.md"
    text = post.read_text(encoding="utf-8")
    section = "<!-- audience: writers -->\nWriters: update the links in your pages.\n" \
              "<!-- /audience -->\n"
    post.write_text(text.replace(section, "").replace("<!-- more -->", section + "\n<!-- more -->"),
                    encoding="utf-8")
    line = post.read_text(encoding="utf-8").splitlines().index("<!-- audience: writers -->") + 1
    result = _build(project)
    assert result.returncode != 0
    assert (f"docs/blog/posts/moving.md:{line}: an audience region above '<!-- more -->'"
            in result.stderr)
    assert "Fix: move the region below '<!-- more -->'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_links_to_ids_the_theme_writes_are_not_reported(tmp_path_factory) -> None:
    built = built_site("overrides", tmp_path_factory)
    assert "#feedback" not in built.audiences.stderr


def test_links_to_missing_sections_are_reported_at_the_sites_own_level(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = built_site("theme-mkdocs", tmp_path_factory)
    assert built.audiences.returncode == 0, built.audiences.stderr  # MkDocs' default: info
    assert re.search(r"INFO .*docs/index\.md:\d+: the link 'publishing\.md#old-steps' leads "
                     r"nowhere", built.audiences.stderr), built.audiences.stderr


def test_the_builtin_safeguarding_jargon_list_is_not_applied_to_other_sites(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = built_site("overrides", tmp_path_factory)  # guide.md says "referral"
    assert built.audiences.returncode == 0, built.audiences.stderr
    assert "TM001" not in built.audiences.stderr
