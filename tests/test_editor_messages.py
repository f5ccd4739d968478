"""The messages a policy officer meets after an everyday mistake: `guidance lint`'s exit status
and the exact first line it prints, in plain words, placed where the mistake is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guidance.cli import main

AUDIENCES = """\
source: practitioners
audiences:
  practitioners:
    name: Practitioners
    reader: Council staff
  police:
    name: Police
    reader: Police officers
  coaches:
    name: Coaches
    reader: Sports coaches
"""

TERMS = """\
- term: local authority
  definition: The body that runs local services.
  swap:
    police: council
    coaches: council

- term: lead practitioner
  definition: The person who coordinates help.
  swap:
    police: lead officer
    coaches: lead worker
"""

PAGE = "Ask the local authority and the lead practitioner.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary" / "terms").mkdir(parents=True)
    (tmp_path / "glossary" / "audiences.yml").write_text(AUDIENCES, encoding="utf-8")
    (tmp_path / "glossary" / "terms" / "words.yml").write_text(TERMS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit status, the first line printed and everything printed."""
    status = main(["lint"])
    out = capsys.readouterr().out
    return status, (out.splitlines() or [""])[0], out


def edit_terms(project: Path, old: str, new: str) -> None:
    path = project / "glossary" / "terms" / "words.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_to_page(project: Path, text: str) -> None:
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write(text)


TERMS_LAYOUT = ("each term starts with '- term:' at the start of a line, with two spaces before "
                "definition: and swap: and four before each audience")


def test_a_tab_in_the_glossary_is_called_a_tab(project: Path, capsys) -> None:
    edit_terms(project, "    police: council", "\tpolice: council")
    assert lint(capsys)[:2] == (2, "glossary/terms/words.yml:4:1: GL001 is not valid YAML: this "
                                   "line has a tab; YAML allows only spaces here. Fix: replace "
                                   f"the tab with spaces ({TERMS_LAYOUT}).")


def test_a_line_indented_too_far_is_named(project: Path, capsys) -> None:
    edit_terms(project, "  definition: The person", "   definition: The person")
    assert lint(capsys)[:2] == (2, "glossary/terms/words.yml:8:14: GL001 is not valid YAML: "
                                   "this line is indented more than the line above it. Fix: "
                                   f"line it up with the line above ({TERMS_LAYOUT}).")


def test_lines_not_lined_up_are_named(project: Path, capsys) -> None:
    edit_terms(project, "    coaches: council", "   coaches: council")
    assert lint(capsys)[:2] == (2, "glossary/terms/words.yml:5:4: GL001 is not valid YAML: this "
                                   "line and the line above it are not lined up. Fix: give lines "
                                   "at the same level the same number of spaces "
                                   f"({TERMS_LAYOUT}).")


def test_an_unclosed_quote_is_reported_at_the_quote(project: Path, capsys) -> None:
    edit_terms(project, "    police: council", '    police: "council')
    assert lint(capsys)[:2] == (2, "glossary/terms/words.yml:4:13: GL001 is not valid YAML: the "
                                   'quote (") opened here is never closed. Fix: add the closing '
                                   '" at the end of the text on this line.')


def test_a_colon_inside_a_value_says_to_use_quotes(project: Path, capsys) -> None:
    edit_terms(project, "definition: The body", "definition: Note: the body")
    status, first, _ = lint(capsys)
    assert (status, first.split(" Fix: ")[0]) == (
        2, "glossary/terms/words.yml:2:19: GL001 is not valid YAML: this line has a second colon "
           "(:) that YAML cannot read.")


def test_an_empty_swap_gives_one_message_whose_fix_works(project: Path, capsys) -> None:
    edit_terms(project, "    police: lead officer", "    police:")
    status, first, out = lint(capsys)
    assert (status, first) == (2, "glossary/terms/words.yml:10:12: GL001 term 'lead "
                                  "practitioner' swap for police is empty. Fix: write the words "
                                  "police use after 'police:' on this line (write the term "
                                  "itself if they use ours).")
    assert out.count("GL001") == 1
    edit_terms(project, "    police:\n", "    police: lead officer\n")
    assert lint(capsys)[:2] == (0, "")


