"""The project's own site built with `guidance build --generator zensical`, read in Chromium: the
chooser, the banner and the switcher work as on the MkDocs site."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from guidance.engine.glossary import load_glossary

from .conftest import ROOT, Site, served
from .test_reading import PAGE, SECTION, banner


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if importlib.util.find_spec("zensical") is None:
        if os.environ.get("GUIDANCE_REQUIRE_ZENSICAL"):
            pytest.fail("Zensical is required here: pip install -e '.[zensical]'")
        pytest.skip("Zensical is not installed (pip install -e '.[zensical]')")
    project = tmp_path_factory.mktemp("zensical-browser")
    for name in ("docs", "glossary"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run(
        [sys.executable, "-m", "guidance.cli", "build", "--generator", "zensical"],
        cwd=project, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    folder = project / "site"
    with served(folder) as address:
        yield Site(folder, address, load_glossary(project / "glossary"))


def test_chooser_leads_to_each_audience_whose_pages_say_who_they_are_for(
    zensical_site: Site, page: Any
) -> None:
    for audience in zensical_site.glossary.audiences:
        page.goto(zensical_site.url())
        page.get_by_role("link", name=re.compile(re.escape(audience.name))).click()
        page.wait_for_url(zensical_site.url(f"{audience.id}/"))
        assert banner(page) == f"Written for {audience.name}."


def test_switcher_keeps_the_page_and_the_section(zensical_site: Site, page: Any) -> None:
    source, *others = zensical_site.glossary.audiences
    for other in others:
        page.goto(zensical_site.url(f"{source.id}/{PAGE}#{SECTION}"))
        page.locator(".md-audiences__link", has_text=other.name).click()
        page.wait_for_url(zensical_site.url(f"{other.id}/{PAGE}#{SECTION}"))
        assert banner(page) == f"Written for {other.name}."
        assert page.locator(f"#{SECTION}").is_visible()
