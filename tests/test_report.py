"""`guidance report`: the review site and spreadsheet policy officers sign off from."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import pty
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.engine.glossary import load_glossary
from guidance.engine.pages import Engine
from guidance.report import build as report_module
from guidance.report.build import build_report, side_by_side, term_matrix
from tests.conftest import FIXTURES

GLOSSARY = FIXTURES / "glossary"

ADVICE = """\
# Advice for practitioners

A practitioner asks the LA.

<!-- audience: police -->
Only police see this.
<!-- /audience -->

The lead practitioner says <!-- audience: not coaches -->hello<!-- /audience --> to the child.
"""

MEETINGS = """\
# Meetings

Invite the team around
the family to meet.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: the test glossary and two small pages in docs/."""
    shutil.copytree(GLOSSARY, tmp_path / "glossary")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "advice.md").write_text(ADVICE, encoding="utf-8")
    (tmp_path / "docs" / "meetings.md").write_text(MEETINGS, encoding="utf-8")
    return tmp_path


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def guidance_report(*args: str, cwd: Path) -> Result:
    """`guidance report ARGS` run in `cwd` through the command line's own entry point."""
    stdout, stderr = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                returncode = main(["report", *args])
            except SystemExit as exit_:  # argparse's own usage errors
                returncode = int(exit_.code or 0)
    finally:
        os.chdir(here)
    return Result(returncode, stdout.getvalue(), stderr.getvalue())


def csv_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "changes.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


