"""`guidance lint`: checks the glossary and the pages, for editors, CI and `mkdocs build`.

The rules are in rules.py (catalogue) and checks.py (what runs); this module runs
them over a project, applies `lint: ignore` comments and `--fix`, and is the command line.
"""

from __future__ import annotations

import argparse
import bisect
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from guidance.engine import (
    Glossary,
    GuidanceError,
    GuidanceErrors,
    PreparedPage,
    line_starts,
    load_glossary,
    read_text,
    scan,
)
from guidance.lint import output as lint_output
from guidance.lint.cache import CheckerCache
from guidance.lint.cache import enabled as cache_enabled
from guidance.lint.checks import Checker
from guidance.lint.context import PageFacts
from guidance.lint.core_messages import CorePage, core_message_findings
from guidance.lint.rules import RULES, Finding, Severity
from guidance.lint.wordlists import load_wordlists

DEFAULT_PATHS = ("docs",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
SUPPRESSION = re.compile(r"lint\s*:\s*(ignore-start|ignore-end|ignore)\b(.*)", re.DOTALL)
CODE = re.compile(r"[A-Za-z]{2}\d{3}")
YAML_SUPPRESSION = re.compile(r"#\s*lint\s*:\s*ignore\b(.*)$")
_ERROR_CODES = {"REGION": "RG001", "COMMENT_CUT": "GL002", "UNREVIEWED": "GL003"}
EXIT_USAGE = 2  # the lint could not run, or checked nothing


class LintUsageError(Exception):
    """The lint could not run at all (exit status 2): a missing folder, an unknown audience."""


@dataclass(frozen=True)
class LintResult:
    findings: list[Finding]
    files: int
    checked: bool = True  # False when the glossary could not be loaded: no page was checked


class _Unusable(Exception):
    """The glossary or its word lists could not be loaded: no page can be checked."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings


def lint_project(
    glossary: Glossary,
    paths: Sequence[str | Path],
    *,
    root: str | Path | None = None,
    audiences: Sequence[str] | None = None,
    project_wide: bool = True,
    workers: int = 1,
    builtin_jargon: bool = True,
    prepared: Mapping[str, PreparedPage] | None = None,
) -> list[Finding]:
    """Every finding for these Markdown files (or folders of them), suppressions applied.

    The MkDocs plugin calls this with the glossary it has loaded and the docs folder; the
    command line calls it through `lint_paths`. `project_wide` adds the rules that need every
    page (unused terms, unused audiences, core messages on no page); `workers` above 1 checks
    pages in that many processes; `builtin_jargon` adds the package's local-authority
    jargon list to the project's own; `prepared`, pages the caller has already prepared (by
    path relative to root), saves preparing them again. Word lists that cannot be loaded are
    GL001 findings."""
    try:
        checker = _compile(glossary, audiences, builtin_jargon)
    except _Unusable as unusable:
        return unusable.findings
    return _lint(checker, paths, root=root, project_wide=project_wide, workers=workers,
                 prepared=prepared)


def _compile(glossary: Glossary, audiences: Sequence[str] | None,
             builtin_jargon: bool) -> Checker:
    """The checks, made from the glossary and the word lists (raises _Unusable, or
    GuidanceError for an unknown audience)."""
    for audience in audiences or ():
        glossary.audience(audience)
    try:
        wordlists = load_wordlists(glossary.directory, glossary.ids,
                                   builtin_jargon=builtin_jargon)
    except GuidanceErrors as errors:
        raise _Unusable(_error_findings(errors.errors, "GL001")) from None
    return Checker(glossary, wordlists, audiences)


def _lint(checker: Checker, paths: Sequence[str | Path], *, root: str | Path | None,
          project_wide: bool, workers: int,
          prepared: Mapping[str, PreparedPage] | None = None) -> list[Finding]:
    global _CHECKER
    base = Path(root) if root is not None else Path.cwd()
    glossary = checker.context.glossary
    wordlists = checker.context.wordlists
    prepared = prepared or {}
    jobs = [(file, rel, prepared.get(rel))
            for file in markdown_files(paths) for rel in [_relative(file, base)]]
    _CHECKER = checker
    try:
        results = _map_pages(jobs, workers)
        checker.finish()
    finally:
        _CHECKER = None
    findings = [*_error_findings(glossary.warnings, "GL002"), *checker.check_glossary()]
    # A page whose regions could not be read says nothing about the terms, audiences and
    # messages it uses: the project-wide rules would blame the glossary for its error.
    project_wide = project_wide and all(result.prepared for result in results)
    facts = PageFacts()
    for result in results:
        findings += result.findings
        facts.merge(result.facts)
    findings += core_message_findings(wordlists.core_messages, checker.context.audiences,
                                      (result.core for result in results), project_wide)
    if project_wide:
        findings += checker.check_project(facts)
    return _suppressed(findings, {rel: result.suppressions
                                  for (_, rel, _), result in zip(jobs, results, strict=True)},
                       base)


@dataclass(frozen=True)
class _PageResult:
    findings: list[Finding]
    facts: PageFacts
    core: CorePage
    suppressions: Suppressions
    prepared: bool = True  # False when the engine could not read the page (RG001)


_CHECKER: Checker | None = None  # the run's checker, shared with worker processes by fork
PARALLEL_FROM = 40  # pages; below this, starting processes costs more than it saves


def _map_pages(
    jobs: list[tuple[Path, str, PreparedPage | None]], workers: int
) -> list[_PageResult]:
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        import multiprocessing  # only here: importing it costs as much as a small project's lint

        if "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                return pool.map(_lint_page, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
    return [_lint_page(job) for job in jobs]


def _lint_page(job: tuple[Path, str, PreparedPage | None]) -> _PageResult:
    file, rel, page = job
    checker = _CHECKER
    assert checker is not None
    text = _read_page(file, rel)
    suppressions = markdown_suppressions(text, rel)
    facts = PageFacts()
    try:
        if page is None or page.text != text:
            page = checker.engine.prepare(text, rel)
    except GuidanceErrors as errors:
        return _PageResult(_error_findings(errors.errors, "RG001"), facts, CorePage(),
                           suppressions, prepared=False)
    findings, core = checker.check_page(page, facts)
    return _PageResult(findings, facts, core, suppressions)


def lint_paths(
    glossary_dir: str | Path,
    paths: Sequence[str | Path],
    *,
    audiences: Sequence[str] | None = None,
    root: str | Path | None = None,
    workers: int = 1,
    use_cache: bool = False,
) -> LintResult:
    """Loads the glossary and lints the paths. A glossary that cannot be loaded gives its
    mistakes as GL001 findings and `checked=False`. `use_cache`: take the checks compiled by
    an earlier run from the user's cache folder, and keep them there (see `cache`)."""
    base = Path(root) if root is not None else Path.cwd()
    glossary_dir = Path(glossary_dir)
    if not (glossary_dir / "audiences.yml").is_file():
        raise LintUsageError(f"{glossary_dir.as_posix()}: no glossary here (audiences.yml not "
                             "found). Fix: run from the project folder or pass --glossary DIR.")
    for path in paths:
        if not Path(path).exists():
            raise LintUsageError(f"{Path(path).as_posix()}: no such file or folder. Fix: check "
                                 "the path, or run from the project folder.")
    files = list(markdown_files(paths))
    if not files:
        named = ", ".join(Path(path).as_posix() for path in paths)
        raise LintUsageError(f"{named}: no Markdown file to check (.md or .markdown). Fix: "
                             "name a folder or file of pages, or run from the project folder.")
    try:
        cache = CheckerCache(glossary_dir, audiences, builtin_jargon=True) \
            if use_cache and cache_enabled() else None
        checker = cache.load() if cache else None
        if checker is None:
            checker = _compile(load_glossary(glossary_dir), audiences, builtin_jargon=True)
            if cache:
                checker.check_glossary()  # kept with it
                cache.save(checker)
        findings = _lint(checker, paths, root=base,
                         project_wide=all(Path(path).is_dir() for path in paths),
                         workers=workers)
    except GuidanceErrors as errors:
        return LintResult(_error_findings(errors.errors, "GL001"), len(files), checked=False)
    except _Unusable as unusable:
        return LintResult(unusable.findings, len(files), checked=False)
    except GuidanceError as error:  # an unknown --audience
        raise LintUsageError(f"--audience: {error.message} Fix: {error.fix}") from None
    return LintResult(sorted(findings, key=lambda f: f.sort_key), len(files))


