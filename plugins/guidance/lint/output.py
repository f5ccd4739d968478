"""Writing lint findings for people (text), programs (JSON), GitHub Actions and code scanning.

Every value that comes from a page or the glossary goes through an encoder (JSON's own string
encoder, GitHub's escaping), never into a string template as it is, so messages containing
quotes, colons or newlines cannot break a format. JSON and SARIF are written record by record
from parts encoded once per rule and per file: tens of thousands of findings take a fraction of
a second.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from guidance.lint.rules import RULES, Finding, Severity

FORMATS = ("text", "json", "github", "sarif")
JSON_SCHEMA_VERSION = 1
TOOL_NAME = "guidance lint"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
SUMMARY_LIMIT = 1_000_000  # bytes; GitHub drops a job summary over 1 MiB whole


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
    counts = severity_counts(findings)
    if not findings:
        return f"No problems found in {files} {_plural(files, 'file')}."
    parts = [f"{counts[s]} {_plural(counts[s], s.value if s is not Severity.INFO else 'note')}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    where = len({finding.path for finding in findings})  # glossary files count too
    return (f"Found {', '.join(parts)} in {where} {_plural(where, 'file')} ({files} "
            f"{_plural(files, 'page')} checked).")


def severity_counts(findings: Iterable[Finding]) -> Counter[Severity]:
    """How many findings of each severity: counted by code, since a code has one severity."""
    counts: Counter[Severity] = Counter()
    for code, count in Counter(finding.code for finding in findings).items():
        counts[RULES[code].severity] += count
    return counts


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

class _Encoded(dict[str | None, str]):
    """Each distinct value (a path, a rule's fixed fields) encoded once."""

    def __init__(self, encode: Callable[[str], str] | Callable[[str | None], str]) -> None:
        super().__init__()
        self.encode = encode

    def __missing__(self, key: str | None) -> str:
        value = self[key] = self.encode(key)
        return value


def _json_records(findings: Sequence[Finding], prints: Sequence[str]) -> str:
    from json.encoder import encode_basestring as string  # json's C string encoder

    def or_null(text: str | None) -> str:
        return "null" if text is None else string(text)

    values = _Encoded(or_null)  # paths, matches, replacements, audiences: few distinct ones
    rules = _Encoded(lambda code: (f'"code":{string(code)},"rule":{string(RULES[code].name)},'
                                   f'"severity":{string(RULES[code].severity.value)}'))
    records = []
    for finding, fingerprint in zip(findings, prints, strict=True):
        fix = finding.fix
        fixed = "null" if fix is None else \
            f'{{"range":[{fix.start},{fix.end}],"text":{string(fix.text)}}}'
        records.append(
            f'{{"path":{values[finding.path]},"line":{finding.line},"column":{finding.column},'
            f'"end_line":{finding.end_line or finding.line},'
            f'"end_column":{finding.end_column or finding.column},{rules[finding.code]},'
            f'"message":{string(one_line(finding.message))},'
            f'"match":{values[finding.match]},"replacement":{values[finding.replacement]},'
            f'"audience":{values[finding.audience]},"fix":{fixed},'
            f'"fingerprint":"{fingerprint}"}}')
    return "[" + ",\n".join(records) + "]"


def write_json(findings: Sequence[Finding], out: TextIO, *, files: int) -> None:
    import json

    counts = severity_counts(findings)
    head = json.dumps({
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version()},
        "summary": {
            "files": files,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
        },
    }, ensure_ascii=False, separators=(",", ":"))
    out.write(head[:-1] + ',"findings":' + _json_records(findings, fingerprints(findings))
              + "}\n")


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """A stable identity for each finding: its rule, file, audience and matched text (or
    message), and how many identical ones come before it in the file. Lines are left out, so
    the identity survives edits above it."""
    from hashlib import sha256

    seen: dict[str, int] = {}
    result = []
    for finding in findings:
        key = (f"{finding.code}\x1f{finding.path}\x1f{finding.audience or ''}\x1f"
               f"{(finding.match or one_line(finding.message)).lower()}")
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        result.append(sha256(f"{key}\x1f{occurrence}".encode()).hexdigest()[:32])
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


def write_sarif(findings: Sequence[Finding], out: TextIO) -> None:
    import json

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
    log = json.dumps({
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
            "results": [],
        }],
    }, ensure_ascii=False, separators=(",", ":"))
    before, after = log.rsplit("[]", 1)  # the results go in the one empty list, the last
    out.write(before + _sarif_results(findings) + after + "\n")


def _sarif_results(findings: Sequence[Finding]) -> str:
    import json
    from json.encoder import encode_basestring as string

    rule_index = {code: index for index, code in enumerate(RULES)}
    artifacts = _Encoded(lambda path: json.dumps(artifact_location(path), ensure_ascii=False,
                                                     separators=(",", ":")))
    rules = _Encoded(lambda code: (f'"ruleId":{string(code)},"ruleIndex":{rule_index[code]},'
                                   f'"level":"{_SARIF_LEVEL[RULES[code].severity]}"'))
    results = []
    for finding, fingerprint in zip(findings, fingerprints(findings), strict=True):
        artifact = artifacts[finding.path]
        region = (f'{{"startLine":{finding.line},"startColumn":{finding.column},'
                  f'"endLine":{finding.end_line or finding.line},'
                  f'"endColumn":{finding.end_column or finding.column + 1}}}')
        extra = ""
        if finding.audience:
            extra += f',"properties":{{"audience":{string(finding.audience)}}}'
        if finding.fix is not None and finding.replacement is not None:
            description = string("Write '" + finding.replacement + "'.")
            extra += (f',"fixes":[{{"description":{{"text":{description}}},'
                      f'"artifactChanges":[{{"artifactLocation":{artifact},"replacements":[{{'
                      f'"deletedRegion":{region},'
                      f'"insertedContent":{{"text":{string(finding.fix.text)}}}}}]}}]}}]')
        results.append(
            f'{{{rules[finding.code]},"message":{{"text":{string(one_line(finding.message))}}},'
            f'"locations":[{{"physicalLocation":{{"artifactLocation":{artifact},'
            f'"region":{region}}}}}],'
            f'"partialFingerprints":{{"guidanceLint/v1":"{fingerprint}"}}{extra}}}')
    return "[" + ",\n".join(results) + "]"


def artifact_location(path: str) -> dict[str, str]:
    """A URI reference for the file: relative to the project folder, percent-encoded, so a
    space, `#` or `%` in a file name is not read as part of the URI's syntax."""
    from urllib.parse import quote

    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


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
