"""Every lint rule, each with a page (or glossary) that breaks it and one that does not.

The project is tests/fixtures/lint/glossary (practitioners -> childminders, police) copied into a
temporary folder with the page under test as docs/page.md.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guidance.engine.glossary import load_glossary
from guidance.lint.rules import Finding
from guidance.lint.runner import PARALLEL_FROM, lint_paths, lint_project

GLOSSARY = Path(__file__).parent / "fixtures" / "lint" / "glossary"
USES_EVERY_TERM = (
    "A practitioner tells the local authority and the designated safeguarding lead. "
    "If a child is in danger, call 999.\n"
)


def lint(tmp_path: Path, page: str, *, terms: str | None = None, files: bool = False,
         audiences: list[str] | None = None) -> list[Finding]:
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    if terms is not None:
        (tmp_path / "glossary" / "terms" / "extra.yml").write_text(terms)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page)
    paths = [tmp_path / "docs" / "page.md"] if files else [tmp_path / "docs"]
    return lint_paths(tmp_path / "glossary", paths, root=tmp_path, audiences=audiences).findings


def codes(findings: list[Finding], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]


# --- GL001 glossary errors ----------------------------------------------------------------------

def test_a_glossary_mistake_is_reported_at_its_file_line_and_column(tmp_path: Path) -> None:
    findings = lint(tmp_path, USES_EVERY_TERM, terms="- term: coach\n  definition: x\n"
                    "  swap:\n    childminders: coach\n")
    [error] = codes(findings, "GL001")
    assert (error.path, error.line) == ("glossary/terms/extra.yml", 3)
    assert "police" in error.message


def test_a_sound_glossary_has_no_glossary_errors(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM), "GL001") == []


def test_a_bad_core_message_pattern_is_a_glossary_error(tmp_path: Path) -> None:
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    (tmp_path / "glossary" / "core-messages.yml").write_text(
        "- id: broken\n  message: x\n  match: 'call (999'\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(USES_EVERY_TERM)
    [error] = lint_paths(tmp_path / "glossary", [tmp_path / "docs"], root=tmp_path).findings
    assert (error.code, error.path, error.line) == ("GL001", "glossary/core-messages.yml", 1)


# --- RG001 region errors / RG002 audiences no region names --------------------------------------

def test_an_unclosed_region_is_a_region_error_at_its_line(tmp_path: Path) -> None:
    findings = lint(tmp_path, USES_EVERY_TERM + "\n<!-- audience: police -->\nOnly police.\n")
    [error] = codes(findings, "RG001")
    assert (error.path, error.line) == ("docs/page.md", 3)


def test_closed_regions_with_known_audiences_are_not_errors(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + "\n<!-- audience: police -->\nOnly police.\n<!-- /audience -->\n"
    assert codes(lint(tmp_path, page), "RG001") == []


def test_an_audience_no_region_names_is_noted(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + "\n<!-- audience: police -->\nOnly police.\n<!-- /audience -->\n"
    noted = {finding.audience for finding in codes(lint(tmp_path, page), "RG002")}
    assert noted == {"practitioners", "childminders"}


def test_a_region_error_does_not_make_terms_or_audiences_look_unused(tmp_path: Path) -> None:
    page = ("<!-- audience: police -->\nOnly police.\n<!-- /audience -->\n"
            "<!-- audience: childminders -->\n" + USES_EVERY_TERM)  # never closed
    findings = lint(tmp_path, page)
    assert [f.code for f in findings] == ["RG001"]


def test_an_audience_named_in_a_not_region_counts_as_named(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + ("\n<!-- audience: not police -->\nNot police.\n<!-- /audience -->\n"
                              "<!-- audience: practitioners, childminders -->\nx\n"
                              "<!-- /audience -->\n")
    assert codes(lint(tmp_path, page), "RG002") == []


# --- TM001 unknown jargon -----------------------------------------------------------------------

def test_shipped_jargon_with_no_glossary_entry_is_an_error(tmp_path: Path) -> None:
    [error] = codes(lint(tmp_path, USES_EVERY_TERM + "Tell the LADO.\n"), "TM001")
    assert (error.line, error.column, error.match) == (2, 10, "LADO")


def test_jargon_from_the_projects_own_list_is_an_error(tmp_path: Path) -> None:
    [error] = codes(lint(tmp_path, USES_EVERY_TERM + "Call the Front Door.\n"), "TM001")
    assert error.match == "Front Door"


def test_jargon_the_glossary_translates_is_not_reported(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + "Tell the LADO.\n"
    terms = ("- term: LADO\n  definition: x\n  swap:\n    childminders: allegations officer\n"
             "    police: LADO\n")
    assert codes(lint(tmp_path, page, terms=terms), "TM001") == []


KEPT_LADO = ("- term: LADO\n  definition: x\n  swap:\n    childminders: LADO\n"
             "    police: LADO\n")


def test_jargon_every_audience_keeps_as_written_is_reported_at_the_term(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + "Tell the LADO.\n\nThe LADO knows.\n"
    [error] = codes(lint(tmp_path, page, terms=KEPT_LADO), "TM001")
    assert (error.path, error.line) == ("glossary/terms/extra.yml", 1)
    assert error.message == (
        "'LADO' is jargon that every audience reads as written (first used at "
        "docs/page.md:2:10); give at least one audience its own words for it, or keep it on "
        "purpose with '# lint: ignore TM001' on its line.")


def test_jargon_kept_on_purpose_is_not_reported(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + "Tell the LADO.\n"
    terms = KEPT_LADO.replace("- term: LADO", "- term: LADO  # lint: ignore TM001")
    assert codes(lint(tmp_path, page, terms=terms), "TM001") == []


def test_jargon_inside_a_longer_glossary_term_is_not_reported(tmp_path: Path) -> None:
    # "local authority" is shipped jargon and a glossary term; so is the longer phrase.
    assert codes(lint(tmp_path, USES_EVERY_TERM), "TM001") == []


def test_an_acronym_matches_only_in_capitals(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM + "Mash the potatoes.\n"), "TM001") == []


@pytest.mark.parametrize("place", [
    "```\nTell the LADO.\n```\n",
    "Run `LADO` now.\n",
    "See <https://example.org/LADO>.\n",
    "See https://example.org/LADO today.\n",
    "See [the page](https://example.org/LADO).\n",
    '<span title="LADO">x</span>\n',
    "## Heading { #LADO }\n",
    '--8<-- "LADO.md"\n',
    "<!-- LADO -->\n",
    "The LADOS are not the same word.\n",
])
def test_jargon_is_never_found_in_code_urls_markup_or_longer_words(tmp_path: Path,
                                                                   place: str) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM + "\n" + place), "TM001") == []


@pytest.mark.parametrize("place", [
    '!!! note "Note"\n    Tell the LADO.\n',
    '!!! note "Note"\n\n    Tell the LADO.\n',
    '=== "Tab"\n\n    Tell the LADO.\n',
    "![Tell the LADO](picture.png)\n",
    "Tell the *LADO*.\n",
    "> Tell the LADO.\n",
    "See [the LADO](https://example.org/).\n",
])
def test_jargon_is_found_in_every_kind_of_prose(tmp_path: Path, place: str) -> None:
    assert len(codes(lint(tmp_path, USES_EVERY_TERM + "\n" + place), "TM001")) == 1


def test_jargon_split_by_a_line_break_is_found(tmp_path: Path) -> None:
    [error] = codes(lint(tmp_path, USES_EVERY_TERM + "\nCall the front\ndoor now.\n"), "TM001")
    assert (error.line, error.end_line) == (3, 4)


def test_jargon_only_the_source_audience_reads_is_not_reported(tmp_path: Path) -> None:
    page = (USES_EVERY_TERM
            + "\n<!-- audience: practitioners -->\nTell the LADO.\n<!-- /audience -->\n")
    assert codes(lint(tmp_path, page), "TM001") == []


def test_jargon_inside_a_verbatim_region_is_not_reported(tmp_path: Path) -> None:
    page = (USES_EVERY_TERM
            + "The title is <!-- verbatim -->Working with the LADO<!-- /verbatim -->.\n")
    assert codes(lint(tmp_path, page), "TM001") == []


# --- TM002 spelling variants --------------------------------------------------------------------

def test_a_spelling_variant_is_reported_with_the_preferred_spelling(tmp_path: Path) -> None:
    [warning] = codes(lint(tmp_path, USES_EVERY_TERM + "Practicioners must act.\n"), "TM002")
    assert (warning.match, warning.replacement) == ("Practicioners", "Practitioners")
    assert warning.fix is not None and warning.fix.text == "Practitioners"


def test_the_fix_for_an_acronym_variant_writes_the_term_as_the_glossary_does(
        tmp_path: Path) -> None:
    terms = ("- term: allegations officer\n  definition: x\n  variants: [LADO]\n  swap:\n"
             "    childminders: allegations officer\n    police: allegations officer\n")
    page = USES_EVERY_TERM + "Ask the LADO. LADO staff will call.\n"
    warnings = codes(lint(tmp_path, page, terms=terms), "TM002")
    assert [w.replacement for w in warnings] == ["allegations officer", "Allegations officer"]


def test_a_variant_spelled_like_its_term_is_a_glossary_error(tmp_path: Path) -> None:
    terms = ("- term: child minder\n  definition: x\n  variants:\n    - childminder\n"
             "    - Child Minders\n  swap:\n    childminders: childminder\n"
             "    police: childminder\n")
    [error] = codes(lint(tmp_path, USES_EVERY_TERM, terms=terms), "GL001")
    assert (error.path, error.line, error.column) == ("glossary/terms/extra.yml", 5, 7)
    assert error.message == (
        "term 'child minder' has the variant 'Child Minders', which is the term itself. Fix: "
        "delete this variant: variants are other spellings of the term, and the term is "
        "always matched as written.")


def test_the_preferred_spelling_is_not_a_variant(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM + "Practitioners must act.\n"), "TM002") == []


# --- TM003 leaks --------------------------------------------------------------------------------

def test_a_term_split_by_emphasis_leaks_to_the_audiences_that_replace_it(tmp_path: Path) -> None:
    leaks = codes(lint(tmp_path, USES_EVERY_TERM + "Tell the **local** authority.\n"), "TM003")
    # police keep "local authority", so only childminders would read the source word.
    assert [(leak.audience, leak.line, leak.replacement) for leak in leaks] == [
        ("childminders", 2, "council")]


def test_a_term_the_engine_rewrites_does_not_leak(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM + "Tell the local authority's team.\n"),
                 "TM003") == []


@pytest.mark.parametrize("name", ["docs/practitioners/", "guidance.practitioners.toc",
                                  "my_practitioners.py", "team::practitioners"])
def test_a_term_inside_an_identifier_or_path_does_not_leak(tmp_path: Path, name: str) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM + f"See {name} for more.\n"), "TM003") == []


def test_a_wording_that_contains_another_replaced_term_leaks(tmp_path: Path) -> None:
    terms = ("- term: case file\n  definition: x\n  swap:\n"
             "    childminders: practitioner notes\n    police: case file\n")
    [leak] = codes(lint(tmp_path, USES_EVERY_TERM + "Keep a case file.\n", terms=terms), "TM003")
    assert (leak.path, leak.audience, leak.match) == (
        "glossary/terms/extra.yml", "childminders", "practitioner")


# --- TM004 unused terms -------------------------------------------------------------------------

def test_a_term_no_page_uses_is_reported_at_its_glossary_line(tmp_path: Path) -> None:
    [warning] = codes(lint(tmp_path, "A practitioner tells the local authority. Call 999.\n"),
                      "TM004")
    assert (warning.path, warning.line, warning.match) == (
        "glossary/terms/people.yml", 15, "designated safeguarding lead")


def test_terms_every_page_uses_are_not_reported(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM), "TM004") == []


def test_unused_terms_are_not_reported_when_linting_single_files(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, "Nothing here.\n", files=True), "TM004") == []


# --- CM001 / CM002 core messages ----------------------------------------------------------------

def test_a_core_message_a_region_drops_is_lost_for_that_audience(tmp_path: Path) -> None:
    page = ("A practitioner tells the local authority and the designated safeguarding lead.\n\n"
            "<!-- audience: not police -->\nIf a child is in danger, call 999.\n"
            "<!-- /audience -->\n")
    [lost] = codes(lint(tmp_path, page), "CM001")
    assert (lost.audience, lost.line) == ("police", 3)
    assert "call-999" in lost.message and "line 3" in lost.message


def test_a_core_message_a_swap_changes_is_lost_and_names_the_swap(tmp_path: Path) -> None:
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    (tmp_path / "glossary" / "core-messages.yml").write_text(
        "- id: tell\n  message: Tell the local authority.\n  match: 'tell the local authority'\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(USES_EVERY_TERM + "Tell the local authority.\n")
    findings = lint_paths(tmp_path / "glossary", [tmp_path / "docs"], root=tmp_path).findings
    [lost] = codes(findings, "CM001")
    assert lost.audience == "childminders"
    assert "'local authority' -> 'council'" in lost.message


def test_a_core_message_every_audience_reads_is_not_reported(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + "\n<!-- audience: police -->\nCall 999 now.\n<!-- /audience -->\n"
    assert codes(lint(tmp_path, page), "CM001") == []


def test_a_core_message_on_no_page_is_reported_at_its_entry(tmp_path: Path) -> None:
    [missing] = codes(lint(tmp_path, "A practitioner tells the local authority.\n"), "CM002")
    assert (missing.path, missing.line) == ("glossary/core-messages.yml", 1)


def test_a_core_message_on_a_page_is_not_missing(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM), "CM002") == []


# --- DF001 definitions that explain a word with itself -----------------------------------------

COUNCIL = ("- term: LA\n  definition: {definition}\n  swap:\n    childminders: council\n"
           "    police: LA\n")


def test_a_definition_swapped_into_its_own_headword_is_found_for_that_audience(
    tmp_path: Path,
) -> None:
    terms = COUNCIL.format(definition="The local council. It runs social care.")
    [found] = codes(lint(tmp_path, USES_EVERY_TERM + "Ask the LA.\n", terms=terms), "DF001")
    assert (found.path, found.line, found.audience) == ("glossary/terms/extra.yml", 2,
                                                        "childminders")
    assert "'Council: The local council.'" in found.message


def test_a_definition_of_only_the_headwords_own_words_is_found(tmp_path: Path) -> None:
    terms = ("- term: early help\n  definition: Support for the family.\n  swap:\n"
             "    childminders: family support\n    police: early help\n")
    [found] = codes(lint(tmp_path, USES_EVERY_TERM + "Offer early help.\n", terms=terms),
                    "DF001")
    assert found.audience == "childminders"


def test_an_audiences_own_definition_is_checked_at_its_own_line(tmp_path: Path) -> None:
    terms = ("- term: LA\n  definition:\n    default: The body that runs local services.\n"
             "    police: The LA.\n  swap:\n    childminders: council\n    police: LA\n")
    [found] = codes(lint(tmp_path, USES_EVERY_TERM + "Ask the LA.\n", terms=terms), "DF001")
    assert (found.line, found.audience) == (4, "police")


def test_a_definition_that_says_what_the_thing_does_passes(tmp_path: Path) -> None:
    terms = COUNCIL.format(definition="The body that runs local services such as social care.")
    assert codes(lint(tmp_path, USES_EVERY_TERM + "Ask the LA.\n", terms=terms), "DF001") == []


def test_a_definition_left_out_for_an_audience_is_not_checked_for_it(tmp_path: Path) -> None:
    terms = ("- term: LA\n  definition:\n    default: The local council.\n"
             "    childminders: false\n  swap:\n    childminders: council\n    police: LA\n")
    assert codes(lint(tmp_path, USES_EVERY_TERM + "Ask the LA.\n", terms=terms), "DF001") == []


# --- PE001 words to avoid / PE002 long sentences ------------------------------------------------

def test_a_word_to_avoid_is_reported_with_the_plainer_word(tmp_path: Path) -> None:
    [warning] = codes(lint(tmp_path, USES_EVERY_TERM + "Utilise the form.\n"), "PE001")
    assert (warning.match, warning.replacement) == ("Utilise", "use")


def test_plain_words_are_not_reported(tmp_path: Path) -> None:
    assert codes(lint(tmp_path, USES_EVERY_TERM + "Use the form.\n"), "PE001") == []


def test_a_sentence_over_25_words_is_reported(tmp_path: Path) -> None:
    long = " ".join(["word"] * 26) + "."
    [warning] = codes(lint(tmp_path, USES_EVERY_TERM + long + " Short one.\n"), "PE002")
    assert (warning.line, warning.column) == (2, 1)
    assert "26 words" in warning.message


def test_a_sentence_of_25_words_is_not_reported(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + " ".join(["word"] * 25) + ". " + " ".join(["word"] * 25) + ".\n"
    assert codes(lint(tmp_path, page), "PE002") == []


def test_list_items_and_table_cells_are_separate_sentences(tmp_path: Path) -> None:
    items = "\n".join("- " + " ".join(["word"] * 15) for _ in range(3))
    cells = "| " + " | ".join(" ".join(["word"] * 15) for _ in range(3)) + " |\n|---|---|---|\n"
    assert codes(lint(tmp_path, USES_EVERY_TERM + "\n" + items + "\n\n" + cells), "PE002") == []


def test_paragraphs_with_windows_line_endings_are_separate_sentences(tmp_path: Path) -> None:
    paragraph = " ".join(["word"] * 20)
    page = USES_EVERY_TERM + "\r\n" + paragraph + "\r\n\r\n" + paragraph + "\r\n"
    assert codes(lint(tmp_path, page), "PE002") == []


def test_code_does_not_count_towards_a_sentence(tmp_path: Path) -> None:
    page = USES_EVERY_TERM + " ".join(["word"] * 20) + " `" + " ".join(["x"] * 20) + "`.\n"
    assert codes(lint(tmp_path, page), "PE002") == []


# --- running in several processes ---------------------------------------------------------------

def test_checking_pages_in_parallel_finds_the_same_as_one_by_one(tmp_path: Path) -> None:
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    (tmp_path / "docs").mkdir()
    for number in range(PARALLEL_FROM):
        extra = ("Tell the LADO.\n", "Practicioners utilise it.\n",
                 "<!-- audience: not police -->\nCall 999.\n<!-- /audience -->\n")[number % 3]
        (tmp_path / "docs" / f"page-{number:02}.md").write_text(
            "A practitioner tells the local authority.\n\n" + extra)
    glossary = load_glossary(tmp_path / "glossary")

    def run(workers: int) -> list[Finding]:
        found = lint_project(glossary, [tmp_path / "docs"], root=tmp_path, workers=workers)
        return sorted(found, key=lambda finding: (finding.sort_key, finding.audience or ""))

    one_by_one = run(1)
    assert {finding.code for finding in one_by_one} >= {"TM001", "TM002", "PE001", "TM004", "CM001"}
    assert run(2) == one_by_one


# --- TM005 doubled words after swapping ---------------------------------------------------------

CORE_GROUP = ("- term: core group\n  definition: The people who carry out a child's plan.\n"
              "  swap:\n    childminders: child's support group\n    police: core group\n")


def test_a_swap_that_doubles_a_possessive_is_reported_for_that_audience(tmp_path: Path) -> None:
    findings = lint(tmp_path, USES_EVERY_TERM + "Join a child's core group.\n", terms=CORE_GROUP)
    [doubled] = codes(findings, "TM005")
    assert (doubled.path, doubled.line, doubled.column, doubled.audience) == (
        "docs/page.md", 2, 16, "childminders")
    assert doubled.message.startswith("for childminders this reads 'child's child's': "
                                      "'core group' becomes 'child's support group'")


def test_a_swap_that_doubles_the_next_word_is_reported(tmp_path: Path) -> None:
    terms = CORE_GROUP.replace("child's support group", "support")
    findings = lint(tmp_path, USES_EVERY_TERM + "The core group support plan.\n", terms=terms)
    assert [f.message.split(":")[0] for f in codes(findings, "TM005")] == [
        "for childminders this reads 'support support'"]


def test_the_same_word_across_punctuation_is_not_doubled(tmp_path: Path) -> None:
    terms = CORE_GROUP.replace("child's support group", "support")
    findings = lint(tmp_path, USES_EVERY_TERM + "Ask the core group: support is there.\n",
                    terms=terms)
    assert codes(findings, "TM005") == []


@pytest.mark.parametrize("written", ["SIT TIGHT", "sit\ntight", "**sit** tight",
                                     "\u017fit tight", "sat tight"])
def test_a_core_message_is_found_however_its_words_are_cased_spaced_or_stressed(
        tmp_path: Path, written: str) -> None:
    """Pages are ruled out by a cheap test for the pattern's words before the search; it must
    never miss what the search (ignoring case) finds, even with a letter such as the long s,
    which the search reads as 's' though lower() leaves it alone."""
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    (tmp_path / "glossary" / "core-messages.yml").write_text(
        "- id: sit-tight\n  message: Sit tight.\n  match: 'sit tight'\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(USES_EVERY_TERM + written + ".\n")
    findings = lint_paths(tmp_path / "glossary", [tmp_path / "docs"], root=tmp_path).findings
    said = re.search("sit tight", " ".join(written.replace("*", "").split()), re.IGNORECASE)
    assert said is not None or written == "sat tight"
    assert (codes(findings, "CM002") == []) == (said is not None)
