"""The four output formats: text for people, JSON for programs, GitHub annotations, SARIF."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from guidance.lint import output as lint_output
from guidance.lint.rules import RULES, Finding, Fix
from guidance.lint.runner import lint_paths

FIXTURES = Path(__file__).parent / "fixtures" / "lint"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())
REPORT_SCHEMA = json.loads(
    (resources.files("guidance.lint") / "data" / "lint-report.schema.json").read_text())
PAGE = (
    "A practitioner tells the local authority and the designated safeguarding lead. "
    "If a child is in danger, call 999.\n"
    "Tell the LADO. A practicioner can utilise it.\n"
)


@pytest.fixture
def findings(tmp_path: Path) -> list[Finding]:
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(PAGE)
    return lint_paths(tmp_path / "glossary", [tmp_path / "docs"], root=tmp_path).findings


def render(format_: str, findings: list[Finding]) -> str:
    out = io.StringIO()
    lint_output.write(format_, findings, out, files=1)
    return out.getvalue()


def a_finding(message: str = "message", path: str = "docs/page.md") -> Finding:
    return Finding(path, 3, 5, "TM001", message, end_line=3, end_column=9, match="LADO")


# --- text ---------------------------------------------------------------------------------------

def test_text_is_path_line_column_code_message(findings: list[Finding]) -> None:
    lines = render("text", findings).splitlines()
    assert lines[0].startswith("docs/page.md:2:10: TM001 'LADO' is jargon")
    assert lines[1].startswith("docs/page.md:2:16: TM002 'practicioner' is another spelling")
    assert len(lines) == len(findings) == 3


def test_text_keeps_each_finding_on_one_line() -> None:
    assert render("text", [a_finding("two\nlines")]) == "docs/page.md:3:5: TM001 two lines\n"


def test_text_is_coloured_only_when_asked() -> None:
    out = io.StringIO()
    lint_output.write_text([a_finding()], out, colour=True)
    assert "\033[31mTM001\033[0m" in out.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_is_used_on_a_terminal_unless_no_color_is_set(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert lint_output.use_colour(Terminal())
    assert not lint_output.use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not lint_output.use_colour(Terminal())


def test_the_summary_counts_each_severity(findings: list[Finding]) -> None:
    assert lint_output.summary_line(findings, 1) == ("Found 1 error, 2 warnings in 1 file "
                                                     "(1 page checked).")


def test_the_summary_counts_the_files_that_have_problems_not_the_files_checked() -> None:
    found = [a_finding(path="glossary/terms/people.yml"), a_finding(path="docs/a.md"),
             a_finding(path="docs/a.md")]
    assert lint_output.summary_line(found, 12) == "Found 3 errors in 2 files (12 pages checked)."


# --- JSON ---------------------------------------------------------------------------------------

def test_json_follows_the_published_schema(findings: list[Finding]) -> None:
    document = json.loads(render("json", findings))
    jsonschema.validate(document, REPORT_SCHEMA)
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 2, "info": 0}


def test_json_gives_the_match_replacement_and_a_fix_range_into_the_file(
        findings: list[Finding], tmp_path: Path) -> None:
    [variant] = [f for f in json.loads(render("json", findings))["findings"]
                 if f["code"] == "TM002"]
    start, end = variant["fix"]["range"]
    assert PAGE[start:end] == variant["match"] == "A practicioner"
    assert variant["fix"]["text"] == variant["replacement"] == "A practitioner"


def test_json_names_the_audience_of_an_audience_finding(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(PAGE + "Tell the **local** authority.\n")
    found = lint_paths(tmp_path / "glossary", [tmp_path / "docs"], root=tmp_path).findings
    [leak] = [f for f in json.loads(render("json", found))["findings"] if f["code"] == "TM003"]
    assert (leak["audience"], leak["replacement"]) == ("childminders", "council")


# --- GitHub -------------------------------------------------------------------------------------

def test_github_annotations_carry_location_title_and_level(findings: list[Finding]) -> None:
    lines = render("github", findings).splitlines()
    assert lines[0].startswith("::error file=docs/page.md,line=2,col=10,endLine=2,endColumn=14,"
                               "title=TM001 unknown-jargon::'LADO' is jargon")
    assert lines[1] == ("::warning file=docs/page.md,line=2,col=16,endLine=2,endColumn=30,"
                        "title=TM002 spelling-variant::'practicioner' is another spelling of "
                        "'practitioner'; write 'A practitioner'.")


def test_github_escapes_messages_and_properties() -> None:
    line = lint_output.github_command(a_finding("100% sure\r\nreally", path="docs/a:b,c.md"))
    assert line == ("::error file=docs/a%3Ab%2Cc.md,line=3,col=5,endLine=3,endColumn=9,"
                    "title=TM001 unknown-jargon::100%25 sure%0D%0Areally")


def test_github_writes_every_finding_to_the_step_summary(
        findings: list[Finding], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render("github", findings)
    table = summary.read_text()
    assert "Found 1 error, 2 warnings in 1 file (1 page checked)." in table
    assert table.count("| `docs/page.md:") == 3


def test_github_writes_no_step_summary_outside_actions(
        findings: list[Finding], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    render("github", findings)
    assert list(empty.iterdir()) == []


HOSTILE = 'say "hi" \\ back\u2028slash </script> caf\u00e9 \U0001F600 {"x": [1]}'


def a_hostile_finding() -> Finding:
    return Finding("docs/my \"page\" #1.md", 2, 3, "TM002", HOSTILE, end_line=2, end_column=9,
                   match=HOSTILE, replacement=HOSTILE, audience="police",
                   fix=Fix(4, 9, HOSTILE))


def test_json_gives_back_exactly_the_text_it_was_given() -> None:
    [record] = json.loads(render("json", [a_hostile_finding()]))["findings"]
    assert (record["path"], record["match"], record["replacement"], record["fix"]["text"]) == (
        'docs/my "page" #1.md', HOSTILE, HOSTILE, HOSTILE)
    assert record["message"] == lint_output.one_line(HOSTILE)


def test_sarif_gives_back_exactly_the_text_it_was_given() -> None:
    log = json.loads(render("sarif", [a_hostile_finding()]))
    jsonschema.validate(log, SARIF_SCHEMA,
                        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    [result] = log["runs"][0]["results"]
    assert result["message"]["text"] == lint_output.one_line(HOSTILE)
    assert result["properties"] == {"audience": "police"}
    change = result["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"] == HOSTILE
    assert change["artifactLocation"]["uri"] == "docs/my%20%22page%22%20%231.md"


def test_fingerprints_keep_their_values_from_one_release_to_the_next() -> None:
    """Code scanning matches alerts across runs by these: a change of formula would show every
    finding as new."""
    assert lint_output.fingerprints([a_finding(), a_finding()]) == [
        "b8cf3f68ae2c1b918fe99e27dc784e39", "89e389ef5bdd8afa5e8c89ff8d7a0eff"]


# --- SARIF --------------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_official_schema(findings: list[Finding]) -> None:
    jsonschema.validate(json.loads(render("sarif", findings)), SARIF_SCHEMA,
                        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_sarif_has_one_rule_per_code_and_results_point_at_them(
        findings: list[Finding]) -> None:
    run = json.loads(render("sarif", findings))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_locations_are_relative_to_the_source_root(findings: list[Finding]) -> None:
    run = json.loads(render("sarif", findings))["runs"][0]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "docs/page.md", "uriBaseId": "%SRCROOT%"}


def test_sarif_carries_the_fix_for_a_spelling_variant(findings: list[Finding]) -> None:
    run = json.loads(render("sarif", findings))["runs"][0]
    [result] = [r for r in run["results"] if r["ruleId"] == "TM002"]
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "A practitioner"}


def test_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "page.md"

    def prints() -> list[str]:
        found = lint_paths(tmp_path / "glossary", [tmp_path / "docs"], root=tmp_path).findings
        run = json.loads(render("sarif", found))["runs"][0]
        return sorted(r["partialFingerprints"]["guidanceLint/v1"] for r in run["results"])

    page.write_text(PAGE)
    before = prints()
    page.write_text("# A new heading\n\nA new paragraph.\n\n" + PAGE)
    assert prints() == before


def test_identical_findings_in_one_file_get_different_fingerprints() -> None:
    first, second = a_finding(), a_finding()
    one, other = lint_output.fingerprints([first, second])
    assert one != other


def test_every_rule_has_a_code_severity_and_fix() -> None:
    for code, rule in RULES.items():
        assert rule.code == code and rule.fix and rule.summary
    assert Fix(0, 1, "x").text == "x"


# --- what CI gets from the command --------------------------------------------------------------

FORMAT_CHECKER = jsonschema.Draft7Validator.FORMAT_CHECKER


def lint_command(cwd: Path, *args: str, env: dict[str, str] | None = None,
                 ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidance.cli", "lint", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE.split("Tell")[0])
    return tmp_path


def test_the_uri_format_is_really_checked() -> None:
    """Without a URI validator installed, jsonschema skips `format`: the SARIF test would pass
    whatever the URIs were."""
    assert not FORMAT_CHECKER.conforms("docs/my page#1.md", "uri-reference")


def test_sarif_uris_are_percent_encoded_and_valid_against_the_schema(project: Path) -> None:
    (project / "docs" / "my page#1.md").write_text("Tell the LADO.\n")
    (project / "docs" / "100% café.md").write_text("Tell the LADO.\n")
    result = lint_command(project, "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA, format_checker=FORMAT_CHECKER)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"docs/my%20page%231.md", "docs/100%25%20caf%C3%A9.md"}


def test_sarif_says_columns_count_code_points(project: Path) -> None:
    (project / "docs" / "page.md").write_text("😀 Tell the LADO.\n")
    run = json.loads(lint_command(project, "--format", "sarif").stdout)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    [result] = run["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 12


def test_an_unwritable_job_summary_is_a_warning_not_a_failure(project: Path) -> None:
    result = lint_command(project, "--format", "github",
                          env={"GITHUB_STEP_SUMMARY": str(project / "missing" / "summary.md")})
    assert result.returncode == 0
    assert "guidance lint: warning: the job summary could not be written to" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_long_job_summary_is_cut_below_githubs_limit_and_says_so(project: Path) -> None:
    (project / "docs" / "page.md").write_text("Tell the LADO.\n\n" * 6000)
    summary = project / "summary.md"
    result = lint_command(project, "--format", "github",
                          env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.stdout.count("::error ") == 6000
    written = summary.read_bytes()
    assert 900_000 < len(written) < 1024 * 1024
    listed = written.count(b"| TM001 |")
    assert f"Only the first {listed:,} of 6,000 findings are listed".encode() in written
