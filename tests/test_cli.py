"""SPEC section 6: the `guidance` command, run as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

GLOSSARY = str(FIXTURES / "glossary")


def guidance(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidance.cli", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_swap_prints_the_page_for_an_audience(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Advice\n\nA practitioner asks the LA.\n", encoding="utf-8")
    result = guidance("swap", "--glossary", GLOSSARY, "--audience", "childminders", str(page))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "# Advice\n\nAn early years worker asks the council.\n"


def test_audiences_lists_ids_and_names_in_order() -> None:
    result = guidance("audiences", "--glossary", GLOSSARY)
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "practitioners", "childminders", "police", "coaches"]
    assert "Local authority practitioners  (source)" in result.stdout


def test_help_explains_the_commands() -> None:
    result = guidance("--help")
    assert result.returncode == 0
    for word in ("swap", "audiences", "--glossary", "examples:"):
        assert word in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("swap", "--audience", "nobody", "PAGE"), "'nobody' is not an audience."),
        (("swap", "--audience", "police", "missing.md"), "missing.md: file not found."),
        (("swap", "--audience", "police", "BADREGION"), "bad.md:2: the audience region opened"),
        (("swap", "--audience", "police", "BINARY"), "binary.md:2:1: is not UTF-8 text."),
    ],
)
def test_a_mistake_is_one_clear_line_and_exit_2(tmp_path: Path, args: tuple[str, ...],
                                                message: str) -> None:
    (tmp_path / "page.md").write_text("text\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("x\n<!-- audience: police -->\ny\n", encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"ok\n\xff\xfe\n")
    names = {"PAGE": "page.md", "BADREGION": "bad.md", "BINARY": "binary.md"}
    args = tuple(names.get(arg, arg) for arg in args)
    result = guidance(*args[:1], "--glossary", GLOSSARY, *args[1:], cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr and "Fix:" in result.stderr


def test_a_broken_glossary_lists_every_error_and_exits_2(tmp_path: Path) -> None:
    result = guidance("audiences", "--glossary", str(tmp_path))
    assert result.returncode == 2
    assert "glossary folder not found" not in result.stderr
    assert "audiences.yml: not found." in result.stderr
    assert "terms: folder not found." in result.stderr
    assert "Traceback" not in result.stderr
