"""`guidance build --generator zensical`, run for real (the `zensical` command) on the same fixture
project as the MkDocs build in test_site_build.py, checked the same way: a site can change
generator without its readers noticing.

Zensical is the optional extra `zensical`; CI installs it and sets GUIDANCE_REQUIRE_ZENSICAL=1 so
these tests run there rather than skip.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import guidance.site
from tests.sitechecks import (
    AUDIENCES,
    PAGES,
    Html,
    SearchIndex,
    SiteChecks,
    copy_project,
    read,
    tree,
)
from tests.test_site_build import mkdocs_build

if importlib.util.find_spec("zensical") is None:
    if os.environ.get("GUIDANCE_REQUIRE_ZENSICAL"):
        raise RuntimeError("Zensical is required here: pip install -e '.[zensical]'")
    pytest.skip("Zensical is not installed (pip install -e '.[zensical]')",
                allow_module_level=True)

THEME = Path(guidance.site.__file__).parent / "theme"


def zensical_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guidance.cli", "build", "--generator", "zensical", *args],
        cwd=project, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = zensical_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def site(built: Path) -> Path:
    return built / "site"


@pytest.fixture(scope="module")
def search() -> SearchIndex:
    return SearchIndex("search.json", "items")  # Zensical's own, at the root of each site


class TestSiteChecks(SiteChecks):
    """The checks every generator's site passes (tests/sitechecks.py), on the site Zensical
    built."""


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "project",
                                ignore=shutil.ignore_patterns(".site.*")))


# The chooser ---------------------------------------------------------------------------------


def test_chooser_names_each_audience_and_its_reader_styled_by_the_sites_sheets(
        site: Path) -> None:
    source = (site / "index.html").read_text(encoding="utf-8")
    text = Html(source).text
    assert "Who are you?" in text
    text = text[text.index("Choose the version"):]  # the list, after the emergency message
    positions = [text.index(words) for words in (
        "Local authority practitioners", "Staff who work for a council", "Childminders",
        "Registered childminders and their assistants", "Police",
        "Police officers and police staff")]
    assert positions == sorted(positions)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', source)
    assert any("/assets/stylesheets/" in sheet and "/main." in sheet for sheet in sheets)
    assert all((site / sheet).is_file() for sheet in sheets)


# Every audience, every page ------------------------------------------------------------------


def test_pages_and_heading_ids_are_those_of_the_mkdocs_build(site: Path, tmp_path: Path) -> None:
    """Switching generator moves no page and breaks no link to a section."""
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project).returncode == 0
    for audience in AUDIENCES:
        pages = sorted(p.relative_to(site / audience).as_posix()
                       for p in (site / audience).rglob("*.html"))
        mkdocs = project / "site" / audience
        assert pages == sorted(p.relative_to(mkdocs).as_posix() for p in mkdocs.rglob("*.html"))
        # The "page not found" page is each theme's own: it holds no section to link to
        for page in (page for page in pages if page != "404.html"):
            assert read(site, audience, page).heading_ids == read(
                project / "site", audience, page).heading_ids, f"{audience}/{page}"


# Anchors and the switcher --------------------------------------------------------------------


def test_heading_ids_come_from_the_source_wording_in_every_audience(site: Path) -> None:
    for page in PAGES:
        source = read(site, "practitioners", page).heading_ids
        assert read(site, "childminders", page).heading_ids == source
        police = [i for i in read(site, "police", page).heading_ids if i != "police-powers"]
        # Police have no definition of "practitioner" (definition: police: false)
        omitted = {"practitioner"} if page == "glossary/index.html" else set()
        assert police == [i for i in source if i not in omitted]
    assert "when-a-practitioner-should-share" in read(
        site, "police", "guide/sharing/index.html").heading_ids


def test_every_page_says_who_it_is_for(site: Path) -> None:
    for audience, name in zip(AUDIENCES, ["Local authority practitioners", "Childminders",
                                          "Police"], strict=True):
        for page in PAGES[:-1]:
            source = (site / audience / page).read_text("utf-8")
            assert f"Written for <strong>{name}</strong>" in source, f"{audience}/{page}"


def test_switcher_links_the_same_page_in_every_audience(site: Path) -> None:
    for audience in AUDIENCES:
        for page in PAGES[:-1]:
            links = read(site, audience, page).switcher
            folder = (site / audience / page).parent
            targets = [(folder / link["href"]).resolve() for link in links]
            assert targets == [(site / a / page).parent.resolve() for a in AUDIENCES]
            current = [link["aria-current"] for link in links]
            assert current == ["page" if a == audience else "false" for a in AUDIENCES]


def test_switcher_sits_at_the_top_of_the_content_and_carries_the_section_over(
        site: Path) -> None:
    source = (site / "childminders/guide/sharing/index.html").read_text("utf-8")
    assert re.search(r'<article class="md-content__inner md-typeset">\s*<a id="__skip"[^>]*></a>'
                     r'\s*<nav class="md-audiences"', source)
    assert re.search(r'<script src="[./]*assets/javascripts/audiences\.js"', source)


def test_glossary_page_gives_each_audience_its_own_definitions(site: Path) -> None:
    police = read(site, "police", "glossary/index.html")
    assert police.heading_ids == ["glossary", "strategy-discussion"]
    assert re.search(r"Strategy discussion\W+A meeting where your force and the local "
                     r"authority plan a child's safety\.", police.text)


def test_switcher_is_on_every_page_whatever_the_sites_own_main_template(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "overrides").mkdir()
    (project / "overrides/main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}<p>Our own notice.</p>{{ super() }}'
        "{% endblock %}\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "name: material", "name: material\n  custom_dir: overrides"))
    theme_before = tree(THEME)
    assert zensical_build(project).returncode == 0
    for page in PAGES[:-1]:
        source = (project / "site/police" / page).read_text("utf-8")
        assert "Our own notice." in source
        assert "Written for <strong>Police</strong>" in source
    assert tree(THEME) == theme_before  # the site's templates replace ours only in its build


# Choosing audiences ----------------------------------------------------------------------------


def test_environment_variable_builds_only_the_chosen_audiences(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "guidance.cli", "build", "--generator", "zensical"],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "GUIDANCE_AUDIENCES": "police"})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == ["police"]
    home = (site / "police/index.html").read_text("utf-8")
    assert "Written for <strong>Police</strong>" in home
    assert 'href="./../childminders/' not in home  # no switch to a site not built
    assert "(not built in this preview)" in (site / "index.html").read_text("utf-8")


def test_unknown_chosen_audience_is_refused_naming_the_variable(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "guidance.cli", "build", "--generator", "zensical"],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "GUIDANCE_AUDIENCES": "polce"})
    assert result.returncode == 2
    assert result.stderr.startswith(
        "guidance: The GUIDANCE_AUDIENCES environment variable names an unknown audience.")
    assert not (project / "site").exists()


# Publishing all at once ----------------------------------------------------------------------


def test_unclosed_region_fails_naming_file_and_line_and_keeps_the_old_site(project: Path) -> None:
    before = tree(project / "site")
    page = project / "docs/guide/meetings.md"
    text = page.read_text("utf-8") + "\n<!-- audience: police -->\nOnly police officers.\n"
    page.write_text(text)
    result = zensical_build(project)
    assert result.returncode == 2
    assert f"docs/guide/meetings.md:{text.count(chr(10)) - 1}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == before


def test_terminology_error_fails_strict_build_naming_file_line_column_and_rule(
        project: Path) -> None:
    before = tree(project / "site")
    page = project / "docs/guide/meetings.md"
    lines = page.read_text("utf-8").count("\n")
    page.write_text(page.read_text("utf-8") + "\nAsk about a referral.\n")
    result = zensical_build(project, "--strict")
    assert result.returncode == 2
    assert re.search(rf"^docs/guide/meetings\.md:{lines + 2}:13: TM001 'referral'",
                     result.stderr, re.MULTILINE), result.stderr
    assert "guidance: 1 terminology error (listed above); nothing was built." in result.stderr
    assert tree(project / "site") == before


def test_link_to_a_section_some_audiences_lack_is_reported_for_them(project: Path) -> None:
    page = project / "docs/index.md"
    lines = page.read_text("utf-8").count("\n")
    page.write_text(page.read_text("utf-8") + "\nSee [powers](guide/sharing.md#police-powers).\n")
    result = zensical_build(project)
    assert result.returncode == 0, result.stderr
    assert (f"docs/index.md:{lines + 2}:31: anchor does not exist "
            "(in the site for practitioners, childminders)") in result.stderr.splitlines()


def test_strict_build_stops_on_a_broken_link_and_keeps_the_old_site(project: Path) -> None:
    before = tree(project / "site")
    page = project / "docs/index.md"
    page.write_text(page.read_text("utf-8") + "\nSee [gone](guide/gone.md).\n")
    result = zensical_build(project, "--strict")
    assert result.returncode == 2
    assert "page does not exist (in the site for" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == before


def test_zensical_failure_is_one_line_and_keeps_the_old_site(project: Path) -> None:
    before = tree(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("name: material", "language: xx-none"))
    result = zensical_build(project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [message] = [line for line in result.stderr.splitlines() if line.startswith("guidance:")]
    assert "mkdocs.yml" in message and "Fix:" in message
    assert tree(project / "site") == before
    assert not list(project.glob(".site.building-*"))