class Outline(HTMLParser):
    """The parts of a page that accessibility depends on."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[int] = []
        self.tables = 0
        self.tables_with_headers = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "thead":
            self.tables_with_headers += 1
        elif tag == "script":
            self.scripts += 1


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- what it writes ----------------------------------------------------------------------------

def test_writes_an_index_a_page_per_source_page_a_stylesheet_and_a_spreadsheet(
        project: Path) -> None:
    result = guidance_report(cwd=project)
    assert result.returncode == 0, result.stderr
    for name in ("index.html", "pages/advice.html", "pages/meetings.html", "report.css",
                 "changes.csv"):
        assert (project / "report" / name).is_file(), name
    assert not (project / "site").exists()


def test_writes_to_the_folder_given_with_out(project: Path) -> None:
    result = guidance_report("--out", "review", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "review" / "index.html").is_file()
    assert not (project / "report").exists()


def test_the_summary_line_names_the_index_and_counts_pages_audiences_changes(
        project: Path) -> None:
    result = guidance_report(cwd=project)
    assert result.stdout == ("Report written to report/index.html: 2 pages, 4 audiences, "
                             "16 changes.\n")


def test_a_page_deleted_from_docs_leaves_the_report(project: Path) -> None:
    guidance_report(cwd=project)
    (project / "docs" / "meetings.md").unlink()
    guidance_report(cwd=project)
    assert not (project / "report" / "pages" / "meetings.html").exists()
    assert (project / "report" / "pages" / "advice.html").exists()


# --- built from the engine's record ------------------------------------------------------------

def test_each_audience_view_is_the_rewrite_the_engine_returned(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    returned = []
    rewrite = Engine.rewrite

    def recording(self: Engine, page: object, audience_id: str) -> object:
        returned.append(rewrite(self, page, audience_id))  # type: ignore[arg-type]
        return returned[-1]

    monkeypatch.setattr(report_module.Engine, "rewrite", recording)
    built = build_report(project / "glossary", [project / "docs"])
    views = [view.rewrite for page in built.pages for view in page.views]
    assert len(views) == len(returned) == 2 * 4
    assert all(view is record for view, record in zip(views, returned, strict=True))


def test_csv_change_rows_are_the_engines_substitutions(project: Path) -> None:
    guidance_report(cwd=project)
    engine = Engine(load_glossary(project / "glossary"))
    expected = [
        {"page": f"docs/{name}", "audience": audience.id, "kind": "change",
         "line": str(change.line), "column": str(change.column),
         "end_line": str(change.line + change.original.count("\n")),
         "original": change.original, "replacement": change.replacement, "term": change.term,
         "region": ""}
        for name, text in (("advice.md", ADVICE), ("meetings.md", MEETINGS))
        for audience in engine.glossary.audiences
        for change in engine.rewrite_text(text, audience.id, f"docs/{name}").substitutions
    ]
    rows = [row for row in csv_rows(project / "report") if row["kind"] == "change"]
    assert rows == expected
    assert {"original": "A practitioner", "replacement": "An early years worker"}.items() <= \
        rows[1].items()


def test_dropped_regions_are_csv_rows_of_their_own_kind(project: Path) -> None:
    guidance_report(cwd=project)
    dropped = [(row["page"], row["audience"], row["line"], row["end_line"], row["region"])
               for row in csv_rows(project / "report") if row["kind"] == "dropped region"]
    assert dropped == [
        ("docs/advice.md", "practitioners", "5", "7", "only police"),
        ("docs/advice.md", "childminders", "5", "7", "only police"),
        ("docs/advice.md", "coaches", "5", "7", "only police"),
        ("docs/advice.md", "coaches", "9", "9", "everyone except coaches"),
    ]


def test_side_by_side_puts_each_audiences_words_beside_the_source_line(project: Path) -> None:
    built = build_report(project / "glossary", [project / "docs" / "advice.md"])
    view = {view.audience.id: view for view in built.pages[0].views}["childminders"]
    assert view.rows is not None
    right = {row.line: (row.status, "".join(f.output for f in row.fragments))
             for row in view.rows if row.fragments}
    assert right == {
        1: ("changed", "# Advice for early years workers"),
        3: ("changed", "An early years worker asks the council."),
        5: ("dropped", ""),
        6: ("dropped", ""),
        7: ("dropped", ""),
        9: ("changed", "The key person says hello to the child."),
    }


def test_side_by_side_shows_a_region_inside_a_line_as_part_of_it(project: Path) -> None:
    built = build_report(project / "glossary", [project / "docs" / "advice.md"])
    views = {view.audience.id: view for view in built.pages[0].views}
    line_9 = {audience: [(f.kind, f.source, f.output) for row in views[audience].rows or ()
                         if row.line == 9 for f in row.fragments]
              for audience in ("police", "coaches")}
    assert line_9["police"] == [
        ("text", "The ", "The "), ("change", "lead practitioner", "officer in charge"),
        ("text", " says ", " says "), ("marker", "<!-- audience: not coaches -->", ""),
        ("text", "hello", "hello"), ("marker", "<!-- /audience -->", ""),
        ("text", " to the ", " to the "), ("change", "child", "young person"), ("text", ".", "."),
    ]
    assert line_9["coaches"] == [
        ("text", "The lead practitioner says ", "The lead practitioner says "),
        ("dropped", "<!-- audience: not coaches -->hello<!-- /audience -->", ""),
        ("text", " to the ", " to the "), ("change", "child", "player"), ("text", ".", "."),
    ]


def test_a_record_that_does_not_give_the_engines_text_is_never_shown_line_by_line(
        engine: Engine) -> None:
    page = engine.prepare(ADVICE, "advice.md")
    rewrite = engine.rewrite(page, "childminders")
    assert side_by_side(page, rewrite) is not None
    assert side_by_side(page, replace(rewrite, text=rewrite.text + "extra")) is None
    moved = replace(rewrite.substitutions[0], column=rewrite.substitutions[0].column + 1)
    assert side_by_side(page, replace(rewrite, substitutions=(moved,))) is None


def test_a_left_out_section_is_one_block_saying_who_sees_it(project: Path) -> None:
    built = build_report(project / "glossary", [project / "docs" / "advice.md"])
    views = {view.audience.id: view for view in built.pages[0].views}
    coaches = {row.line: (row.span, row.note) for row in views["coaches"].rows or ()}
    assert [coaches[line] for line in (5, 6, 7)] == [
        (3, "This section (lines 5 to 7) is not shown to this audience. Who sees it: Only "
            "Police."), (0, ""), (0, "")]
    police = {row.line: (row.status, row.note) for row in views["police"].rows or ()}
    assert police[5] == ("marker", "Marker, start of a section. Who sees it: Only Police.")
    assert police[7] == ("marker", "Marker, end of the section.")
    assert 2 not in police  # blank lines are folded away


def test_an_audience_with_nothing_changed_gets_a_sentence_not_a_side_by_side(
        project: Path) -> None:
    guidance_report(cwd=project)
    html = (project / "report" / "pages" / "meetings.html").read_text(encoding="utf-8")
    assert "Local authority practitioners read the page as it is written." in html
    assert html.count('class="side-by-side"') == 3  # childminders, police, coaches


def test_a_term_across_a_line_break_ends_on_the_next_line_in_the_csv(project: Path) -> None:
    guidance_report(cwd=project)
    row = next(row for row in csv_rows(project / "report")
               if row["audience"] == "police" and row["page"] == "docs/meetings.md")
    assert (row["original"], row["line"], row["end_line"]) == ("team around\nthe family", "3", "4")


def test_a_term_across_a_line_break_is_shown_on_its_first_line(project: Path) -> None:
    built = build_report(project / "glossary", [project / "docs" / "meetings.md"])
    view = {view.audience.id: view for view in built.pages[0].views}["police"]
    assert view.rows is not None
    lines = {row.line: "".join(f.output for f in row.fragments) for row in view.rows}
    assert (lines[3], lines[4]) == ("Invite the family support team", " to meet.")


def test_the_term_matrix_counts_each_audiences_changes(project: Path) -> None:
    built = build_report(project / "glossary", [project / "docs"])
    matrix = {row.term: row for row in term_matrix(built)}
    practitioner = {cell.audience.id: cell for cell in matrix["practitioner"].cells}
    assert matrix["practitioner"].found == 2  # "lead practitioner" is a term of its own
    assert list(practitioner) == ["childminders", "police", "coaches"]  # not the source
    assert (practitioner["childminders"].singular, practitioner["childminders"].changes) == \
        ("early years worker", 2)
    lead = {cell.audience.id: cell for cell in matrix["lead practitioner"].cells}
    assert (lead["coaches"].same_as_source, lead["coaches"].changes) == (True, 0)
    assert not matrix["lead practitioner"].kept_by_all


def test_the_term_matrix_shows_each_audiences_own_definition_or_none(project: Path) -> None:
    people = project / "glossary" / "terms" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        "  definition: Someone who works or volunteers with children.\n",
        "  definition:\n    default: Someone who works or volunteers with children.\n"
        "    police: false\n    coaches: A coach, volunteer or official in a club.\n", 1),
        encoding="utf-8")
    assert guidance_report(cwd=project).returncode == 0
    cells = {cell.audience.id: cell for cell in {
        row.term: row for row in term_matrix(build_report(project / "glossary",
                                                          [project / "docs"]))
    }["practitioner"].cells}
    assert (cells["police"].own_definition, cells["police"].definition) == (True, None)
    assert cells["coaches"].definition == "A coach, volunteer or official in a club."
    assert not cells["childminders"].own_definition
    index = (project / "report" / "index.html").read_text(encoding="utf-8")
    assert "own definition: A coach, volunteer or official in a club." in index
    assert "no definition: left out of the glossary page and tooltips" in index


# --- safe and readable -------------------------------------------------------------------------

def test_glossary_and_page_text_is_shown_as_text_never_as_markup(project: Path) -> None:
    terms = project / "glossary" / "terms" / "people.yml"
    terms.write_text(terms.read_text(encoding="utf-8").replace(
        "childminders: early years worker", "childminders: <script>alert(1)</script>"),
        encoding="utf-8")
    (project / "docs" / "advice.md").write_text(ADVICE + "\nA <b>bold</b> practitioner.\n",
                                                encoding="utf-8")
    guidance_report(cwd=project)
    for name in ("index.html", "pages/advice.html"):
        html = (project / "report" / name).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in (project / "report" / "pages" / "advice.html").read_text(
        encoding="utf-8")


def test_pages_are_english_with_headings_in_order_and_tables_with_headers(
        project: Path) -> None:
    guidance_report(cwd=project)
    for page in (project / "report").rglob("*.html"):
        parts = outline(page)
        assert parts.lang == "en-GB", page
        assert parts.headings[0] == 1 and parts.headings.count(1) == 1, page
        assert all(b - a <= 1 for a, b in pairwise(parts.headings)), page
        assert parts.tables == parts.tables_with_headers > 0, page
        assert parts.scripts == 0, page


# --- mistakes ----------------------------------------------------------------------------------

def test_a_region_error_is_listed_in_the_report_and_the_other_pages_are_still_written(
        project: Path) -> None:
    (project / "docs" / "broken.md").write_text("# Broken\n\n<!-- audience: police -->\nx\n",
                                                encoding="utf-8")
    result = guidance_report(cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "guidance report: docs/broken.md:3: the audience region opened here is never " \
           "closed." in result.stderr
    index = (project / "report" / "index.html").read_text(encoding="utf-8")
    assert "<code>docs/broken.md:3</code>: the audience region opened here is never closed." \
        in index
    assert "problem to fix, listed in the report" in result.stdout
    assert (project / "report" / "pages" / "advice.html").is_file()


def test_a_page_that_is_not_utf8_is_listed_as_a_problem(project: Path) -> None:
    (project / "docs" / "latin1.md").write_bytes(b"# Caf\xe9\n")
    result = guidance_report(cwd=project)
    assert result.returncode == 1
    assert "guidance report: docs/latin1.md:1:6: is not UTF-8 text." in result.stderr
    assert (project / "report" / "pages" / "advice.html").is_file()


def test_a_glossary_error_is_listed_and_exits_2(project: Path) -> None:
    audiences = project / "glossary" / "audiences.yml"
    audiences.write_text(audiences.read_text(encoding="utf-8") + "  Bad Id:\n    name: x\n",
                         encoding="utf-8")
    result = guidance_report(cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "guidance report: glossary/audiences.yml:15:3: 'Bad Id' cannot be an audience " \
           "id." in result.stderr
    index = (project / "report" / "index.html").read_text(encoding="utf-8")
    assert "<code>glossary/audiences.yml:15:3</code>: &#39;Bad Id&#39; cannot be an audience " \
           "id." in index
    assert '<a href="pages/advice.html">Advice for practitioners</a>' in index  # still listed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing",), "guidance report: missing: no such file or folder."),
        (("--glossary", "nowhere"), "guidance report: nowhere: no glossary here"),
        (("--out", "docs/advice.md"), "guidance report: docs/advice.md: is a file, not a folder."),
        (("--out", "docs/review"), "guidance report: docs/review: is inside docs/, so the "
                                   "report would be published with the guidance."),
        (("--out", "site/report"), "guidance report: site/report: is inside site/"),
        (("--bogus",), "unrecognized arguments: --bogus"),
    ],
)
def test_a_command_that_cannot_run_exits_2_with_one_clear_line(
        project: Path, args: tuple[str, ...], message: str) -> None:
    result = guidance_report(*args, cwd=project)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "docs" / "review").exists()


# --- progress ----------------------------------------------------------------------------------

def test_no_progress_lines_when_stderr_is_not_a_terminal(project: Path) -> None:
    result = guidance_report(cwd=project)
    assert result.stderr == ""


def test_progress_rewrites_one_line_per_page_on_a_terminal(project: Path) -> None:
    """Run as a person runs it, with standard error on a real (pseudo-)terminal."""
    leader, follower = pty.openpty()
    process = subprocess.run([sys.executable, "-m", "guidance.cli", "report"], cwd=project,
                             stdout=subprocess.PIPE, stderr=follower, text=True, check=False)
    os.close(follower)
    terminal = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(leader)
    assert process.returncode == 0
    assert terminal.decode() == ("\r\033[KReading page 1 of 2: docs/advice.md"
                                 "\r\033[KReading page 2 of 2: docs/meetings.md\r\033[K")
    assert process.stdout.startswith("Report written to report/index.html")


# --- signing off a change: the since view, menu order, problems lint agrees with --------------

def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=editor@example.org", "-c", "user.name=Editor",
                    *args], cwd=project, check=True, capture_output=True)


def unmarked(path: Path) -> str:
    """A since page without the <ins> and <del> that mark the words changed."""
    return re.sub(r"</?(?:ins|del)>", "", path.read_text(encoding="utf-8"))


@pytest.fixture
def signed_off(project: Path) -> Path:
    """The project as signed off (git tag `signed-off`), then edited: one sentence of a page
    reworded with a warning box added, and the police wording of one term changed."""
    git(project, "init", "-q")
    git(project, "add", "docs", "glossary")
    git(project, "commit", "-qm", "Signed off")
    git(project, "tag", "signed-off")
    page = project / "docs" / "meetings.md"
    page.write_text(MEETINGS.replace("to meet.", "to meet **soon**.") +
                    '\n!!! danger "Act now"\n    Call 999.\n', encoding="utf-8")
    return project


def test_since_lists_only_the_changed_sentences_as_readers_see_them(signed_off: Path) -> None:
    result = guidance_report("--since", "signed-off", cwd=signed_off)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "Changes since signed-off: 1 page in report/since.html.")
    since = unmarked(signed_off / "report" / "since.html")
    assert "to meet <strong>soon</strong>." in since
    assert "<strong>Act now</strong>" in since and "Call 999." in since
    assert "!!!" not in since and "**" not in since and "&lt;!--" not in since
    assert "Only police see this" not in since  # advice.md did not change
    assert outline(signed_off / "report" / "since.html").lang == "en-GB"


def test_since_names_each_audience_whose_wording_changed(signed_off: Path) -> None:
    terms = signed_off / "glossary" / "terms" / "people.yml"
    text = terms.read_text(encoding="utf-8")
    police = next(line for line in text.splitlines() if line.startswith("    police: "))
    terms.write_text(text.replace(police, "    police: duty officer", 1), encoding="utf-8")
    guidance_report("--since", "signed-off", cwd=signed_off)
    since = unmarked(signed_off / "report" / "since.html")
    assert "duty officer" in since
    assert since.index("<h3>Police") > 0


def test_since_an_unknown_version_exits_2_with_one_clear_line(signed_off: Path) -> None:
    result = guidance_report("--since", "signed-of", cwd=signed_off)
    assert (result.returncode, result.stderr.splitlines()[0]) == (
        2, "guidance report: --since: 'signed-of' is not a version in this project's history. "
           "Fix: give a branch, tag or commit, such as main or the tag of the last sign-off "
           "(git tag lists them).")


def test_pages_are_listed_in_the_order_of_the_sites_menu(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: Test\nnav:\n  - Meetings: meetings.md\n  - Advice: advice.md\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: "
        "!!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    guidance_report(cwd=project)
    index = (project / "report" / "index.html").read_text(encoding="utf-8")
    assert index.index('href="pages/meetings.html"') < index.index('href="pages/advice.html"')


def test_the_problems_to_fix_are_the_errors_lint_reports(project: Path) -> None:
    (project / "docs" / "meetings.md").write_text(MEETINGS + "\nTell the LADO.\n",
                                                  encoding="utf-8")
    result = guidance_report(cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith("; 1 problem to fix, listed in the report.")
    index = (project / "report" / "index.html").read_text(encoding="utf-8")
    assert "TM001 &#39;LADO&#39; is jargon" in index or "TM001 'LADO' is jargon" in index


def test_since_works_on_a_single_page_too(signed_off: Path) -> None:
    result = guidance_report("docs/meetings.md", "--since", "signed-off", cwd=signed_off)
    assert result.returncode == 0, result.stderr
    since = unmarked(signed_off / "report" / "since.html")
    assert "to meet <strong>soon</strong>." in since and "a new page" not in since


def test_since_marks_the_words_that_changed_in_a_sentence(signed_off: Path) -> None:
    guidance_report("--since", "signed-off", cwd=signed_off)
    since = (signed_off / "report" / "since.html").read_text(encoding="utf-8")
    assert "to meet." in since and "to meet <strong><ins>soon</ins></strong>." in since


def test_since_an_earlier_report_folder_needs_no_git(project: Path) -> None:
    guidance_report("--out", "signed-off", cwd=project)
    page = project / "docs" / "meetings.md"
    page.write_text(MEETINGS.replace("to meet.", "to meet soon."), encoding="utf-8")
    result = guidance_report("--since", "signed-off", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "Changes since signed-off: 1 page in report/since.html.")
    since = unmarked(project / "report" / "since.html")
    assert "to meet soon." in since and "Only police see this" not in since


def test_since_a_folder_that_is_not_a_report_exits_2(project: Path) -> None:
    result = guidance_report("--since", "docs", cwd=project)
    assert (result.returncode, result.stderr.splitlines()[0]) == (
        2, "guidance report: --since: docs/record.json is not the record of an earlier report. "
           "Fix: give the folder of a report written by `guidance report` (it holds "
           "record.json), or a git branch, tag or commit.")


# --- reading age and the editorial record ---------------------------------------------------------

def test_each_audience_view_carries_its_reading_age(project: Path) -> None:
    (project / "docs" / "advice.md").write_text(
        "Information sharing is essential for effective safeguarding and promoting the "
        "welfare of children.\n", encoding="utf-8")
    built = build_report(project / "glossary", [project / "docs" / "advice.md"])
    ages = {view.audience.id: view.reading_age for view in built.pages[0].views}
    # The source: 13 words, 1 sentence, 27 syllables: grade 13.99, reading age 19
    assert ages["practitioners"] == 19
    assert sorted(ages) == sorted(a.id for a in built.glossary.audiences)
    assert all(isinstance(age, int) and age >= 5 for age in ages.values())


def test_the_editorial_record_is_shown_beside_each_audiences_version(project: Path) -> None:
    (project / "review").mkdir()
    (project / "review" / "editorial.yml").write_text(
        "pages:\n  advice.md:\n    police:\n      read_as: Police officers\n"
        "      changed: [No 999 for officers]\n      unsure: [The second step]\n",
        encoding="utf-8")
    assert guidance_report(cwd=project).returncode in (0, 1)
    page = (project / "report" / "pages" / "advice.html").read_text(encoding="utf-8")
    police = page.split('id="police"', 1)[1].split('<section class="audience"', 1)[0]
    assert "No 999 for officers" in police and "The second step" in police
    childminders = page.split('id="childminders"', 1)[1].split('<section class="audience"', 1)[0]
    assert "Not yet read for this audience" in childminders
