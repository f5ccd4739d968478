"""The checks compiled from the glossary are kept between runs of `guidance lint`, and made
again whenever anything they were made from changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guidance.lint import runner
from tests.conftest import lint_project

PAGE = "A practicioner tells the local authority. If a child is in danger, call 999.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return lint_project(tmp_path, PAGE)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("GUIDANCE_NO_CACHE", raising=False)
    return folder / "guidance"


def lint(project: Path, *args: str, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidance.cli", "lint", *args], cwd=project,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("checker-*.pickle")) if cache.is_dir() else []


def test_the_second_run_takes_the_compiled_checks_from_the_cache(
        project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    first = runner.lint_paths("glossary", ["docs"], use_cache=True)
    assert len(kept(cache)) == 1

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the glossary was read again")

    monkeypatch.setattr(runner, "load_glossary", not_again)
    second = runner.lint_paths("glossary", ["docs"], use_cache=True)
    assert second.findings == first.findings
    assert any(finding.code == "TM002" for finding in second.findings)


def test_without_use_cache_the_library_call_keeps_nothing(project: Path, cache: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.chdir(project)
    runner.lint_paths("glossary", ["docs"])
    assert kept(cache) == []


def test_an_edited_term_file_is_compiled_again(project: Path, cache: Path) -> None:
    assert "TM002" in lint(project).stdout
    terms = project / "glossary" / "terms" / "people.yml"
    terms.write_text(terms.read_text().replace("  variants: [practicioner]\n", ""))
    assert "TM002" not in lint(project).stdout
    assert len(kept(cache)) == 1  # one file per glossary folder, replaced


def test_a_new_file_in_the_glossary_folder_is_compiled_again(project: Path, cache: Path) -> None:
    (project / "docs" / "index.md").write_text(PAGE + "Ask the club welfare oficer.\n")
    assert "welfare oficer" not in lint(project).stdout
    (project / "glossary" / "terms" / "clubs.yml").write_text(
        "- term: club welfare officer\n"
        "  definition: The person at a sports club who looks after children's safety.\n"
        "  variants: [club welfare oficer]\n"
        "  swap:\n    childminders: club welfare officer\n    police: club welfare officer\n")
    assert "welfare oficer" in lint(project).stdout


@pytest.mark.parametrize("how", [("--no-cache",), ()], ids=["--no-cache", "GUIDANCE_NO_CACHE"])
def test_switched_off_it_keeps_nothing(project: Path, cache: Path, how: tuple[str, ...]) -> None:
    env = {} if how else {"GUIDANCE_NO_CACHE": "1"}
    result = lint(project, *how, env=env)
    assert "TM002" in result.stdout
    assert kept(cache) == []


def test_a_damaged_cache_file_is_compiled_again_and_replaced(project: Path, cache: Path) -> None:
    expected = lint(project).stdout
    [stored] = kept(cache)
    stored.write_bytes(b"not a checker")
    result = lint(project)
    assert (result.stdout, result.stderr.count("Traceback")) == (expected, 0)
    assert stored.read_bytes() != b"not a checker"


def test_a_cache_folder_that_cannot_be_written_is_passed_over(project: Path, tmp_path: Path
                                                              ) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    result = lint(project, env={"XDG_CACHE_HOME": str(blocked)})
    expected = lint(project, "--no-cache")
    assert (result.returncode, result.stdout, result.stderr) == \
        (expected.returncode, expected.stdout, expected.stderr)
    assert "TM002" in result.stdout


def test_a_glossary_that_cannot_be_loaded_is_never_kept(project: Path, cache: Path) -> None:
    (project / "glossary" / "audiences.yml").write_text("audiences: [\n")
    assert lint(project).returncode == 2
    assert kept(cache) == []
    assert lint(project).returncode == 2
