"""WCAG 2.2 AA on every page of every audience and on the chooser.

axe-core checks each page with the WCAG 2.0, 2.1 and 2.2 A and AA rules, in the light scheme and
again in the dark one after the reader's own palette toggle. Checks axe cannot make are written
out here: British English, a skip link, headings in order, link text that stands alone, and a
decision flowchart that is text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from guidance.engine.glossary import load_glossary

from .conftest import ROOT, Site, new_context

AUDIENCES = load_glossary(ROOT / "glossary").ids

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules among those whose outcome depends on colour: all that the second scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Link text that says nothing on its own, as a screen reader's list of links reads it.
VAGUE_LINK_TEXT = re.compile(
    r"^(click here|here|read more|more|find out more|this page|this link|link|[¶#§])$",
    re.IGNORECASE)
FLOWCHART = "flowchart/"
SCHEMES = ["default", "slate"]  # Material's light and dark
# Colours caught between schemes would make the contrast check measure a blend.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"

AUDIT = """async (rules) => {
    const result = await axe.run(document, {runOnly: rules, resultTypes: ["violations"]})
    return result.violations.map(v => ({
        rule: v.id, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.split("\\n")[1])}))
}"""

STRUCTURE = """() => ({
    lang: document.documentElement.lang,
    skip: (document.querySelector("a.md-skip") || {}).hash || "",
    headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
        .filter(h => !h.closest(".md-search-result"))
        .map(h => Number(h.tagName[1])),
    banner: (document.querySelector(".md-audiences__for") || {}).innerText || "",
    links: [...document.querySelectorAll("a[href]")]
        .map(a => (a.getAttribute("aria-label") || a.innerText || a.title || "").trim()),
})"""


def dark_toggle(page: Any) -> Any | None:
    """Material's palette toggle to the dark scheme, if the site offers one."""
    toggle = page.locator('form[data-md-component="palette"] input[data-md-color-scheme="slate"]')
    return toggle if toggle.count() else None


def scheme(page: Any) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme || 'default'")


def audit(page: Any, url: str, axe: str) -> tuple[list[str], dict[str, Any]]:
    """Every WCAG violation on the page, in each colour scheme it offers, and its structure."""
    page.goto(url)
    page.add_script_tag(url=axe)
    page.add_style_tag(content=STILL)
    problems: list[str] = []
    schemes: list[str] = []
    rules = {"type": "tag", "values": AXE_TAGS}
    for turn in range(2 if dark_toggle(page) is not None else 1):
        if turn:  # the toggle shown is the one to the other scheme; only colours change
            page.locator('form[data-md-component="palette"] label:not([hidden])').click()
            rules = {"type": "rule", "values": COLOUR_RULES}
        name = scheme(page)
        schemes.append(name)
        for violation in page.evaluate(AUDIT, rules):
            problems += [f"[{name}] {violation['rule']} ({violation['help']}): {node}"
                         for node in violation["nodes"]]
    return problems, {**page.evaluate(STRUCTURE), "schemes": sorted(schemes)}


@pytest.fixture(scope="module")
def reader(browser: Any) -> Iterator[Any]:
    """One tab that visits every page in turn."""
    context = new_context(browser)
    yield context.new_page()
    context.close()


def structure_problems(found: dict[str, Any], *, skip_link: bool, schemes: list[str]) -> list[str]:
    problems = []
    if found["schemes"] != schemes:
        problems.append(f"checked in colour schemes {found['schemes']}, not {schemes}")
    if found["lang"] != "en-GB":
        problems.append(f'lang is "{found["lang"]}", not "en-GB"')
    if skip_link and not found["skip"]:
        problems.append("no skip link")
    levels = found["headings"]
    if not levels or levels.count(1) != 1 or levels[0] != 1:
        problems.append(f"headings {levels}: want one h1, first")
    problems += [f"heading h{b} follows h{a}" for a, b in itertools.pairwise(levels)
                 if b > a + 1]
    problems += [f"link text {text!r} makes no sense alone" for text in found["links"]
                 if VAGUE_LINK_TEXT.match(text)]
    return problems


