"""The review report in a real browser: readable, accessible, and showing the engine's changes.

Set GUIDANCE_SCREENSHOTS=DIR to keep the screenshots for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import AXE_URL, ROOT, served
from .test_accessibility import AUDIT, AXE_TAGS


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`guidance report` on the real project, served on a loopback port."""
    folder = tmp_path_factory.mktemp("report") / "report"
    result = subprocess.run([sys.executable, "-m", "guidance.cli", "report", "--out", str(folder)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    with served(folder) as address:
        yield address


def screenshot(page: Any, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("GUIDANCE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_the_report_index_shows_every_audience_and_passes_axe(
    page: Any, report_url: str, axe_url: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(report_url + "index.html")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    text = page.locator("body").inner_text()
    for name in ("Childminders", "Police", "Health"):
        assert name in text
    page.add_script_tag(url=AXE_URL)
    assert page.evaluate(AUDIT, {"type": "tag", "values": AXE_TAGS}) == []
    assert screenshot(page, "report-index.png", tmp_path).stat().st_size > 10_000


def test_a_report_page_shows_changes_side_by_side_and_passes_axe(
    page: Any, report_url: str, axe_url: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(report_url + "index.html")
    page.locator("a[href^='pages/']").first.click()
    page.wait_for_load_state()
    assert page.locator("del, ins, mark").count() > 0
    page.add_script_tag(url=AXE_URL)
    assert page.evaluate(AUDIT, {"type": "tag", "values": AXE_TAGS}) == []
    assert screenshot(page, "report-page.png", tmp_path).stat().st_size > 10_000


@pytest.fixture(scope="module")
def since_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`guidance report --since main` on a copy of the project with one page edited."""
    project = tmp_path_factory.mktemp("since")
    for name in ("docs", "glossary"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for command in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "Published"]):
        subprocess.run(["git", "-c", "user.email=editor@example.org", "-c", "user.name=Editor",
                        *command], cwd=project, check=True, capture_output=True)
    page = project / "docs" / "myths.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "This page sets out the facts.", "This page sets out the **facts** in plain words."),
        encoding="utf-8")
    folder = project / "report"
    result = subprocess.run([sys.executable, "-m", "guidance.cli", "report", "--since", "main"],
                            cwd=project, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    with served(folder) as address:
        yield address


def test_the_since_page_shows_each_changed_sentence_formatted_and_passes_axe(
    page: Any, since_url: str, axe_url: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(since_url + "index.html")
    page.locator("a[href='since.html']").click()
    page.wait_for_load_state()
    assert page.locator("table.since strong", has_text="facts").count() >= 1
    assert "**" not in page.locator("main").inner_text()
    page.add_script_tag(url=AXE_URL)
    assert page.evaluate(AUDIT, {"type": "tag", "values": AXE_TAGS}) == []
    assert screenshot(page, "report-since.png", tmp_path).stat().st_size > 10_000


def test_the_whole_page_as_an_audience_reads_it_opens_and_passes_axe(
    page: Any, since_url: str, axe_url: str
) -> None:
    page.goto(since_url + "pages/myths.html")
    page.locator("details.as-read summary").first.click()
    assert page.locator("details.as-read .rendered h4").first.is_visible()
    page.add_script_tag(url=AXE_URL)
    assert page.evaluate(AUDIT, {"type": "tag", "values": AXE_TAGS}) == []
