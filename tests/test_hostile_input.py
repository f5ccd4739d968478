"""Hostile and broken input: each case works, or fails with a GuidanceError naming file and line.

Never another exception, never a hang. Every glossary here is written by the test itself, small
enough to read. A hang guard (generous, not a speed goal) turns a runaway case into a failure
instead of a stuck test run.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from guidance.cli import main
from guidance.engine.errors import GuidanceError, GuidanceErrors
from guidance.engine.glossary import Glossary, load_glossary
from guidance.engine.glossary_files import MAX_FILE_BYTES
from guidance.engine.pages import Engine

T = TypeVar("T")
HANG_GUARD_SECONDS = 60

AUDIENCES = """\
source: practitioners
audiences:
  practitioners:
    name: Practitioners
    reader: Council staff
  coaches:
    name: Coaches
    reader: Sports coaches
"""

PRACTITIONER = """\
- term: practitioner
  definition: Someone who works with children.
  swap:
    coaches: coach
"""


@contextmanager
def hang_guard(seconds: int = HANG_GUARD_SECONDS) -> Iterator[None]:
    """Fails the test instead of hanging the run; far above any reasonable time."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def guarded(function: Callable[[], T]) -> T:
    with hang_guard():
        return function()


def write_glossary(
    root: Path, audiences: str | bytes = AUDIENCES, **terms: str | bytes
) -> Path:
    folder = root / "glossary"
    (folder / "terms").mkdir(parents=True)
    write(folder / "audiences.yml", audiences)
    for name, text in (terms or {"people": PRACTITIONER}).items():
        write(folder / "terms" / f"{name}.yml", text)
    return folder


def write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")


def load_errors(folder: Path) -> list[GuidanceError]:
    with pytest.raises(GuidanceErrors) as caught:
        guarded(lambda: load_glossary(folder))
    assert caught.value.errors
    return caught.value.errors


def assert_located(error: GuidanceError, file_name: str, *, line: bool = True) -> None:
    assert error.path is not None and error.path.endswith(file_name), str(error)
    if line:
        assert error.line is not None, f"no line in: {error}"
    assert error.fix, f"no fix in: {error}"


def swap(capsys: pytest.CaptureFixture[str], glossary: Path, page: Path, audience: str
         ) -> tuple[int, str, str]:
    status = guarded(lambda: main(["swap", "--glossary", str(glossary), "--audience", audience,
                                   str(page)]))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def loaded(tmp_path: Path, **terms: str) -> Glossary:
    return guarded(lambda: load_glossary(write_glossary(tmp_path, **terms)))


# -- YAML that attacks the parser --------------------------------------------------------------

BILLION_LAUGHS = """\
- term: &a lol
  definition: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  swap: &c
    coaches: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  plural: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  variants: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
"""


def test_billion_laughs_in_a_terms_file_is_refused_naming_the_anchor(tmp_path: Path) -> None:
    errors = load_errors(write_glossary(tmp_path, people=BILLION_LAUGHS))
    assert_located(errors[0], "people.yml")
    assert errors[0].line == 1
    assert "aliases" in str(errors[0])


def test_billion_laughs_in_audiences_is_refused(tmp_path: Path) -> None:
    audiences = AUDIENCES + "extra: &x [1, 1, 1]\nmore: [*x, *x, *x, *x, *x, *x]\n"
    errors = load_errors(write_glossary(tmp_path, audiences=audiences))
    assert_located(errors[0], "audiences.yml")
    assert errors[0].line == 9


def test_a_merge_key_is_refused_like_any_alias(tmp_path: Path) -> None:
    terms = PRACTITIONER.replace("  swap:\n", "  swap: &s\n") + (
        "- term: child\n  definition: Under 18.\n  swap:\n    <<: *s\n"
    )
    errors = load_errors(write_glossary(tmp_path, people=terms))
    assert_located(errors[0], "people.yml")


