"""The real guidance in docs/ and glossary/: every audience gets every page and every core message.

The core messages are written here in the source audience's words. Each audience's expected
wording is what the engine makes of that same phrase, so a swap may change "children's social
care" into that audience's words, but an audience region or a careless edit cannot drop it.
"""

from __future__ import annotations

import os
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml

from guidance.engine.glossary import Glossary, load_glossary
from guidance.engine.pages import Engine, PreparedPage
from tests.generator import build_command

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))

# The safety messages every reader must meet, whichever audience they are.
CORE_MESSAGES = {
    "call 999 in immediate danger": "If a child is in immediate danger, call 999.",
    "tell the council at once": "tell the local authority's children's social care at once",
    "consent not needed when a child is at risk": (
        "You do not need consent to share information when a child is at risk of harm."
    ),
    "record your decision": "Record your decision and your reasons, whether or not you share.",
    "NSPCC helpline": "0808 800 5000",
    "Childline": "0800 1111",
}

# Where an audience is told the same thing in other words because its advice differs: police
# officers act under their own powers in an emergency instead of calling 999.
AUDIENCE_WORDING = {
    ("police", "call 999 in immediate danger"): "If a child is in immediate danger, act now.",
}


def _phrase(message: str, audience: str) -> str:
    return AUDIENCE_WORDING.get((audience, message), CORE_MESSAGES[message])


@pytest.fixture(scope="module")
def real_glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


@pytest.fixture(scope="module")
def real_engine(real_glossary: Glossary) -> Engine:
    return Engine(real_glossary)


@pytest.fixture(scope="module")
def prepared(real_engine: Engine) -> dict[str, PreparedPage]:
    return {
        page: real_engine.prepare((DOCS / page).read_text(encoding="utf-8"), f"docs/{page}")
        for page in PAGES
    }


def _flat(text: str) -> str:
    """Case and line breaks do not change what a reader reads."""
    return " ".join(text.split()).casefold()


def _audience_ids() -> list[str]:
    return list(load_glossary(ROOT / "glossary").ids)


def _nav_pages(entries: list[object]) -> list[str]:
    pages: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            pages.extend(_nav_pages(value))
        elif isinstance(value, str):
            pages.append(value)
    return pages


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without the Python objects some of its tags would build."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_the_glossary_has_at_least_forty_terms(real_glossary: Glossary) -> None:
    assert len(real_glossary.terms) >= 40


def test_the_six_audiences_start_with_the_source(real_glossary: Glossary) -> None:
    assert real_glossary.source == "practitioners"
    assert real_glossary.ids == (
        "practitioners", "childminders", "police", "coaches", "schools", "health",
    )


def test_the_navigation_lists_every_page_and_only_pages_that_exist() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    assert sorted(_nav_pages(config["nav"])) == PAGES


@pytest.mark.parametrize("audience", _audience_ids())
def test_every_page_rewrites_for_every_audience(
    audience: str, real_engine: Engine, prepared: dict[str, PreparedPage]
) -> None:
    for page, prepared_page in prepared.items():
        text = real_engine.rewrite(prepared_page, audience).text
        assert text.strip(), f"{page} is empty for {audience}"
        assert not re.search(r"<!--\s*/?\s*(audience|verbatim)\b", text), (
            f"a region marker reached {audience}'s {page}"
        )


@pytest.mark.parametrize("audience", _audience_ids())
@pytest.mark.parametrize("message", CORE_MESSAGES)
def test_every_audience_keeps_every_core_message(
    audience: str, message: str, real_engine: Engine, prepared: dict[str, PreparedPage]
) -> None:
    expected = _flat(real_engine.rewrite_plain(_phrase(message, audience), audience))
    site = _flat(" ".join(real_engine.rewrite(p, audience).text for p in prepared.values()))
    assert expected in site, f"{audience} never reads: {expected!r}"


@pytest.mark.parametrize("audience", _audience_ids())
def test_the_home_page_carries_every_core_message_for_every_audience(
    audience: str, real_engine: Engine, prepared: dict[str, PreparedPage]
) -> None:
    home = _flat(real_engine.rewrite(prepared["index.md"], audience).text)
    missing = [
        message for message in CORE_MESSAGES
        if _flat(real_engine.rewrite_plain(_phrase(message, audience), audience)) not in home
    ]
    assert not missing, f"{audience}'s home page lacks {missing}"


