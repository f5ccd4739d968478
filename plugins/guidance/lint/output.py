"""Writing lint findings for people (text), programs (JSON), GitHub Actions and code scanning.

Each format is built with a serialiser, never a string template, so messages containing quotes,
colons or newlines cannot break it.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

from guidance.lint.rules import RULES, Finding, Severity

FORMATS = ("text", "json", "github", "sarif")
JSON_SCHEMA_VERSION = 1
TOOL_NAME = "guidance lint"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
SUMMARY_LIMIT = 1_000_000  # bytes; GitHub drops a job summary over 1 MiB whole


def _write_json(document: object, out: TextIO) -> None:
    import json  # here, like hashlib and urllib below: the text format needs none of them

    # No indent, so the C encoder writes it in one piece.
    out.write(json.dumps(document, ensure_ascii=False) + "\n")


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("audience-guidance")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0"


def one_line(text: str) -> str:
    """Messages are one line in every format, whatever a glossary file put in them."""
    return " ".join(text.split())


def summary_line(findings: Sequence[Finding], files: int) -> str:
    counts = Counter(finding.severity for finding in findings)
    if not findings:
        return f"No problems found in {files} {_plural(files, 'file')}."
    parts = [f"{counts[s]} {_plural(counts[s], s.value if s is not Severity.INFO else 'note')}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    where = len({finding.path for finding in findings})  # glossary files count too
    return (f"Found {', '.join(parts)} in {where} {_plural(where, 'file')} ({files} "
            f"{_plural(files, 'page')} checked).")


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def text_line(finding: Finding, colour: bool = False) -> str:
    """`path:line:column: CODE message`, like flake8 and ruff (the MkDocs plugin logs these)."""
    location = f"{finding.path}:{finding.line}:{finding.column}:"
    code = finding.code
    if colour:
        location = f"\033[1m{location}\033[0m"
        code = f"\033[{_COLOURS[finding.severity]}m{code}\033[0m"
    return f"{location} {code} {one_line(finding.message)}"


def write_text(findings: Sequence[Finding], out: TextIO, *, colour: bool) -> None:
    for finding in findings:
        out.write(text_line(finding, colour) + "\n")


def use_colour(stream: TextIO) -> bool:
    """Colour only for a person at a terminal, and never when NO_COLOR is set."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


# --- JSON -------------------------------------------------------------------------------------

def json_record(finding: Finding, fingerprint: str) -> dict[str, object]:
    rule = RULES[finding.code]
    fix = finding.fix
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line or finding.line,
        "end_column": finding.end_column or finding.column,
        "code": finding.code,
        "rule": rule.name,
        "severity": rule.severity.value,
        "message": one_line(finding.message),
        "match": finding.match,
        "replacement": finding.replacement,
        "audience": finding.audience,
        "fix": None if fix is None else {"range": [fix.start, fix.end], "text": fix.text},
        "fingerprint": fingerprint,
    }


def write_json(findings: Sequence[Finding], out: TextIO, *, files: int) -> None:
    prints = fingerprints(findings)
    counts = Counter(RULES[finding.code].severity for finding in findings)
    records = [json_record(finding, prints[id(finding)]) for finding in findings]
    document = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version()},
        "summary": {
            "files": files,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
        },
        "findings": records,
    }
    _write_json(document, out)


def fingerprints(findings: Iterable[Finding]) -> dict[int, str]:
    """A stable identity for each finding: its rule, file, audience and matched text (or
    message), and how many identical ones come before it in the file. Lines are left out, so
    the identity survives edits above it."""
    import hashlib

    seen: Counter[tuple[str, ...]] = Counter()
    result: dict[int, str] = {}
    for finding in findings:
        key = (finding.code, finding.path, finding.audience or "",
               (finding.match or one_line(finding.message)).lower())
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(occurrence))).encode("utf-8"))
        result[id(finding)] = digest.hexdigest()[:32]
    return result


# --- GitHub Actions ---------------------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(finding: Finding) -> str:
    rule = RULES[finding.code]
    place = (f"file={escape_property(finding.path)},line={finding.line},col={finding.column},"
             f"endLine={finding.end_line or finding.line},"
             f"endColumn={finding.end_column or finding.column},"
             f"title={escape_property(f'{finding.code} {rule.name}')}")
    return f"::{_GITHUB_LEVEL[rule.severity]} {place}::{escape_data(finding.message)}"


