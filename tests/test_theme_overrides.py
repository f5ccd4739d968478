"""The audience banner and menu on every page whatever the site's theme and templates: a site's
own `main.html` (custom_dir), Material's blog template, the 404 page, a site that places the
banner itself, and the `mkdocs` and `readthedocs` themes. Real `mkdocs build`s of the small
sites in fixtures/overrides/ (one mkdocs-<case>.yml each, sharing the site fixture's glossary).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "overrides"
AUDIENCES = ["practitioners", "childminders", "police"]
BANNER = "data-md-audiences-banner"
MENU = "data-md-audiences-menu"
DRAWER = "data-md-audiences-drawer"


def build(case: str, out: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", f"mkdocs-{case}.yml",
         "-d", str(out)],
        cwd=FIXTURE, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return out


def audience_pages(site: Path) -> dict[str, str]:
    """Every HTML page of every audience's site, by path."""
    return {
        str(path.relative_to(site)): path.read_text("utf-8")
        for audience in AUDIENCES
        for path in sorted((site / audience).rglob("*.html"))
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("overrides")
    return {case: build(case, out / case)
            for case in ("material", "placed", "mkdocs", "readthedocs")}


def test_a_site_with_its_own_main_html_gets_the_banner_and_menu_on_every_page(
    sites: dict[str, Path],
) -> None:
    pages = audience_pages(sites["material"])
    assert {"police/index.html", "police/news/index.html", "police/404.html"} <= set(pages)
    for path, html in pages.items():
        assert html.count(BANNER) == 1, f"{path}: {html.count(BANNER)} banners"
        assert html.count(MENU) == 1, f"{path}: {html.count(MENU)} header menus"
        assert html.count(DRAWER) == 1, f"{path}: {html.count(DRAWER)} drawer lines"
    assert "site-own-template" in pages["police/index.html"]  # the site's template was used


def test_the_banner_opens_the_content_of_pages_posts_and_the_404_page(
    sites: dict[str, Path],
) -> None:
    pages = audience_pages(sites["material"])
    for path in ("police/index.html", "police/news/index.html", "police/404.html"):
        html = pages[path]
        start = html.index('class="md-content__inner')
        assert html.index(BANNER) - start < 200, f"{path}: the banner is not at the start"


def test_a_banner_the_site_placed_itself_is_the_only_one(sites: dict[str, Path]) -> None:
    html = audience_pages(sites["placed"])["police/index.html"]
    assert html.count(BANNER) == 1
    assert html.index('class="site-own-place"') < html.index(BANNER)


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_other_themes_get_the_banner_on_every_page_and_keep_their_own_404(
    sites: dict[str, Path], theme: str,
) -> None:
    pages = audience_pages(sites[theme])
    for path, html in pages.items():
        assert html.count(BANNER) == 1, f"{path}: {html.count(BANNER)} banners"
    assert "Written for <strong>Police</strong>" in pages["police/index.html"]
    assert 'id="page-not-found"' not in pages["police/404.html"]  # the theme's, not ours


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_the_chooser_is_in_the_sites_own_theme(sites: dict[str, Path], theme: str) -> None:
    chooser = (sites[theme] / "index.html").read_text("utf-8")
    assert "Who are you?" in chooser
    assert chooser.count("data-md-audiences-choice") == len(AUDIENCES)
    marks = {"material": "md-header", "mkdocs": "navbar", "readthedocs": "wy-nav-side"}
    assert marks[theme] in chooser


def test_the_logo_on_materials_chooser_leads_back_to_the_chooser(sites: dict[str, Path]) -> None:
    chooser = (sites["material"] / "index.html").read_text("utf-8")
    assert 'href="practitioners/../" title="Advice" class="md-header__button md-logo"' in chooser
