"""A reader with a mouse and JavaScript: the chooser, the banner, the switcher and search."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import Site

# A page with several sections, and one of them, to switch audiences at.
PAGE = "when-to-share/"
SECTION = "think-about-early-help-first-for-new-worries"

# For each audience: a word of its own that search must find, and (where the glossary swaps
# it out for that audience) a source word that its search must not find.
SEARCH_WORDS: dict[str, tuple[str, str | None]] = {
    "childminders": ("childminder", "MASH"),          # MASH -> children's services team
    "coaches": ("welfare", "referral"),               # referral -> report
    "health": ("clinical", "consultation"),           # consultation line -> advice line
    "police": ("policing", None),                     # police keep the council's words
    "schools": ("college", None),
}


def banner(page: Any) -> str:
    return page.locator(".md-audiences__for").inner_text()


def test_chooser_leads_to_each_audience(site: Site, page: Any) -> None:
    for audience in site.glossary.audiences:
        page.goto(site.url())
        page.get_by_role("link", name=re.compile(re.escape(audience.name))).click()
        page.wait_for_url(site.url(f"{audience.id}/"))
        assert banner(page) == f"Written for {audience.name}."


def test_banner_on_every_audiences_page_says_who_it_is_for(site: Site, page: Any) -> None:
    for audience in site.glossary.audiences:
        page.goto(site.url(f"{audience.id}/{PAGE}"))
        assert page.locator(".md-audiences__for").is_visible()
        assert banner(page) == f"Written for {audience.name}."


def test_switcher_keeps_the_page_and_the_section(site: Site, page: Any) -> None:
    source, *others = site.glossary.audiences
    for other in others:
        page.goto(site.url(f"{source.id}/{PAGE}#{SECTION}"))
        page.locator(".md-audiences__link", has_text=other.name).click()
        page.wait_for_url(site.url(f"{other.id}/{PAGE}#{SECTION}"))
        assert banner(page) == f"Written for {other.name}."
        assert page.locator(f"#{SECTION}").is_visible()


def test_switcher_keeps_the_section_chosen_from_the_contents_list(
    site: Site, page: Any
) -> None:
    source, other = site.glossary.audiences[0], site.glossary.audiences[1]
    page.goto(site.url(f"{source.id}/{PAGE}"))
    page.locator(f'.md-sidebar--secondary a.md-nav__link[href="#{SECTION}"]').click()
    page.wait_for_url(site.url(f"{source.id}/{PAGE}#{SECTION}"))
    page.locator(".md-audiences__link", has_text=other.name).click()
    page.wait_for_url(site.url(f"{other.id}/{PAGE}#{SECTION}"))


def results(page: Any, site: Site, audience: str, query: str) -> list[str]:
    """What Material's search box lists for a query: the links of the matching pages."""
    page.goto(site.url(f"{audience}/"))
    page.locator(".md-search__input").press_sequentially(query)
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile("matching|No matching")).wait_for()
    return page.locator(".md-search-result__link").evaluate_all(
        "links => links.map(link => link.href)")


@pytest.mark.parametrize("audience", SEARCH_WORDS)
def test_search_finds_the_audiences_own_words_in_its_own_pages(
    site: Site, page: Any, audience: str
) -> None:
    own, _ = SEARCH_WORDS[audience]
    found = results(page, site, audience, own)
    assert found, f"{audience} search found nothing for {own!r}"
    assert all(link.startswith(site.url(f"{audience}/")) for link in found)


@pytest.mark.parametrize("audience", [a for a, (_, jargon) in SEARCH_WORDS.items() if jargon])
def test_search_does_not_find_source_jargon_the_audience_never_reads(
    site: Site, page: Any, audience: str
) -> None:
    _, jargon = SEARCH_WORDS[audience]
    assert results(page, site, site.glossary.source, jargon), "the source pages use the word"
    assert results(page, site, audience, jargon) == []


def font_sizes(page: Any, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all(
        "elements => elements.map(e => parseFloat(getComputedStyle(e).fontSize))")


def test_the_urgent_box_is_at_least_body_size_on_every_home_page(site: Site, page: Any) -> None:
    for audience in site.glossary.audiences:
        page.goto(site.url(f"{audience.id}/"))
        [body] = font_sizes(page, "article.md-content__inner > p >> nth=0")
        box = font_sizes(page, ".admonition.danger .admonition-title, .admonition.danger p")
        assert box and min(box) >= body, f"{audience.id}: urgent box {box} under body {body}px"


def test_the_urgent_box_never_repeats_its_title_as_its_first_line(site: Site, page: Any) -> None:
    for audience in site.glossary.audiences:
        page.goto(site.url(f"{audience.id}/"))
        title = page.locator(".admonition.danger .admonition-title").inner_text().strip()
        first = page.locator(".admonition.danger p:not(.admonition-title)").first.inner_text()
        assert not first.startswith(title.rstrip(".")), audience.id


def test_the_chooser_says_what_to_do_in_an_emergency_before_the_choice(
    site: Site, page: Any
) -> None:
    page.goto(site.url())
    message = page.locator(".md-audiences-emergency")
    assert message.is_visible() and "999" in message.inner_text()
    finder = message.get_by_role("link", name=re.compile("Find the council"))
    assert finder.get_attribute("href") == "https://www.gov.uk/report-child-abuse-to-local-council"
    first_choice = page.locator("a[data-md-audiences-choice]").first
    assert message.bounding_box()["y"] < first_choice.bounding_box()["y"]