def report(pages: dict[str, list[str]]) -> str:
    failing = {page: problems for page, problems in pages.items() if problems}
    return f"{len(failing)} of {len(pages)} pages fail:\n" + "\n".join(
        f"{page}\n  " + "\n  ".join(problems) for page, problems in failing.items())


def test_chooser_meets_wcag_22_aa(site: Site, reader: Any, axe_url: str) -> None:
    problems, found = audit(reader, site.url(), axe_url)
    problems += structure_problems(found, skip_link=True, schemes=SCHEMES)
    if problems:
        pytest.fail(report({"index.html": problems}), pytrace=False)


def test_the_sites_own_404_page_meets_wcag_22_aa(site: Site, reader: Any, axe_url: str) -> None:
    problems, found = audit(reader, site.url("404.html"), axe_url)
    problems += structure_problems(found, skip_link=True, schemes=SCHEMES)
    if problems:
        pytest.fail(report({"404.html": problems}), pytrace=False)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_page_of_an_audience_meets_wcag_22_aa_and_says_who_it_is_for(
    site: Site, reader: Any, axe_url: str, audience: str
) -> None:
    name = site.glossary.audience(audience).name
    pages = {}
    for path in site.pages(audience):
        problems, found = audit(reader, site.url(path), axe_url)
        pages[path] = problems + structure_problems(found, skip_link=True, schemes=SCHEMES)
        if not path.endswith("404.html") and found["banner"] != f"Written for {name}.":
            pages[path].append(f"the banner says {found['banner']!r}")
    assert len(pages) > 1
    if any(pages.values()):
        pytest.fail(report(pages), pytrace=False)


def test_decision_flowchart_is_a_list_of_questions_in_every_audience(
    site: Site, reader: Any
) -> None:
    for audience in site.glossary.ids:
        reader.goto(site.url(f"{audience}/{FLOWCHART}"))
        steps = reader.locator("article ol > li")
        questions = [step.split("\n")[0].strip() for step in steps.all_inner_texts()]
        assert len(questions) >= 5, f"{audience}: the flowchart is not a list of steps"
        assert all(q.endswith("?") for q in questions), f"{audience}: {questions}"
        images = reader.locator("article img, article svg:not(.md-icon svg)")
        for image in images.all():
            assert (image.get_attribute("alt") or image.get_attribute("aria-label")), \
                f"{audience}: an image in the flowchart has no text alternative"


def test_pages_reflow_to_320_pixels_without_scrolling_sideways(site: Site, browser: Any) -> None:
    """WCAG 1.4.10: 1280 pixels at 400% zoom is 320 pixels wide."""
    context = new_context(browser, viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for path in ["", *(f"{audience}/{FLOWCHART}" for audience in site.glossary.ids)]:
        page.goto(site.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{path or 'index.html'} is {width} pixels wide")
    context.close()
    assert not wide


@pytest.mark.parametrize(("colours", "expected_scheme"), [("light", "default"), ("dark", "slate")])
def test_search_results_meet_wcag_22_aa_in_the_readers_colours(
    site: Site, browser: Any, axe_url: str, colours: str, expected_scheme: str
) -> None:
    context = new_context(browser, color_scheme=colours)
    page = context.new_page()
    page.goto(site.url(f"{site.glossary.source}/"))
    page.locator(".md-search__input").press_sequentially("share")
    page.locator(".md-search-result__item").first.wait_for()
    page.add_script_tag(url=axe_url)
    page.add_style_tag(content=STILL)
    assert scheme(page) == expected_scheme, "the site does not follow the reader's colours"
    violations = page.evaluate(AUDIT, {"type": "tag", "values": AXE_TAGS})
    context.close()
    problems = [f"{v['rule']} ({v['help']}): {node}" for v in violations for node in v["nodes"]]
    if problems:
        pytest.fail(report({"search results": problems}), pytrace=False)