def test_a_python_object_tag_is_read_as_data_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    terms = PRACTITIONER.replace(
        "definition: Someone who works with children.",
        f'definition: !!python/object/apply:os.system ["touch {marker}"]',
    )
    errors = load_errors(write_glossary(tmp_path, people=terms))
    assert not marker.exists()
    assert_located(errors[0], "people.yml")
    assert errors[0].line == 2


def test_deeply_nested_yaml_fails_with_a_located_error(tmp_path: Path) -> None:
    nested = "- term: " + "[" * 5000 + "]" * 5000 + "\n"
    errors = load_errors(write_glossary(tmp_path, people=nested))
    assert_located(errors[0], "people.yml")


# -- files too big, binary, not UTF-8, empty ----------------------------------------------------

def test_a_glossary_file_over_one_megabyte_is_refused_before_parsing(tmp_path: Path) -> None:
    padding = "# " + "x" * 98 + "\n"
    huge = PRACTITIONER + padding * (MAX_FILE_BYTES // len(padding) + 1)
    errors = load_errors(write_glossary(tmp_path, people=huge))
    assert_located(errors[0], "people.yml", line=False)
    assert "1,000,000" in str(errors[0])


def test_a_binary_terms_file_is_refused(tmp_path: Path) -> None:
    errors = load_errors(write_glossary(tmp_path, people=bytes(range(256)) * 4))
    assert_located(errors[0], "people.yml", line=False)
    assert "UTF-8" in str(errors[0])


def test_a_terms_file_in_latin_1_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    latin = (PRACTITIONER + "- term: café\n  definition: A place.\n  swap:\n    coaches: café\n")
    errors = load_errors(write_glossary(tmp_path, people=latin.encode("latin-1")))
    assert_located(errors[0], "people.yml")
    assert errors[0].line == 5
    assert "UTF-8" in str(errors[0])


def test_control_characters_in_a_terms_file_are_a_located_error(tmp_path: Path) -> None:
    terms = PRACTITIONER.replace("Someone", "Some\x00one")
    errors = load_errors(write_glossary(tmp_path, people=terms))
    assert_located(errors[0], "people.yml")
    assert errors[0].line == 2


def test_a_folder_named_like_a_terms_file_is_a_located_error(tmp_path: Path) -> None:
    folder = write_glossary(tmp_path)
    (folder / "terms" / "odd.yml").mkdir()
    errors = load_errors(folder)
    assert_located(errors[0], "odd.yml", line=False)


def test_a_glossary_with_a_bom_and_crlf_line_ends_loads(tmp_path: Path) -> None:
    audiences = "\ufeff" + AUDIENCES.replace("\n", "\r\n")
    terms = "\ufeff" + PRACTITIONER.replace("\n", "\r\n")
    folder = write_glossary(tmp_path, audiences=audiences, people=terms)
    glossary = guarded(lambda: load_glossary(folder))
    assert glossary.ids == ("practitioners", "coaches")
    assert glossary.terms[0].wording("coaches").singular == "coach"


def test_an_error_in_a_crlf_file_names_the_right_line(tmp_path: Path) -> None:
    broken = PRACTITIONER.replace("    coaches: coach", "    coachez: coach").replace("\n", "\r\n")
    errors = load_errors(write_glossary(tmp_path, people=broken))
    assert [error.line for error in errors] == [4, 3]  # the unknown id, then the missing one


def test_an_empty_audiences_file_says_what_to_add(tmp_path: Path) -> None:
    errors = load_errors(write_glossary(tmp_path, audiences=""))
    assert_located(errors[0], "audiences.yml", line=False)
    assert "source:" in str(errors[0])


def test_an_empty_terms_file_is_a_topic_with_no_terms_yet(tmp_path: Path) -> None:
    glossary = loaded(tmp_path, people=PRACTITIONER, empty="")
    assert [term.term for term in glossary.terms] == ["practitioner"]


def test_an_empty_page_comes_out_empty(tmp_path: Path) -> None:
    engine = Engine(loaded(tmp_path))
    assert engine.rewrite_text("", "coaches").text == ""


# -- pages: encodings, line ends, size ----------------------------------------------------------

def test_a_page_that_is_not_utf8_is_one_clear_line_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_bytes("# Guide\n\nA practitioner at the café.\n".encode("latin-1"))
    status, out, err = swap(capsys, write_glossary(tmp_path), page, "coaches")
    assert status == 2 and out == ""
    assert err.startswith(f"guidance: {page.as_posix()}:3:")
    assert "UTF-8" in err and len(err.strip().splitlines()) == 1


def test_a_binary_page_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    page = tmp_path / "image.md"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    status, out, err = swap(capsys, write_glossary(tmp_path), page, "coaches")
    assert status == 2 and out == ""
    assert err.startswith(f"guidance: {page.as_posix()}:")
    assert "Traceback" not in err


def test_nul_and_control_characters_in_valid_utf8_are_just_text(tmp_path: Path) -> None:
    engine = Engine(loaded(tmp_path))
    text = "A practitioner\x00 and\x0c a practitioner\x1b.\n"
    result = guarded(lambda: engine.rewrite_text(text, "coaches"))
    assert result.text == "A coach\x00 and\x0c a coach\x1b.\n"


def test_a_page_with_a_bom_is_rewritten_including_its_front_matter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_bytes("\ufeff---\ntitle: The practitioner\n---\n\n# A practitioner\n".encode())
    status, out, _ = swap(capsys, write_glossary(tmp_path), page, "coaches")
    assert status == 0
    assert out == "---\ntitle: The coach\n---\n\n# A coach\n"


CRLF_PAGE = (
    "---\ntitle: For practitioners\n---\n\n"
    "# The practitioner {#practitioner}\n\n"
    "A practitioner shares `practitioner` with [a practitioner](practitioner.md).\n\n"
    "!!! note \"Practitioner notes\"\n    Every practitioner\n    reads this.\n\n"
    "```\npractitioner = 1\n```\n\n"
    "| Practitioner | Role |\n| --- | --- |\n| practitioner | lead |\n"
)


def test_a_crlf_page_is_rewritten_and_keeps_its_crlf_line_ends(tmp_path: Path) -> None:
    engine = Engine(loaded(tmp_path))
    lf = engine.rewrite_text(CRLF_PAGE, "coaches").text
    crlf = engine.rewrite_text(CRLF_PAGE.replace("\n", "\r\n"), "coaches")
    assert crlf.text == lf.replace("\n", "\r\n")
    assert "\r\n" in crlf.text and "\n" not in crlf.text.replace("\r\n", "")
    assert "`practitioner`" in crlf.text and "Every coach\r\n" in crlf.text
    assert "title: For coaches\r\n" in crlf.text and "```\r\npractitioner = 1\r\n```" in crlf.text


def test_substitutions_in_a_crlf_page_give_the_same_lines_and_columns(tmp_path: Path) -> None:
    engine = Engine(loaded(tmp_path))
    lf = engine.rewrite_text(CRLF_PAGE, "coaches").substitutions
    crlf = engine.rewrite_text(CRLF_PAGE.replace("\n", "\r\n"), "coaches").substitutions
    assert [(s.line, s.column) for s in crlf] == [(s.line, s.column) for s in lf]


def test_a_one_megabyte_single_line_of_prose_is_rewritten(tmp_path: Path) -> None:
    engine = Engine(loaded(tmp_path))
    sentence = "A practitioner's note, with `code` and <https://example.org/practitioner>. "
    line = sentence * (1_000_000 // len(sentence) + 1)
    result = guarded(lambda: engine.rewrite_text(line, "coaches"))
    count = line.count(sentence)
    assert len(result.substitutions) == count
    assert result.text == line.replace("A practitioner's", "A coach's")


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("x", id="one long word"),
        pytest.param("` ", id="unclosed backticks"),
        pytest.param("[x](", id="link openers never closed"),
        pytest.param("](", id="bracket-parens"),
        pytest.param("<a ", id="tag openers never closed"),
        pytest.param("[^", id="footnote openers never closed"),
        pytest.param("<!-- ", id="comment openers never closed"),
        pytest.param("{#a ", id="attribute lists never closed"),
        pytest.param("https://e.org/( ", id="URLs with open parentheses"),
        pytest.param("\\", id="backslashes"),
        pytest.param("|", id="pipes"),
        pytest.param("&#", id="entity openers"),
    ],
)
def test_a_long_line_of_repeated_markup_does_not_hang(tmp_path: Path, unit: str) -> None:
    engine = Engine(loaded(tmp_path))
    line = "practitioner " + unit * (100_000 // len(unit))
    with hang_guard(2):  # 0.1 MB: a few hundredths of a second when the work grows linearly
        result = engine.rewrite_text(line, "coaches")
    assert result.text.startswith("coach ")


# -- big glossaries and odd terms ---------------------------------------------------------------

def test_five_thousand_terms_load_and_rewrite(tmp_path: Path) -> None:
    terms = "".join(
        f"- term: word{number}\n  definition: Term {number}.\n  swap:\n    coaches: "
        f"thing{number}\n"
        for number in range(5000)
    )
    glossary = loaded(tmp_path, many=terms)
    assert len(glossary.terms) == 5000
    engine = guarded(lambda: Engine(glossary))
    result = engine.rewrite_text("word0, word4999 and word2500s.", "coaches")
    assert result.text == "thing0, thing4999 and thing2500s."


@pytest.mark.parametrize(
    ("term", "page", "expected"),
    [
        ("C++", "We use C++ and c++ here.", "We use Rust and Rust here."),
        ("a.b", "See a.b, not axb.", "See ab-thing, not axb."),
        ("(x)", "Tick (x) or x.", "Tick the box or x."),
        ("a|b", "Either a|b or a.", "Either choice or a."),
        ("[x]", "A [x] here", "A box here"),
        ("\\d+", "Match \\d+ not 42.", "Match digits not 42."),
        ("$1", "Pay $1 or 1.", "Pay a dollar or 1."),
    ],
)
def test_a_term_made_of_regex_metacharacters_matches_only_itself(
    tmp_path: Path, term: str, page: str, expected: str
) -> None:
    replacement = {"C++": "Rust", "a.b": "ab-thing", "(x)": "the box", "a|b": "choice",
                   "[x]": "box", "\\d+": "digits", "$1": "a dollar"}[term]
    glossary = loaded(tmp_path, odd=(
        f"- term: '{term}'\n  plural: '{term}s'\n  definition: Odd.\n"
        f"  swap:\n    coaches: '{replacement}'\n"
    ))
    result = guarded(lambda: Engine(glossary).rewrite_text(page, "coaches"))
    assert result.text == expected


def test_a_term_equal_to_another_terms_replacement_is_rewritten_once(tmp_path: Path) -> None:
    coach = "- term: coach\n  definition: Someone who trains players.\n  swap:\n" \
            "    coaches: trainer\n"
    engine = Engine(loaded(tmp_path, people=PRACTITIONER, sport=coach))
    result = engine.rewrite_text("A practitioner and a coach.", "coaches")
    assert result.text == "A coach and a trainer."
    assert [(s.original, s.replacement) for s in result.substitutions] == [
        ("A practitioner", "A coach"), ("a coach", "a trainer")
    ]


def test_two_terms_that_swap_with_each_other_are_swapped_once(tmp_path: Path) -> None:
    terms = (
        "- term: parent\n  definition: A mother or father.\n  swap:\n    coaches: carer\n"
        "- term: carer\n  definition: Someone who cares.\n  swap:\n    coaches: parent\n"
    )
    engine = Engine(loaded(tmp_path, family=terms))
    assert engine.rewrite_text("A parent and a carer.", "coaches").text == \
        "A carer and a parent."


# -- audience ids that would escape site/ ---------------------------------------------------------

@pytest.mark.parametrize(
    "audience_id",
    ["../x", "/abs", "Upper", "a b", "x/../y", "-x", "1x", "x.y", "x\\y", "é", "a" * 300],
)
def test_an_audience_id_that_is_not_a_safe_folder_name_is_refused(
    tmp_path: Path, audience_id: str
) -> None:
    audiences = AUDIENCES + f"  '{audience_id}':\n    name: Odd\n    reader: Nobody\n"
    errors = load_errors(write_glossary(tmp_path, audiences=audiences))
    refused = [error for error in errors if error.code == "AUDIENCE_ID"]
    assert refused, [str(error) for error in errors]
    assert_located(refused[0], "audiences.yml")
    assert refused[0].line == 9


@pytest.mark.parametrize("audience_id", ["../x", "/abs"])
def test_a_source_that_is_not_a_safe_id_is_refused(tmp_path: Path, audience_id: str) -> None:
    audiences = AUDIENCES.replace("source: practitioners", f"source: '{audience_id}'")
    errors = load_errors(write_glossary(tmp_path, audiences=audiences))
    assert_located(errors[0], "audiences.yml")
    assert errors[0].line == 1


@pytest.mark.parametrize("audience_id", ["../coaches", "/tmp", "COACHES"])
def test_swap_refuses_an_audience_id_not_in_the_glossary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], audience_id: str
) -> None:
    page = tmp_path / "page.md"
    page.write_text("A practitioner.\n", encoding="utf-8")
    status, out, err = swap(capsys, write_glossary(tmp_path), page, audience_id)
    assert status == 2 and out == ""
    assert "is not an audience" in err and "Traceback" not in err