def test_police_officers_are_never_told_to_call_999(
    real_engine: Engine, prepared: dict[str, PreparedPage]
) -> None:
    told = [page for page, prepared_page in prepared.items()
            if "call 999" in _flat(real_engine.rewrite(prepared_page, "police").text)]
    assert not told, f"police pages that say 'call 999': {told}"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built with the real `mkdocs build --strict` (or ProperDocs')."""
    folder = tmp_path_factory.mktemp("content") / "site"
    result = subprocess.run(
        build_command("--strict", "-d", str(folder)),
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return folder


def _built_text(html: str) -> str:
    """What a reader reads on a built page: the article, without tags."""
    article = html.split('<article', 1)[-1].split("</article>", 1)[0]
    article = re.sub(r"</?abbr\b[^>]*>", "", article)  # a definition's tags are inside a word
    return _flat(unescape(re.sub(r"<[^>]+>", " ", article)))


@pytest.mark.parametrize("audience", _audience_ids())
def test_the_built_site_has_every_page_for_every_audience(audience: str,
                                                          built_site: Path) -> None:
    for page in PAGES:
        folder = "" if page == "index.md" else page.removesuffix(".md") + "/"
        assert (built_site / audience / folder / "index.html").is_file(), f"{audience}: {page}"


@pytest.mark.parametrize("audience", _audience_ids())
def test_the_built_site_carries_every_core_message_for_every_audience(
    audience: str, built_site: Path, real_engine: Engine
) -> None:
    text = " ".join(_built_text(path.read_text(encoding="utf-8"))
                    for path in (built_site / audience).rglob("index.html"))
    text = re.sub(r"\s+([.,;:])", r"\1", text)  # tags removed around links leave a space
    missing = [message for message in CORE_MESSAGES
               if _flat(real_engine.rewrite_plain(_phrase(message, audience), audience))
               not in text]
    assert not missing, f"{audience}'s built pages lack {missing}"


@pytest.mark.parametrize("audience", _audience_ids())
def test_every_built_page_links_the_accessibility_statement_from_its_footer(
    audience: str, built_site: Path
) -> None:
    about = (built_site / audience / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="accessibility-statement"' in about
    for path in (built_site / audience).rglob("index.html"):
        footer = path.read_text(encoding="utf-8").split('class="md-copyright__links"', 1)
        assert len(footer) == 2, f"no footer links on {path.relative_to(built_site)}"
        link = re.search(r'href="([^"]*)">Accessibility statement<', footer[1])
        assert link, f"no accessibility statement link on {path.relative_to(built_site)}"
        target = (path.parent / link.group(1).split("#")[0] / "index.html").resolve()
        assert target == (built_site / audience / "about" / "index.html").resolve()


def test_the_editorial_record_names_real_pages_audiences_and_readers(
    real_glossary: Glossary,
) -> None:
    """review/editorial.yml, the record of the editorial pass the review report shows."""
    record = yaml.safe_load((ROOT / "review" / "editorial.yml").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(record["date"]))
    assert len(record["rubric"]) == 7
    for page, readings in record["pages"].items():
        assert page in PAGES, f"the record names {page}, which is not in docs/"
        for audience, reading in readings.items():
            assert reading["read_as"] == real_glossary.audience(audience).reader
            assert set(reading) <= {"read_as", "changed", "unsure"}
            assert all(isinstance(item, str) for item in reading["changed"])
            assert all(isinstance(item, str) for item in reading.get("unsure", []))


# Each reader's own role, in its own words: left out of its glossary page (definition: false).
OWN_ROLE_ANCHOR = "practitioner"


@pytest.mark.parametrize("audience", ["childminders", "police", "coaches", "schools", "health"])
def test_the_readers_own_role_is_not_on_its_glossary_page(audience: str,
                                                         built_site: Path) -> None:
    page = (built_site / audience / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'id="lead-practitioner"' in page  # the glossary page is there, with other terms
    assert f'id="{OWN_ROLE_ANCHOR}"' not in page


def test_no_glossary_page_offers_a_head_coach(built_site: Path) -> None:
    for page in built_site.rglob("glossary/index.html"):
        assert "head coach" not in page.read_text(encoding="utf-8").casefold(), page

