"""A reader moving between audiences' versions, at desktop (1280 by 900) and phone (390 by 844)
sizes: they keep their place and their colours, always see whose version they read, and the
chooser remembers them.

Screenshots of the header, the open menu and the chooser, light and dark, are written to
test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import ROOT, Site, new_context
from .test_accessibility import AUDIT, AXE_TAGS, STILL

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGE = "when-to-share/"
SECTION = "think-about-early-help-first-for-new-worries"  # in the middle of the page
ONLY_SOME = "operation-encompass"  # in the police and schools versions only
BEFORE_IT = SECTION  # the section before it, which every version has
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

HEADER_BOTTOM = (
    "document.querySelector('[data-md-component=header]').getBoundingClientRect().bottom")


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def reader(browser: Any, size: str) -> Iterator[Any]:
    context = new_context(browser, viewport=SIZES[size])
    yield context.new_page()
    context.close()


def heading_top(page: Any, section: str) -> float:
    """How far below the header the section's heading is, in pixels."""
    return page.evaluate(
        f"document.getElementById({section!r}).getBoundingClientRect().top - {HEADER_BOTTOM}")


def scroll_to(page: Any, section: str) -> None:
    """Scroll with the mouse wheel, as a reader does, until the section starts below the header."""
    box = page.locator("article").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, page.viewport_size["height"] / 2)
    for _ in range(40):
        top = heading_top(page, section)
        if 0 <= top <= 100:
            break
        page.mouse.wheel(0, max(min(top - 40, 700), -700))
        page.wait_for_timeout(60)
    assert 0 <= heading_top(page, section) <= 100, f"could not scroll to {section}"
    assert "#" not in page.url


def switch(page: Any, audience_name: str) -> None:
    """Open the menu in the header and choose the audience, as a reader does."""
    page.locator(".md-audiences-menu__summary").click()
    page.locator(".md-audiences-menu__link", has_text=audience_name).click()
    page.wait_for_load_state()
    page.wait_for_timeout(100)  # the script places the reader once the page has loaded


def in_view(page: Any, section: str) -> bool:
    """Whether the section's heading is in the top half of the window, below the header."""
    top = heading_top(page, section)
    return -2 <= top <= page.viewport_size["height"] / 2


def audience_name(site: Site, audience_id: str) -> str:
    return site.glossary.audience(audience_id).name


def test_switching_keeps_the_section_the_reader_scrolled_to(site: Site, reader: Any) -> None:
    for previous, audience in [("practitioners", "coaches"), ("coaches", "health")]:
        reader.goto(site.url(f"{previous}/{PAGE}"))
        scroll_to(reader, SECTION)
        switch(reader, audience_name(site, audience))
        assert reader.url == site.url(f"{audience}/{PAGE}#{SECTION}")
        assert in_view(reader, SECTION), f"{audience}: the section is not in view"


def test_switching_from_the_banner_after_scrolling_back_up_keeps_the_section(
    site: Site, reader: Any
) -> None:
    reader.goto(site.url(f"practitioners/{PAGE}"))
    scroll_to(reader, SECTION)
    reader.locator(".md-audiences__link", has_text=audience_name(site, "schools")).click()
    reader.wait_for_url(site.url(f"schools/{PAGE}#{SECTION}"))
    reader.wait_for_timeout(100)
    assert in_view(reader, SECTION)


def test_a_section_only_the_previous_version_has_leads_to_the_one_before_it_with_a_note(
    site: Site, reader: Any
) -> None:
    reader.goto(site.url(f"police/{PAGE}"))
    scroll_to(reader, ONLY_SOME)
    switch(reader, audience_name(site, "practitioners"))
    assert reader.url == site.url(f"practitioners/{PAGE}#{BEFORE_IT}")
    note = reader.locator(".md-audiences-note")
    assert note.is_visible()
    assert note.inner_text() == (
        "The section “Operation Encompass” is in the version for Police but not in this one. "
        "This is the section before it.")
    assert note.get_attribute("role") == "status"
    assert in_view(reader, BEFORE_IT)


def test_a_section_both_versions_have_needs_no_note(site: Site, reader: Any) -> None:
    reader.goto(site.url(f"police/{PAGE}"))
    scroll_to(reader, ONLY_SOME)
    switch(reader, audience_name(site, "schools"))
    assert reader.url == site.url(f"schools/{PAGE}#{ONLY_SOME}")
    assert in_view(reader, ONLY_SOME)
    assert reader.locator(".md-audiences-note").count() == 0


def test_the_audience_shows_in_the_header_mid_page(site: Site, reader: Any) -> None:
    reader.goto(site.url(f"coaches/{PAGE}"))
    reader.keyboard.press("End")
    reader.wait_for_timeout(200)
    summary = reader.locator(".md-audiences-menu__summary")
    box = summary.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 60  # in the header
    assert summary.is_visible()
    words = re.sub(r"\s+", " ", summary.inner_text()).strip()  # as a screen reader reads it
    assert words == "Written for Sports coaches and club volunteers"
    assert reader.locator(".md-audiences-menu__name").is_visible()


def test_the_phone_menu_drawer_says_whose_version_it_is(site: Site, browser: Any) -> None:
    context = new_context(browser, viewport=SIZES["phone"])
    page = context.new_page()
    page.goto(site.url(f"police/{PAGE}"))
    page.locator('label.md-header__button[for="__drawer"]').click()
    line = page.locator(".md-audiences-drawer")
    line.wait_for()
    words = line.inner_text()
    context.close()
    assert words == "Written for Police"