# -- `mkdocs build`: one located line, never a traceback -------------------------------------------

def build_with(tmp_path: Path, page: bytes | None = None, **edits: str) -> str:
    """Builds the site fixture with one page added and text replaced in glossary files;
    returns what the build printed, having checked it failed cleanly."""
    from .test_site_build import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    if page is not None:
        (project / "docs/hostile.md").write_bytes(page)
    for name, (old, new) in ((n, e.split("=>")) for n, e in edits.items()):
        file = project / "glossary" / name.replace("__", "/").replace("_yml", ".yml")
        file.write_text(file.read_text("utf-8").replace(old, new), "utf-8")
    result = guarded(lambda: mkdocs_build(project))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert not (project / "site").exists()
    return result.stderr


def test_a_page_that_is_not_utf8_stops_the_build_naming_line_and_column(tmp_path: Path) -> None:
    printed = build_with(tmp_path, page="# Caf\u00e9\n\nA caf\u00e9.\n".encode("latin-1"))
    assert "docs/hostile.md:1:6: is not UTF-8 text. Fix: save the file as UTF-8" in printed


def test_an_audience_id_too_long_for_a_folder_stops_the_build_at_once(tmp_path: Path) -> None:
    printed = build_with(tmp_path, audiences_yml=f"  police:=>  {'p' * 300}:")
    assert "glossary/audiences.yml:9:3:" in printed and "up to 64 lowercase letters" in printed
    assert "writing" not in printed  # refused before anything is rendered


def test_glossary_text_holding_the_placeholder_characters_is_a_located_error(
    tmp_path: Path,
) -> None:
    printed = build_with(tmp_path, terms__people_yml="works with children=>works \ua000 with")
    assert ("glossary/terms/people.yml:1: term 'practitioner' uses a character of the Yi "
            "script, which the site builder reserves for its own use.") in printed


def test_a_list_nested_ten_thousand_levels_deep_names_the_page_and_line(tmp_path: Path) -> None:
    printed = build_with(tmp_path, page=b"# Deep\n\n" + b"- " * 10_000 + b"x\n")
    assert "docs/hostile.md:3: lists or quotes are nested 10000 levels deep here" in printed


def test_a_list_nested_by_indentation_names_the_page_and_line(tmp_path: Path) -> None:
    lines = "".join("    " * level + "- item\n" for level in range(300))
    printed = build_with(tmp_path, page=f"# Deep\n\n{lines}".encode())
    assert "docs/hostile.md:103: lists or quotes are nested 101 levels deep here" in printed
