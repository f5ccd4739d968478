"""Audience fit: what must not reach some readers (AF001), what some readers must always be told
(core messages with `audiences`), and each version's reading age (RD001).

The project is tests/fixtures/lint/glossary (practitioners -> childminders, police), copied into
a temporary folder with the page under test as docs/page.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidance.lint import readability
from guidance.lint.readability import ReadingAge, Syllables, reading_age, sentences_of
from guidance.lint.rules import Finding
from guidance.lint.runner import lint_paths

GLOSSARY = Path(__file__).parent / "fixtures" / "lint" / "glossary"
FIT = """\
- audiences: police
  avoid: call the police
  why: police officers act under their own powers.
- audiences: not practitioners
  avoid: [tell the council]
  why: say who at the council, and how to find them.
"""


@pytest.fixture(autouse=True)
def _syllable_cache(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


def lint(tmp_path: Path, page: str, **files: str) -> list[Finding]:
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    for name, text in files.items():
        (tmp_path / "glossary" / name.replace("_yml", ".yml").replace("_", "-")).write_text(text)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page)
    return lint_paths(tmp_path / "glossary", [tmp_path / "docs"], root=tmp_path).findings


def codes(findings: list[Finding], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]


# --- AF001: a phrase that must not reach an audience --------------------------------------------

def test_an_unfit_phrase_is_found_in_that_audiences_text_at_its_source_line(
        tmp_path: Path) -> None:
    page = "# Advice\n\nIf you are worried,\ncall the police.\n"
    [finding] = codes(lint(tmp_path, page, audience_fit_yml=FIT), "AF001")
    assert (finding.path, finding.line, finding.column) == ("docs/page.md", 4, 1)
    assert finding.audience == "police"
    assert "police officers act under their own powers" in finding.message


def test_an_unfit_phrase_made_by_a_swap_is_found_where_the_swapped_word_stands(
        tmp_path: Path) -> None:
    # "local authority" is "council" for childminders: only their version says "tell the council"
    page = "# Advice\n\nSome text first.\nTell the local authority today.\n"
    [finding] = codes(lint(tmp_path, page, audience_fit_yml=FIT), "AF001")
    assert (finding.line, finding.audience) == (4, "childminders")


def test_an_unfit_phrase_in_a_region_the_audience_does_not_see_is_not_reported(
        tmp_path: Path) -> None:
    page = "<!-- audience: not police -->\nCall the police.\n<!-- /audience -->\n"
    assert codes(lint(tmp_path, page, audience_fit_yml=FIT), "AF001") == []


def test_an_unfit_phrase_in_code_is_not_reported(tmp_path: Path) -> None:
    page = "Write `call the police` in the form.\n"
    assert codes(lint(tmp_path, page, audience_fit_yml=FIT), "AF001") == []


def test_an_unknown_audience_in_the_fit_file_is_a_located_glossary_error(tmp_path: Path) -> None:
    fit = "- audiences: polce\n  avoid: call 999\n  why: x.\n"
    [error] = codes(lint(tmp_path, "Text.\n", audience_fit_yml=fit), "GL001")
    assert (error.path, error.line) == ("glossary/audience-fit.yml", 1)
    assert "'polce'" in error.message and "police" in error.message


# --- core messages for some audiences -----------------------------------------------------------

POLICE_ONLY = """\
- id: force-process
  message: Police officers use their force's child concern process.
  match: 'child concern'
  audiences: police
"""


def test_a_core_message_for_one_audience_is_lost_when_its_region_is_missing(
        tmp_path: Path) -> None:
    [finding] = codes(lint(tmp_path, "Nothing for the police here.\n",
                           core_messages_yml=POLICE_ONLY), "CM002")
    assert finding.path == "glossary/core-messages.yml"


def test_a_core_message_for_one_audience_is_not_required_of_the_others(tmp_path: Path) -> None:
    page = "<!-- audience: police -->\nUse the child concern process.\n<!-- /audience -->\n"
    findings = lint(tmp_path, page, core_messages_yml=POLICE_ONLY)
    assert codes(findings, "CM001") == codes(findings, "CM002") == []


def test_a_core_message_only_some_audiences_read_is_blamed_for_the_one_that_lacks_it(
        tmp_path: Path) -> None:
    messages = POLICE_ONLY.replace("audiences: police", "audiences: police, childminders")
    page = "<!-- audience: police -->\nUse the child concern process.\n<!-- /audience -->\n"
    [finding] = codes(lint(tmp_path, page, core_messages_yml=messages), "CM001")
    assert finding.audience == "childminders"


# --- reading age --------------------------------------------------------------------------------

KNOWN = ("Information sharing is essential for effective safeguarding and promoting the "
         "welfare of children.")


def test_reading_age_of_a_known_sentence() -> None:
    # 13 words, 1 sentence, 27 syllables: 0.39 * 13 + 11.8 * 27 / 13 - 15.59 = 13.99
    measured = reading_age([KNOWN], Syllables())
    assert measured == ReadingAge(words=13, sentences=1, syllables=27)
    assert round(measured.grade, 2) == 13.99
    assert measured.age == 19


def test_each_heading_list_item_or_paragraph_ends_a_sentence() -> None:
    assert sentences_of(["Who to tell", "Tell the lead. Then write it down"]) == [
        "Who to tell", "Tell the lead.", " Then write it down"]


def test_syllable_counts_are_kept_between_runs(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "syllables.json"
    first = Syllables(cache)
    assert first.counts(["safeguarding", "child"]) == [3, 1]
    first.save()

    def no_dictionary(words: set[str]) -> dict[str, int]:
        raise AssertionError(f"looked up {words}")

    monkeypatch.setattr(readability, "_look_up", no_dictionary)
    assert Syllables(cache).counts(["Safeguarding", "child"]) == [3, 1]


def test_a_page_above_the_reading_age_limit_is_a_warning_naming_each_audience(
        tmp_path: Path) -> None:
    [finding] = codes(lint(tmp_path, KNOWN + "\n", reading_age_yml="limit: 12\n"), "RD001")
    assert finding.path == "docs/page.md"
    assert "practitioners 19" in finding.message and "police 19" in finding.message


def test_a_page_with_its_own_limit_is_held_to_that_limit(tmp_path: Path) -> None:
    limits = "limit: 12\npages:\n  page.md: 20\n"
    assert codes(lint(tmp_path, KNOWN + "\n", reading_age_yml=limits), "RD001") == []


def test_without_a_limit_no_reading_age_is_measured(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, KNOWN + "\n"), "RD001") == []


def test_a_reading_age_limit_that_is_not_a_number_is_a_located_error(tmp_path: Path) -> None:
    [error] = codes(lint(tmp_path, "Text.\n", reading_age_yml="limit: twelve\n"), "GL001")
    assert (error.path, error.line) == ("glossary/reading-age.yml", 1)
