"""Glossary text never runs as script, whatever the page's scripts do with it.

Material's tooltips copy an element's `title` attribute, and the text of a truncated header
title, into the page as HTML. The glossary below puts markup that calls `alert` in every field
that reaches the site (a definition, a swap that reaches the site name and titles, an audience's
name and reader); a reader who loads and hovers every page must never see a dialog.
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

from .conftest import new_context, served

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site"
AUDIENCES = ["practitioners", "childminders", "police"]
PAGES = ["", "guide/sharing/", "guide/meetings/", "glossary/", "404.html"]
ATTACK = "<img src=x onerror=alert(1)>"
SHOWN = "\u2039img src=x onerror=alert(1)\u203a"  # angle quotation marks, not < >
# Attributes a script may put into the page as HTML, and text Material copies into one.
MARKUP_IN_ATTRIBUTES = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (/[<>]/.test(attribute.value) && attribute.name !== "content") {
        found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
      }
    }
  }
  for (const element of document.querySelectorAll(".md-ellipsis, abbr")) {
    if (/[<>]/.test(element.innerText)) found.push(`${element.className}: ${element.innerText}`);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture project with markup in every glossary field, built and served."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("site", ".site.*"))
    terms = project / "glossary/terms/people.yml"
    terms.write_text(terms.read_text("utf-8")
                     .replace("definition: Someone who works with children.",
                              f'definition: "Someone {ATTACK} &lt;img src=y onerror=alert(2)&gt;"')
                     .replace("childminders: childminder\n",
                              f'childminders: "childminder {ATTACK} with a long name that the '
                              'header must truncate on a narrow screen"\n'), "utf-8")
    audiences = project / "glossary/audiences.yml"
    audiences.write_text(audiences.read_text("utf-8")
                         .replace("name: Childminders", f'name: "Childminders {ATTACK}"')
                         .replace("reader: Registered", f'reader: "{ATTACK} Registered'
                                  ).replace("assistants", 'assistants"'), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    with served(project / "site") as address:
        yield address


@pytest.fixture
def reader(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A narrow window (so header titles are truncated) that records every dialog."""
    context = new_context(browser, viewport={"width": 420, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield page, dialogs
    context.close()


def every_page() -> list[str]:
    return ["", *(f"{audience}/{page}" for audience in AUDIENCES for page in PAGES)]


def test_hovering_every_swapped_word_and_title_opens_no_dialog(
    hostile_site: str, reader: tuple[Any, list[str]]
) -> None:
    page, dialogs = reader
    hovered = 0
    for path in every_page():
        page.goto(hostile_site + path)
        page.wait_for_load_state("load")
        for word in page.locator("article abbr").all():  # every swapped word with a definition
            word.hover(force=True)
            hovered += 1
            page.wait_for_timeout(50)
        for title in page.locator(".md-header .md-ellipsis").all():  # the truncated titles
            if title.is_visible():
                title.hover(force=True)
                page.wait_for_timeout(50)
        assert dialogs == [], f"script ran on {path}"
    assert hovered >= len(AUDIENCES)  # the words were really there to hover


def test_no_attribute_a_script_may_insert_as_html_holds_markup(
    hostile_site: str, reader: tuple[Any, list[str]]
) -> None:
    page, _ = reader
    for path in every_page():
        page.goto(hostile_site + path)
        page.wait_for_load_state("load")
        assert page.evaluate(MARKUP_IN_ATTRIBUTES) == [], path


def test_markup_in_the_glossary_is_shown_as_harmless_text(
    hostile_site: str, reader: tuple[Any, list[str]]
) -> None:
    page, _ = reader
    page.goto(hostile_site + "childminders/guide/sharing/")
    assert f"childminder {SHOWN}" in page.locator("h1").inner_text()
    page.goto(hostile_site)
    assert f"Childminders {SHOWN}" in page.locator("body").inner_text()
