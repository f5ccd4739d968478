"""`guidance lint` as people and CI run it: the real command, exit codes, suppression, --fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import lint_project

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (
    "A practitioner tells the local authority and the designated safeguarding lead. "
    "If a child is in danger, call 999.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return lint_project(tmp_path, CLEAN)


def guidance_lint(cwd: Path, *args: str, env: dict[str, str] | None = None,
                  ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidance.cli", "lint", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def page(project: Path, text: str, name: str = "page.md") -> Path:
    path = project / "docs" / name
    path.write_text(CLEAN + text)
    return path


# --- exit status --------------------------------------------------------------------------------

def test_a_clean_project_exits_0_and_says_so(project: Path) -> None:
    result = guidance_lint(project)
    assert (result.returncode, result.stdout) == (0, "")
    assert "No problems found in 1 file." in result.stderr


def test_an_error_exits_1_with_one_line_per_finding(project: Path) -> None:
    page(project, "Tell the LADO.\n")
    result = guidance_lint(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/page.md:2:10: TM001 'LADO' is jargon with no glossary entry: LADO (the council "
        "officer who deals with concerns about adults who work with children); add a term for "
        "it to glossary/terms/ or reword it."]
    assert "Found 1 error in 1 file (2 pages checked)." in result.stderr


def test_warnings_alone_exit_0(project: Path) -> None:
    page(project, "Utilise the form.\n")
    assert guidance_lint(project).returncode == 0


def test_fail_on_warning_makes_warnings_exit_1(project: Path) -> None:
    page(project, "Utilise the form.\n")
    assert guidance_lint(project, "--fail-on", "warning").returncode == 1


def test_exit_zero_reports_errors_but_exits_0(project: Path) -> None:
    page(project, "Tell the LADO.\n")
    result = guidance_lint(project, "--exit-zero")
    assert (result.returncode, result.stdout.count("TM001")) == (0, 1)


@pytest.mark.parametrize("format_", ["json", "github", "sarif"])
def test_the_output_format_does_not_change_the_exit_status(project: Path, format_: str) -> None:
    page(project, "Tell the LADO.\n")
    result = guidance_lint(project, "--format", format_)
    assert (result.returncode, "TM001" in result.stdout) == (1, True)


def test_a_missing_folder_exits_2_naming_it(project: Path) -> None:
    result = guidance_lint(project, "pages")
    assert result.returncode == 2
    assert "pages: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_glossary_exits_2_naming_the_fix(project: Path) -> None:
    result = guidance_lint(project, "--glossary", "terms")
    assert result.returncode == 2
    assert "--glossary" in result.stderr


def test_a_bad_option_exits_2(project: Path) -> None:
    assert guidance_lint(project, "--format", "xml").returncode == 2


def test_an_unknown_audience_exits_2_with_the_known_ids(project: Path) -> None:
    result = guidance_lint(project, "--audience", "polic")
    assert result.returncode == 2
    assert "did you mean 'police'?" in result.stderr


def test_a_glossary_that_cannot_be_loaded_exits_2_listing_its_mistakes(project: Path) -> None:
    (project / "glossary" / "terms" / "bad.yml").write_text("- term: [\n")
    result = guidance_lint(project)
    assert result.returncode == 2
    assert result.stdout.startswith("glossary/terms/bad.yml:2:1: GL001")


def test_audience_limits_the_audience_checks(project: Path) -> None:
    (project / "docs" / "index.md").write_text(
        "A practitioner tells the local authority and the designated safeguarding lead.\n\n"
        "<!-- audience: not police -->\nCall 999.\n<!-- /audience -->\n")
    assert "CM001" in guidance_lint(project).stdout
    assert "CM001" not in guidance_lint(project, "--audience", "childminders").stdout


def test_paths_can_be_single_files(project: Path) -> None:
    path = page(project, "Tell the LADO.\n")
    result = guidance_lint(project, str(path.relative_to(project)))
    assert result.returncode == 1
    assert "Found 1 error in 1 file (1 page checked)." in result.stderr


# --- suppression --------------------------------------------------------------------------------

def test_a_comment_on_its_own_line_ignores_the_code_on_the_next_line(project: Path) -> None:
    page(project, "<!-- lint: ignore TM001 -->\nTell the LADO.\nTell the LADO.\n")
    result = guidance_lint(project)
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == ["docs/page.md:4:10:"]


def test_a_comment_at_the_end_of_a_line_ignores_the_code_on_that_line(project: Path) -> None:
    page(project, "Tell the LADO. <!-- lint: ignore TM001 -->\n")
    assert guidance_lint(project).returncode == 0


def test_an_ignore_comment_leaves_other_codes_reported(project: Path) -> None:
    page(project, "Tell the LADO. <!-- lint: ignore PE001 -->\n")
    assert "TM001" in guidance_lint(project).stdout


def test_an_ignore_comment_without_codes_ignores_every_code(project: Path) -> None:
    page(project, "Utilise the LADO. <!-- lint: ignore -->\n")
    assert guidance_lint(project, "--fail-on", "warning").returncode == 0


def test_an_ignore_region_ignores_the_code_on_every_line_between(project: Path) -> None:
    page(project, "<!-- lint: ignore-start TM001 -->\nTell the LADO.\n\nAsk the MASH.\n"
         "<!-- lint: ignore-end -->\nTell the DSL.\n")
    result = guidance_lint(project)
    assert [line.split(" ")[2] for line in result.stdout.splitlines()] == ["'DSL'"]


def test_an_ignore_comment_in_a_code_example_does_nothing(project: Path) -> None:
    page(project, "```\n<!-- lint: ignore TM001 -->\n```\nTell the LADO.\n")
    assert guidance_lint(project).returncode == 1


def test_an_unknown_code_in_an_ignore_comment_is_reported(project: Path) -> None:
    page(project, "Fine. <!-- lint: ignore XX999 -->\n")
    assert "LN001 'XX999' is not a lint rule" in guidance_lint(project).stdout


def test_an_ignore_region_left_open_is_reported(project: Path) -> None:
    page(project, "<!-- lint: ignore-start TM001 -->\nTell the LADO.\n")
    assert "LN001 this 'lint: ignore-start' is never closed" in guidance_lint(project).stdout


def test_a_yaml_comment_ignores_a_glossary_finding(project: Path) -> None:
    (project / "docs" / "index.md").write_text("A practitioner tells the local authority. "
                                                "Call 999.\n")
    terms = project / "glossary" / "terms" / "people.yml"
    assert "TM004" in guidance_lint(project).stdout
    terms.write_text(terms.read_text().replace("- term: designated safeguarding lead",
                                               "- term: designated safeguarding lead  "
                                               "# lint: ignore TM004"))
    assert "TM004" not in guidance_lint(project).stdout


# --- --fix --------------------------------------------------------------------------------------

def test_fix_rewrites_only_spelling_variants_in_place(project: Path) -> None:
    path = page(project, "A practicioner's note. Practicioners utilise the LADO.\n")
    result = guidance_lint(project, "--fix")
    assert path.read_text() == CLEAN + (
        "A practitioner's note. Practitioners utilise the LADO.\n")
    assert "Fixed 2 spelling variants." in result.stderr
    assert "TM002" not in result.stdout
    assert ("TM001" in result.stdout, "PE001" in result.stdout) == (True, True)
    assert result.returncode == 1


def test_without_fix_no_file_changes(project: Path) -> None:
    path = page(project, "A practicioner's note.\n")
    before = path.read_bytes()
    guidance_lint(project)
    assert path.read_bytes() == before


# --- colour -------------------------------------------------------------------------------------

def test_no_colour_when_the_output_is_not_a_terminal(project: Path) -> None:
    page(project, "Tell the LADO.\n")
    assert "\033[" not in guidance_lint(project).stdout


# --- the project itself -------------------------------------------------------------------------

def test_the_projects_own_docs_pass(tmp_path: Path) -> None:
    result = guidance_lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_keeps_windows_line_endings_and_a_byte_order_mark(project: Path) -> None:
    path = project / "docs" / "page.md"
    path.write_bytes(b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()
                     + b"A practicioner.\r\n")
    guidance_lint(project, "--fix")
    assert path.read_bytes() == (b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()
                                 + b"A practitioner.\r\n")


def test_files_that_are_not_markdown_are_left_out(project: Path) -> None:
    result = guidance_lint(project, "docs/index.md", "glossary/terms/people.yml")
    assert result.returncode == 0
    assert "No problems found in 1 file." in result.stderr
