"""`guidance audiences add ID --like OTHER`: a new audience starts with another's wording,
every copied line marked '# unreviewed' until an editor has checked it."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance.cli import main

AUDIENCES = """\
source: practitioners
audiences:
  practitioners:
    name: Practitioners
    reader: Council staff
  childminders:
    name: Childminders
    reader: Registered childminders
  police:
    name: Police
    reader: Police officers
"""

TERMS = """\
# Roles
- term: practitioner
  definition: Someone who works with children.
  swap:
    childminders: childminder  # agreed in March
    police:
      singular: police officer
      plural: police officers

- term: local authority
  definition: The body that runs local services.
  swap:
    childminders: council
    police: local authority
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary" / "terms").mkdir(parents=True)
    (tmp_path / "glossary" / "audiences.yml").write_text(AUDIENCES, encoding="utf-8")
    (tmp_path / "glossary" / "terms" / "words.yml").write_text(TERMS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("A practitioner calls the local authority.\n",
                                                encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_adding_an_audience_copies_every_swap_marked_unreviewed(project: Path, capsys) -> None:
    status, out, _ = run(capsys, "audiences", "add", "foster-carers", "--like", "childminders")
    assert (status, out.splitlines()[0]) == (
        0, "Added foster-carers to glossary/audiences.yml, and 2 swaps to 1 file in "
           "glossary/terms/, copied from childminders and marked '# unreviewed'.")
    terms = (project / "glossary" / "terms" / "words.yml").read_text(encoding="utf-8")
    assert "    foster-carers: childminder  # unreviewed: copied from childminders\n" in terms
    assert "    foster-carers: council  # unreviewed: copied from childminders\n" in terms
    assert "# Roles\n" in terms and "childminder  # agreed in March\n" in terms
    assert run(capsys, "swap", "--audience", "foster-carers", "docs/index.md")[1] == (
        "A childminder calls the council.\n")


def test_a_mapping_wording_is_copied_whole(project: Path, capsys) -> None:
    run(capsys, "audiences", "add", "custody-staff", "--like", "police", "--reader", "Staff")
    terms = (project / "glossary" / "terms" / "words.yml").read_text(encoding="utf-8")
    assert ("    custody-staff:  # unreviewed: copied from police\n"
            "      singular: police officer\n      plural: police officers\n") in terms
    assert run(capsys, "swap", "--audience", "custody-staff", "docs/index.md")[1] == (
        "A police officer calls the local authority.\n")


def test_lint_lists_each_unreviewed_wording_as_a_warning(project: Path, capsys) -> None:
    run(capsys, "audiences", "add", "foster-carers", "--like", "childminders")
    status, out, _ = run(capsys, "lint")
    assert status == 0
    assert out.splitlines()[0] == (
        "glossary/audiences.yml:14:13: GL003 audience 'foster-carers' reader is not reviewed yet "
        "(copied from childminders). Fix: check that 'Registered childminders' is right, then "
        "delete the '# unreviewed' note from the line.")
    assert out.count("GL003") == 3


def test_a_reviewed_wording_is_no_longer_listed(project: Path, capsys) -> None:
    run(capsys, "audiences", "add", "foster-carers", "--like", "childminders",
        "--reader", "Foster carers")
    path = project / "glossary" / "terms" / "words.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "foster-carers: council  # unreviewed: copied from childminders",
        "foster-carers: council"), encoding="utf-8")
    assert run(capsys, "lint")[1].count("GL003") == 1


def test_an_existing_id_is_refused(project: Path, capsys) -> None:
    status, _, err = run(capsys, "audiences", "add", "police", "--like", "childminders")
    assert (status, err.splitlines()[0]) == (
        2, "guidance: glossary/audiences.yml:9: 'police' is already an audience. Fix: choose "
           "another id, or edit that audience's entry.")


def test_an_audience_added_by_hand_can_be_listed_and_swapped_before_it_has_words(
        project: Path, capsys) -> None:
    with (project / "glossary" / "audiences.yml").open("a", encoding="utf-8") as audiences:
        audiences.write("  foster-carers:\n    name: Foster carers\n    reader: Foster carers\n")
    assert run(capsys, "audiences")[0] == 0
    status, out, err = run(capsys, "swap", "--audience", "foster-carers", "docs/index.md")
    assert (status, out) == (0, "A [no foster-carers wording for 'practitioner'] calls the "
                                "[no foster-carers wording for 'local authority'].\n")
    assert err.splitlines()[0] == (
        "guidance: glossary/terms/words.yml:4:3: term 'practitioner' has no wording for "
        "foster-carers. Fix: add 'foster-carers: ...' under swap (write the term itself to "
        "keep it).")
    assert run(capsys, "lint")[0] == 2  # the published site still needs every word


def test_a_file_saved_with_windows_line_endings_keeps_them(project: Path, capsys) -> None:
    for path in (project / "glossary" / "audiences.yml",
                 project / "glossary" / "terms" / "words.yml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run(capsys, "audiences", "add", "foster-carers", "--like", "police")[0] == 0
    for path in (project / "glossary" / "audiences.yml",
                 project / "glossary" / "terms" / "words.yml"):
        data = path.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n")
    assert run(capsys, "swap", "--audience", "foster-carers", "docs/index.md")[1] == (
        "A police officer calls the local authority.\n")