def write_github(findings: Sequence[Finding], out: TextIO, *, files: int) -> None:
    """Workflow commands become annotations on the pull request. GitHub shows only ten of each
    kind per step, so the full list also goes to the job summary when there is one."""
    out.write("".join(github_command(finding) + "\n" for finding in findings))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        try:
            with open(summary_path, "a", encoding="utf-8") as summary:
                summary.write(step_summary(findings, files))
        except OSError as error:
            print(f"guidance lint: warning: the job summary could not be written to "
                  f"{summary_path} ({error.strerror or error}); the annotations above are "
                  f"complete.", file=sys.stderr)


def step_summary(findings: Sequence[Finding], files: int, limit: int = SUMMARY_LIMIT) -> str:
    """A Markdown table of every finding, cut (and saying so) before GitHub's size limit."""
    head = ["## guidance lint", "", summary_line(findings, files), ""]
    rows: list[str] = []
    if findings:
        head += ["| Location | Code | Severity | Message |", "| --- | --- | --- | --- |"]
        size = sum(len(line.encode("utf-8")) + 1 for line in head) + 300  # the cut notice
        for finding in findings:
            message = one_line(finding.message).replace("|", "\\|")
            row = (f"| `{finding.path}:{finding.line}:{finding.column}` | {finding.code} "
                   f"| {finding.severity.value} | {message} |")
            size += len(row.encode("utf-8")) + 1
            if size > limit:
                rows += ["", f"Only the first {len(rows):,} of {len(findings):,} findings are "
                         f"listed: GitHub keeps a job summary only under 1 MiB. Run `guidance "
                         f"lint` (or `--format json`) for the full list."]
                break
            rows.append(row)
    return "\n".join(head + rows) + "\n\n"


# --- SARIF 2.1.0 ------------------------------------------------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_log(findings: Sequence[Finding]) -> dict[str, object]:
    rule_index = {code: index for index, code in enumerate(RULES)}
    artifacts: dict[str, dict[str, str]] = {}
    prints = fingerprints(findings)
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "help": {"text": rule.fix},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        }
        for rule in RULES.values()
    ]
    results = []
    for finding in findings:
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line or finding.line,
            "endColumn": finding.end_column or finding.column + 1,
        }
        artifact = artifacts.get(finding.path) or artifacts.setdefault(
            finding.path, artifact_location(finding.path))
        location = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
        result: dict[str, object] = {
            "ruleId": finding.code,
            "ruleIndex": rule_index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": one_line(finding.message)},
            "locations": [location],
            "partialFingerprints": {"guidanceLint/v1": prints[id(finding)]},
        }
        if finding.audience:
            result["properties"] = {"audience": finding.audience}
        if finding.fix is not None and finding.replacement is not None:
            result["fixes"] = [{
                "description": {"text": f"Write '{finding.replacement}'."},
                "artifactChanges": [{
                    "artifactLocation": artifact,
                    "replacements": [{
                        "deletedRegion": region,
                        "insertedContent": {"text": finding.fix.text},
                    }],
                }],
            }]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": tool_version(),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",  # as in every format: columns count characters
            "originalUriBaseIds": {"%SRCROOT%": {
                "description": {"text": "The project folder guidance lint ran in."}}},
            "results": results,
        }],
    }


def artifact_location(path: str) -> dict[str, str]:
    """A URI reference for the file: relative to the project folder, percent-encoded, so a
    space, `#` or `%` in a file name is not read as part of the URI's syntax."""
    from urllib.parse import quote

    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def write_sarif(findings: Sequence[Finding], out: TextIO) -> None:
    _write_json(sarif_log(findings), out)


def write(format_: str, findings: Sequence[Finding], out: TextIO, *, files: int) -> None:
    if format_ == "text":
        write_text(findings, out, colour=use_colour(out))
    elif format_ == "json":
        write_json(findings, out, files=files)
    elif format_ == "github":
        write_github(findings, out, files=files)
    elif format_ == "sarif":
        write_sarif(findings, out)
    else:
        raise ValueError(f"unknown format {format_!r}")