def test_a_hash_that_cuts_a_swap_short_is_a_warning(project: Path, capsys) -> None:
    edit_terms(project, "police: lead officer", "police: supervisor #1 contact")
    assert lint(capsys)[:2] == (0, "glossary/terms/words.yml:10:13: GL002 term 'lead "
                                   "practitioner' swap for police is read as 'supervisor': "
                                   "everything after ' #' is dropped, because YAML reads it as a "
                                   "comment. Fix: put the whole text in double quotes: "
                                   "\"supervisor #1 contact\" (or, for a note, put two spaces "
                                   "before the # and one after it).")


def test_a_note_after_a_swap_is_left_alone(project: Path, capsys) -> None:
    edit_terms(project, "police: lead officer", "police: lead officer  # agreed in March")
    assert lint(capsys)[:2] == (0, "")


def test_not_with_a_hyphen_explains_not_and_never_guesses_the_opposite(project: Path,
                                                                        capsys) -> None:
    add_to_page(project, "\n<!-- audience: not-coaches -->\nA line.\n<!-- /audience -->\n")
    assert lint(capsys)[:2] == (1, "docs/index.md:3:1: RG001 'not-coaches' is not an audience. "
                                   "To show the passage to everyone except coaches, write 'not' "
                                   "and a space before the id. Fix: write <!-- audience: not "
                                   "coaches -->.")


def test_ids_separated_by_semicolons_ask_for_commas(project: Path, capsys) -> None:
    add_to_page(project, "\n<!-- audience: police; coaches -->\nA line.\n<!-- /audience -->\n")
    assert lint(capsys)[:2] == (1, "docs/index.md:3:1: RG001 'police; coaches' is not an "
                                   "audience. Separate audience ids with commas. Fix: write "
                                   "<!-- audience: police, coaches -->.")


def test_a_forgotten_closing_marker_says_where_it_was_needed(project: Path, capsys) -> None:
    add_to_page(project, "\n<!-- audience: police -->\nA.\n\n<!-- audience: coaches -->\nB.\n"
                         "<!-- /audience -->\n")
    status, first, out = lint(capsys)
    assert (status, first) == (1, "docs/index.md:6:1: RG001 the audience region opened on line 3 "
                                  "is not closed before line 6, where another region starts "
                                  "(regions cannot be nested). Fix: add <!-- /audience --> where "
                                  "that region's passage ends, before line 6.")
    assert "TM004" not in out  # the page was not read: its terms are not 'unused'


def test_a_page_saved_as_windows_1252_stops_the_build_with_one_located_line(
        project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: Test\ntheme:\n  name: material\n"
                                        "plugins:\n  - audiences\n", encoding="utf-8")
    (project / "docs" / "index.md").write_bytes(PAGE.encode() + "Caf\u00e9 rules\n".encode(
        "cp1252"))
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    result = subprocess.run([mkdocs, "build"], cwd=project, capture_output=True, text=True,
                            timeout=300, check=False)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert (result.returncode, errors[0]) == (
        1, "ERROR   -  docs/index.md:2:4: is not UTF-8 text. Fix: save the file as UTF-8 in "
           "your editor.")
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_tab_in_audiences_yml_gives_that_files_layout(project: Path, capsys) -> None:
    path = project / "glossary" / "audiences.yml"
    path.write_text(AUDIENCES.replace("    name: Police", "\tname: Police"), encoding="utf-8")
    status, first, _ = lint(capsys)
    assert (status, first) == (2, "glossary/audiences.yml:7:1: GL001 is not valid YAML: this line "
                                  "has a tab; YAML allows only spaces here. Fix: replace the tab "
                                  "with spaces (two spaces before each audience id, and four "
                                  "before its name: and reader:).")


def test_a_field_without_its_colon_is_named_on_its_own_line(project: Path, capsys) -> None:
    edit_terms(project, "  definition: The body", "  definition The body")
    assert lint(capsys)[:2] == (2, "glossary/terms/words.yml:2:3: GL001 is not valid YAML: this "
                                   "line has no colon after its name. Fix: write it as 'name: "
                                   "value', for example 'definition: ...'.")