def test_the_header_menu_works_with_the_keyboard(site: Site, reader: Any) -> None:
    reader.goto(site.url(f"coaches/{PAGE}"))
    summary = reader.locator(".md-audiences-menu__summary")
    summary.focus()
    reader.keyboard.press("Enter")
    links = reader.locator(".md-audiences-menu__link")
    assert links.first.is_visible()
    reader.keyboard.press("Tab")
    assert reader.evaluate("document.activeElement.textContent.trim()") == audience_name(
        site, "practitioners")
    reader.keyboard.press("Escape")
    assert not links.first.is_visible()
    assert reader.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_dark_colours_carry_over_to_another_audience_and_the_chooser(
    site: Site, reader: Any
) -> None:
    reader.goto(site.url(f"police/{PAGE}"))
    reader.locator('form[data-md-component="palette"] label:not([hidden])').click()
    assert reader.evaluate("document.body.dataset.mdColorScheme") == "slate"
    switch(reader, audience_name(site, "coaches"))
    assert reader.evaluate("document.body.dataset.mdColorScheme") == "slate"
    reader.goto(site.url())
    assert reader.evaluate("document.body.dataset.mdColorScheme") == "slate"


@pytest.mark.parametrize(("colours", "expected"), [("light", "default"), ("dark", "slate")])
def test_chooser_follows_the_systems_colour_scheme(
    site: Site, browser: Any, colours: str, expected: str
) -> None:
    context = new_context(browser, color_scheme=colours)
    page = context.new_page()
    page.goto(site.url())
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    context.close()
    assert scheme == expected


def test_chooser_has_the_footer_of_every_page(site: Site, reader: Any) -> None:
    reader.goto(site.url())
    statement = reader.locator(".md-footer").get_by_role("link", name="Accessibility statement")
    statement.click()
    reader.wait_for_url(site.url(f"{site.glossary.source}/about/#accessibility-statement"))


def test_chooser_offers_a_returning_reader_to_continue_and_to_choose_again(
    site: Site, reader: Any
) -> None:
    reader.goto(site.url())
    offer = reader.locator("[data-md-audiences-continue-link]")
    assert not offer.is_visible()  # a first visit
    reader.goto(site.url(f"police/{PAGE}"))
    reader.goto(site.url())
    assert offer.is_visible()
    assert offer.inner_text().startswith("Continue as Police")
    assert reader.locator("a[data-md-audiences-choice]").count() == len(site.glossary.ids)
    offer.click()
    reader.wait_for_url(site.url("police/"))


def test_404_page_says_who_it_is_for_and_links_every_audiences_home(
    site: Site, reader: Any
) -> None:
    reader.goto(site.url("schools/404.html"))
    assert reader.locator(".md-audiences__for").inner_text() == "Written for Schools and colleges."
    links = reader.locator(".md-audiences__link")
    hrefs = links.evaluate_all("links => links.map(link => link.href)")
    assert hrefs == [site.url(f"{audience}/") for audience in site.glossary.ids]


def test_open_menu_and_note_meet_wcag_22_aa_in_both_schemes(
    site: Site, reader: Any, axe_url: str
) -> None:
    reader.goto(site.url(f"police/{PAGE}"))
    scroll_to(reader, ONLY_SOME)
    switch(reader, audience_name(site, "practitioners"))
    problems = []
    for turn in range(2):
        if turn:
            reader.locator('form[data-md-component="palette"] label:not([hidden])').click()
        reader.add_script_tag(url=axe_url)
        reader.add_style_tag(content=STILL)
        reader.locator(".md-audiences-menu__summary").click()
        scheme = reader.evaluate("document.body.dataset.mdColorScheme")
        problems += [f"[{scheme}] {v['rule']}: {node}"
                     for v in reader.evaluate(AUDIT, {"type": "tag", "values": AXE_TAGS})
                     for node in v["nodes"]]
        reader.locator(".md-audiences-menu__summary").click()
    assert not problems


@pytest.mark.parametrize("colours", ["light", "dark"])
def test_screenshots_of_the_header_menu_and_chooser(
    site: Site, browser: Any, size: str, colours: str
) -> None:
    """For a person to look at: test-artifacts/screenshots/<size>-<colours>-<view>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = new_context(browser, viewport=SIZES[size], color_scheme=colours)
    page = context.new_page()
    page.goto(site.url(f"police/{PAGE}"))
    page.screenshot(path=SCREENSHOTS / f"{size}-{colours}-page-top.png")
    scroll_to(page, SECTION)
    page.locator(".md-audiences-menu__summary").click()
    assert page.locator(".md-audiences-menu__panel").is_visible()
    page.screenshot(path=SCREENSHOTS / f"{size}-{colours}-menu-open.png")
    page.keyboard.press("Escape")
    scroll_to(page, ONLY_SOME)
    switch(page, audience_name(site, "health"))
    assert page.locator(".md-audiences-note").is_visible()
    page.screenshot(path=SCREENSHOTS / f"{size}-{colours}-note.png")
    page.goto(site.url())
    assert page.locator("[data-md-audiences-continue-link]").is_visible()
    page.screenshot(path=SCREENSHOTS / f"{size}-{colours}-chooser.png", full_page=True)
    context.close()
