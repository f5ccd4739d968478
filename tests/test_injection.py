"""Where the audience banner and header menu go in a rendered page, for each theme's markup."""

from __future__ import annotations

import pytest

from guidance.site.injection import place

BANNER = '<nav data-md-audiences-banner>B</nav>'
MENU = '<div data-md-audiences-menu>M</div>'

# (construct, page, the page with the banner placed)
CONTENT = [
    ("Material page", '<body><div class="md-content"><article class="md-content__inner '
     'md-typeset"><h1>T</h1>', f'<article class="md-content__inner md-typeset">{BANNER}<h1>'),
    ("Material blog index", '<body><div class="md-content__inner"><header class="md-typeset">',
     f'<div class="md-content__inner">{BANNER}<header'),
    ("readthedocs", '<div role="main" class="document"><div class="section" '
     'itemprop="articleBody"><h1>T</h1>',
     f'<div class="section" itemprop="articleBody">{BANNER}<h1>'),
    ("mkdocs", '<div class="col-md-3"></div><div class="col-md-9" role="main"><h1>T</h1>',
     f'<div class="col-md-9" role="main">{BANNER}<h1>'),
    ("a main element", "<body><main><h1>T</h1>", f"<main>{BANNER}<h1>"),
    ("an article", "<body><nav></nav><article><p>x</p>", f"<article>{BANNER}<p>"),
    ("only a heading", '<body><div class="row"><h1>404</h1>', f'<div class="row">{BANNER}<h1>'),
    ("nothing else", '<body class="x"><p>text</p>', f'<body class="x">{BANNER}<p>'),
]


@pytest.mark.parametrize(("page", "expected"), [case[1:] for case in CONTENT],
                         ids=[case[0] for case in CONTENT])
def test_the_banner_opens_the_content(page: str, expected: str) -> None:
    placed = place(page, BANNER, "")
    assert expected in placed
    assert placed.count(BANNER) == 1


HEADER = [
    ("before the colour toggle", '<nav class="md-header__inner"><div class="md-header__title">'
     '</div><form class="md-header__option" data-md-component="palette"></form><label '
     'class="md-header__button md-icon" for="__search"></label>',
     f'</div>{MENU}<form class="md-header__option" data-md-component="palette">'),
    ("before search, without a toggle", '<nav><div class="md-header__title"></div><label '
     'class="md-header__button md-icon" for="__search"></label>',
     f'</div>{MENU}<label class="md-header__button md-icon" for="__search">'),
]


@pytest.mark.parametrize(("page", "expected"), [case[1:] for case in HEADER],
                         ids=[case[0] for case in HEADER])
def test_the_menu_goes_into_materials_header(page: str, expected: str) -> None:
    assert expected in place(page, "", MENU)


def test_no_menu_where_the_theme_has_no_such_header() -> None:
    page = '<div class="navbar"><ul class="nav"></ul></div><div role="main">'
    assert MENU not in place(page, "", MENU)


def test_a_banner_or_menu_the_site_placed_is_left_where_it_is() -> None:
    page = ('<form data-md-component="palette"></form><div data-md-audiences-menu>site</div>'
            '<article class="md-content__inner"><p>x</p><nav data-md-audiences-banner>site</nav>')
    assert place(page, BANNER, MENU) == page


def test_the_audience_goes_under_the_title_of_materials_navigation_drawer() -> None:
    drawer = "<p data-md-audiences-drawer>D</p>"
    page = ('<nav class="md-nav md-nav--primary"><label class="md-nav__title" for="__drawer">'
            '<a class="md-logo"></a>\n Site\n</label><ul class="md-nav__list">')
    assert f"Site\n</label>{drawer}<ul" in place(page, "", "", drawer)
