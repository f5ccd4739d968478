"""A reader whose browser runs no JavaScript can still choose, read and switch audiences."""

from __future__ import annotations

from typing import Any

from .conftest import Site

PAGE = "when-to-share/"


def test_chooser_works_without_script(site: Site, page_without_script: Any) -> None:
    page = page_without_script
    audience = site.glossary.audiences[1]
    page.goto(site.url())
    page.get_by_role("link", name=audience.name).click()
    page.wait_for_url(site.url(f"{audience.id}/"))
    assert page.locator(".md-audiences__for").inner_text() == f"Written for {audience.name}."


def test_page_is_readable_without_script(site: Site, page_without_script: Any) -> None:
    page = page_without_script
    page.goto(site.url(f"{site.glossary.source}/{PAGE}"))
    heading = page.locator("article h1")
    assert heading.is_visible()
    body = page.locator("article.md-content__inner")
    assert len(body.inner_text().split()) > 100
    assert page.locator("article p").first.is_visible()


def test_switcher_works_without_script(site: Site, page_without_script: Any) -> None:
    page = page_without_script
    source, *others = site.glossary.audiences
    for other in others:
        page.goto(site.url(f"{source.id}/{PAGE}"))
        page.locator(".md-audiences__link", has_text=other.name).click()
        page.wait_for_url(site.url(f"{other.id}/{PAGE}"))
        assert page.locator(".md-audiences__for").inner_text() == f"Written for {other.name}."


def test_header_menu_opens_and_switches_without_script(
    site: Site, page_without_script: Any
) -> None:
    page = page_without_script
    other = site.glossary.audiences[2]
    page.goto(site.url(f"{site.glossary.source}/{PAGE}"))
    page.locator(".md-audiences-menu__summary").click()
    page.locator(".md-audiences-menu__link", has_text=other.name).click()
    page.wait_for_url(site.url(f"{other.id}/{PAGE}"))
    assert page.locator(".md-audiences__for").inner_text() == f"Written for {other.name}."


def test_chooser_offers_no_continue_link_without_script(
    site: Site, page_without_script: Any
) -> None:
    page = page_without_script
    page.goto(site.url())
    assert not page.locator("[data-md-audiences-continue]").is_visible()
