"""The exit status CI relies on: 2 whenever nothing could be checked, whatever `--exit-zero`
says, for `guidance lint` and `guidance report` alike (SPEC section 6)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import lint_project

PAGE = "A practitioner tells the local authority. If a child is in danger, call 999.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return lint_project(tmp_path, PAGE)


def guidance(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidance.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def break_glossary(project: Path) -> None:
    (project / "glossary" / "terms" / "bad.yml").write_text("- term: [\n")


@pytest.mark.parametrize("extra", [(), ("--exit-zero",)])
def test_a_glossary_that_cannot_be_loaded_exits_2(project: Path, extra: tuple[str, ...]) -> None:
    break_glossary(project)
    result = guidance(project, "lint", *extra)
    assert result.returncode == 2
    assert result.stdout.startswith("glossary/terms/bad.yml:2:1: GL001")
    assert "the glossary could not be loaded, so no page was checked" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("format_", ["json", "github", "sarif"])
def test_a_glossary_that_cannot_be_loaded_exits_2_in_every_format(project: Path,
                                                                  format_: str) -> None:
    break_glossary(project)
    result = guidance(project, "lint", "--exit-zero", "--format", format_)
    assert (result.returncode, "GL001" in result.stdout) == (2, True)


def test_word_lists_that_cannot_be_loaded_exit_2(project: Path) -> None:
    (project / "glossary" / "core-messages.yml").write_text(
        "- id: broken\n  message: x\n  match: 'call (999'\n")
    result = guidance(project, "lint", "--exit-zero")
    assert result.returncode == 2
    assert "glossary/core-messages.yml:1:" in result.stdout


def test_an_empty_folder_exits_2_saying_there_is_nothing_to_check(project: Path) -> None:
    (project / "empty").mkdir()
    result = guidance(project, "lint", "--exit-zero", "empty")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "guidance lint: empty: no Markdown file to check (.md or .markdown). Fix: name a "
        "folder or file of pages, or run from the project folder.")


def test_a_path_that_is_not_markdown_exits_2(project: Path) -> None:
    result = guidance(project, "lint", "--exit-zero", "glossary/audiences.yml")
    assert result.returncode == 2
    assert "no Markdown file to check" in result.stderr


def test_a_glossary_that_loads_but_breaks_a_rule_is_a_finding_exit_1(project: Path) -> None:
    (project / "glossary" / "terms" / "extra.yml").write_text(
        "- term: coach\n  definition: A sports coach.\n  swap:\n    childminders: coach\n"
        "    police: coach\n")  # never used: TM004, a warning
    (project / "docs" / "index.md").write_text(PAGE + "Tell the LADO.\n")
    assert guidance(project, "lint").returncode == 1
    assert guidance(project, "lint", "--exit-zero").returncode == 0


def test_the_report_exits_2_when_the_glossary_cannot_be_loaded(project: Path) -> None:
    break_glossary(project)
    result = guidance(project, "report")
    assert result.returncode == 2
    assert "guidance report: glossary/terms/bad.yml:2:1:" in result.stderr
    assert "the glossary could not be loaded, so no page was rewritten" in result.stderr


def test_the_report_exits_2_with_no_markdown_file(project: Path) -> None:
    (project / "empty").mkdir()
    result = guidance(project, "report", "empty")
    assert result.returncode == 2
    assert "guidance report: empty: no Markdown file to report on" in result.stderr
    assert not (project / "report").exists()


@pytest.mark.parametrize("nested", [
    "- " * 100_000 + "x\n",  # block sequences on one line
    "".join(" " * depth + "-\n" for depth in range(3000)),  # by indentation
    "- term: " + "[" * 100_000 + "]" * 100_000 + "\n",  # flow sequences
], ids=["dashes", "indentation", "brackets"])
def test_a_glossary_nested_too_deeply_exits_2_with_a_located_error(project: Path,
                                                                   nested: str) -> None:
    (project / "glossary" / "terms" / "deep.yml").write_text(nested)
    result = guidance(project, "lint")
    assert result.returncode == 2  # not a crash in the YAML parser (-11)
    assert result.stdout.startswith("glossary/terms/deep.yml:")
    assert "Traceback" not in result.stderr
