"""A reader with only a keyboard: Tab reaches the chooser's and the switcher's links, focus can be
seen, Enter follows them, and the first Tab on a page offers to skip to its content."""

from __future__ import annotations

from typing import Any

from .conftest import Site

PAGE = "when-to-share/"
MOST_TABS = 80  # the switcher sits after the header, search and both navigation lists


def focused(page: Any) -> dict[str, str]:
    return page.evaluate("""() => {
        const element = document.activeElement
        return {text: element.innerText.trim(), href: element.getAttribute("href") || "",
                classes: element.className}
    }""")


def tab_to(page: Any, text: str) -> int:
    """Press Tab until the link whose text starts with `text` has the focus; return how many."""
    for presses in range(1, MOST_TABS + 1):
        page.keyboard.press("Tab")
        if focused(page)["text"].startswith(text):
            return presses
    raise AssertionError(f"{MOST_TABS} presses of Tab never reached {text!r}")


def focus_shows(page: Any) -> bool:
    """Whether the focused element looks different from the same element without focus."""
    box = page.evaluate("""() => {
        const r = document.activeElement.getBoundingClientRect()
        return {x: Math.max(r.x - 6, 0), y: Math.max(r.y - 6, 0),
                width: r.width + 12, height: r.height + 12}
    }""")
    with_focus = page.screenshot(clip=box, animations="disabled")
    page.evaluate("document.activeElement.blur()")
    without_focus = page.screenshot(clip=box, animations="disabled")
    return with_focus != without_focus


def test_tab_reaches_every_audience_on_the_chooser_in_order_after_the_emergency_link(
    site: Site, page: Any
) -> None:
    page.goto(site.url())
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")  # past the site's header, as on every page
    page.keyboard.press("Tab")  # the emergency message's link comes before the choice
    assert focused(page)["text"] == "Find the council's phone number on GOV.UK"
    for audience in site.glossary.audiences:
        page.keyboard.press("Tab")
        assert focused(page)["text"].startswith(audience.name)
        assert focused(page)["href"] == f"{audience.id}/"


def test_focus_on_a_chooser_link_can_be_seen(site: Site, page: Any) -> None:
    page.goto(site.url())
    tab_to(page, site.glossary.audiences[1].name)
    assert focus_shows(page)


def test_enter_on_the_chooser_opens_that_audience(site: Site, page: Any) -> None:
    audience = site.glossary.audiences[-1]
    page.goto(site.url())
    tab_to(page, audience.name)
    page.keyboard.press("Enter")
    page.wait_for_url(site.url(f"{audience.id}/"))


def test_first_tab_on_a_page_shows_a_skip_link(site: Site, page: Any) -> None:
    page.goto(site.url(f"{site.glossary.source}/{PAGE}"))
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    assert focus_shows(page)  # hidden until it has the focus


def test_enter_on_the_skip_link_moves_to_the_content(site: Site, page: Any) -> None:
    page.goto(site.url(f"{site.glossary.source}/{PAGE}"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash").lstrip("#")
    assert page.locator("h1").get_attribute("id") == target


def test_tab_and_enter_on_the_switcher_open_the_same_page_for_another_audience(
    site: Site, page: Any
) -> None:
    source, other = site.glossary.audiences[0], site.glossary.audiences[1]
    page.goto(site.url(f"{source.id}/{PAGE}"))
    tab_to(page, other.name)
    assert "md-audiences__link" in focused(page)["classes"]
    page.keyboard.press("Enter")
    page.wait_for_url(site.url(f"{other.id}/{PAGE}"))


def test_focus_on_a_switcher_link_can_be_seen(site: Site, page: Any) -> None:
    page.goto(site.url(f"{site.glossary.source}/{PAGE}"))
    tab_to(page, site.glossary.audiences[1].name)
    assert focus_shows(page)