def markdown_files(paths: Iterable[str | Path]) -> Iterable[Path]:
    """The pages among the paths: folders are searched (hidden ones skipped), and files that
    are not Markdown, such as glossary files a pre-commit hook passes, are left out."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in MARKDOWN_SUFFIXES
                              and p.is_file() and not any(part.startswith(".") for part in
                                                          p.relative_to(path).parts))
        elif path.suffix in MARKDOWN_SUFFIXES:
            yield path


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_page(path: Path, rel: str) -> str:
    try:
        return read_text(path, rel)
    except GuidanceError as error:
        raise LintUsageError(str(error)) from None


def _error_findings(errors: Iterable[GuidanceError], code: str) -> list[Finding]:
    findings = []
    for error in errors:
        message = error.message + (f" Fix: {error.fix}" if error.fix else "")
        findings.append(Finding(error.path or "<glossary>", error.line or 1, error.column or 1,
                                _ERROR_CODES.get(error.code, code), message))
    return findings


# --- suppression ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Suppressions:
    """Lines (1-based) where codes are ignored; an empty code set means every code."""

    lines: dict[int, frozenset[str]]
    problems: list[Finding]

    def hides(self, finding: Finding) -> bool:
        codes = self.lines.get(finding.line)
        return codes is not None and (not codes or finding.code in codes)


def _codes(rest: str, path: str, line: int, column: int,
           problems: list[Finding]) -> frozenset[str]:
    codes = frozenset(code.upper() for code in CODE.findall(rest))
    for code in sorted(codes - RULES.keys()):
        problems.append(Finding(path, line, column, "LN001",
                                f"'{code}' is not a lint rule; use a code listed in LINTING.md."))
    return codes


def markdown_suppressions(text: str, path: str) -> Suppressions:
    """`<!-- lint: ignore CODE -->` ignores CODE on its own line, or on the next line when the
    comment stands alone; `ignore-start CODE` ... `ignore-end` ignores it on every line between.
    Only real comments count, not examples of them in code."""
    lines: dict[int, frozenset[str]] = {}
    problems: list[Finding] = []
    if "lint" not in text:
        return Suppressions(lines, problems)
    starts = line_starts(text)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    open_region: tuple[int, frozenset[str]] | None = None
    for comment in scan(text).comments:
        raw = text[comment.start:comment.end]
        body = raw[4:-3] if raw.endswith("-->") else raw[4:]
        match = SUPPRESSION.match(body.strip())
        if match is None:
            continue
        line = line_of(comment.start)
        column = comment.start - starts[line - 1] + 1
        kind = match.group(1)
        codes = _codes(match.group(2), path, line, column, problems)
        if kind == "ignore":
            target = line
            if comment.own_line:
                target = line_of(comment.end) + 1
                while target <= len(starts) and not text[starts[target - 1]:].split("\n", 1)[0] \
                        .strip():
                    target += 1
            lines[target] = _merge(lines.get(target), codes)
        elif kind == "ignore-start":
            open_region = (line, codes)
        elif open_region is not None:
            for covered in range(open_region[0], line + 1):
                lines[covered] = _merge(lines.get(covered), open_region[1])
            open_region = None
    if open_region is not None:
        problems.append(Finding(path, open_region[0], 1, "LN001",
                                "this 'lint: ignore-start' is never closed; add "
                                "<!-- lint: ignore-end --> where the ignored lines end."))
    return Suppressions(lines, problems)


def yaml_suppressions(text: str, path: str) -> Suppressions:
    """`# lint: ignore CODE` at the end of a line, or alone on the line above it."""
    lines: dict[int, frozenset[str]] = {}
    problems: list[Finding] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = YAML_SUPPRESSION.search(line)
        if match is None:
            continue
        codes = _codes(match.group(1), path, number, match.start() + 1, problems)
        target = number + 1 if line.lstrip().startswith("#") else number
        lines[target] = _merge(lines.get(target), codes)
    return Suppressions(lines, problems)


def _merge(old: frozenset[str] | None, new: frozenset[str]) -> frozenset[str]:
    if old is None:
        return new
    return frozenset() if not old or not new else old | new


def _suppressed(findings: list[Finding], pages: dict[str, Suppressions],
                base: Path) -> list[Finding]:
    """The findings no `lint: ignore` comment hides, plus the problems with those comments."""
    by_path = dict(pages)
    result = [problem for suppressions in pages.values() for problem in suppressions.problems]
    for finding in findings:
        suppressions = by_path.get(finding.path)
        if suppressions is None:
            suppressions = by_path[finding.path] = _glossary_suppressions(finding.path, base)
            result += suppressions.problems
        if not suppressions.hides(finding):
            result.append(finding)
    return result


def _glossary_suppressions(path: str, base: Path) -> Suppressions:
    file = base / path
    if file.suffix in (".yml", ".yaml") and file.is_file():
        return yaml_suppressions(file.read_text("utf-8", errors="replace"), path)
    return Suppressions({}, [])


# --- fixes ------------------------------------------------------------------------------------

def apply_fixes(findings: Iterable[Finding], root: str | Path | None = None) -> int:
    """Writes every fix into its file, last first so earlier offsets stay right; returns how
    many were applied. Overlapping fixes are left for the next run."""
    base = Path(root) if root is not None else Path.cwd()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None:
            by_path.setdefault(finding.path, []).append(finding)
    applied = 0
    for path, fixable in by_path.items():
        file = base / path
        data = file.read_bytes()
        bom = data[:3] if data.startswith(b"\xef\xbb\xbf") else b""
        text = data[len(bom):].decode("utf-8")
        limit = len(text) + 1
        for finding in sorted(fixable, key=lambda f: f.fix.start, reverse=True):  # type: ignore[union-attr]
            fix = finding.fix
            assert fix is not None
            if fix.end > limit:
                continue
            text = text[:fix.start] + fix.text + text[fix.end:]
            limit = fix.start
            applied += 1
        file.write_bytes(bom + text.encode("utf-8"))  # byte for byte, line endings included
    return applied


# --- command line -----------------------------------------------------------------------------

def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def exit_status(findings: Sequence[Finding], fail_on: str) -> int:
    threshold = Severity(fail_on).rank
    return 1 if any(finding.severity.rank >= threshold for finding in findings) else 0


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "lint", help="check the glossary and the pages (terminology, regions, plain English)",
        description="Check the glossary and the Markdown pages. Every rule is listed in "
                    "LINTING.md.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="Markdown files or folders (default: docs/)")
    parser.add_argument("--glossary", default="glossary", metavar="DIR",
                        help="the glossary folder (default: glossary/)")
    parser.add_argument("--format", choices=lint_output.FORMATS, default="text",
                        help="output format (default: text)")
    parser.add_argument("--audience", action="append", metavar="ID",
                        help="check only this audience's version (repeat for more)")
    parser.add_argument("--fail-on", choices=("warning", "error"), default="error",
                        help="the lowest severity that makes the exit status 1 (default: error)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when problems are found (2 still means it could "
                             "not run)")
    parser.add_argument("--fix", action="store_true",
                        help="rewrite spelling variants (TM002) in place, then report the rest")
    parser.add_argument("--no-cache", action="store_true",
                        help="compile the glossary afresh and keep nothing in the cache folder "
                             "(also GUIDANCE_NO_CACHE=1)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    paths = args.paths or list(DEFAULT_PATHS)
    audiences = [a.strip() for value in args.audience or () for a in value.split(",")
                 if a.strip()] or None
    try:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        use_cache = not args.no_cache
        result = lint_paths(args.glossary, paths, audiences=audiences, workers=workers,
                            use_cache=use_cache)
        if args.fix:
            fixed = apply_fixes(result.findings)
            if fixed:
                print(f"Fixed {fixed} spelling {'variant' if fixed == 1 else 'variants'}.",
                      file=sys.stderr)
                result = lint_paths(args.glossary, paths, audiences=audiences,
                                    workers=workers, use_cache=use_cache)
    except LintUsageError as error:
        print(f"guidance lint: {error}", file=sys.stderr)
        return EXIT_USAGE
    lint_output.write(args.format, result.findings, sys.stdout, files=result.files)
    sys.stdout.flush()
    if not result.checked:
        print(f"guidance lint: the glossary could not be loaded, so no page was checked "
              f"({_count(len(result.findings), 'mistake')} listed). Fix: correct "
              f"{'it' if len(result.findings) == 1 else 'them'} and run the lint again.",
              file=sys.stderr)
        return EXIT_USAGE  # whatever --exit-zero says: nothing was checked
    print(lint_output.summary_line(result.findings, result.files), file=sys.stderr)
    if args.exit_zero:
        return 0
    return exit_status(result.findings, args.fail_on)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m guidance.lint.runner`: the same as `guidance lint`."""
    parser = argparse.ArgumentParser(prog="guidance")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["lint", *(argv if argv is not None else sys.argv[1:])])
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
