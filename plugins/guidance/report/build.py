"""`guidance report`: a static HTML review of what each audience reads, for sign-off.

Policy officers sign off every audience's wording without reading Python or Markdown diffs. The
report is built from the engine's own record of each rewrite (its substitutions and dropped
regions), so what they approve is what the engine did, not a second guess at it. It is written
to its own folder, never into the published site.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TextIO

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from guidance.engine import (
    Audience,
    Engine,
    Glossary,
    GuidanceError,
    GuidanceErrors,
    PreparedPage,
    Rewrite,
    load_glossary,
    read_text,
)
from guidance.lint.audience_text import audience_text
from guidance.lint.readability import Syllables, default_cache, prose_pieces, reading_age
from guidance.report.menu import in_menu_order, menu_order
from guidance.report.since import (
    RECORD,
    PageSince,
    SinceError,
    as_read,
    compare,
    earlier_version,
    read_record,
    record,
)

DEFAULT_PATHS = ("docs",)
DEFAULT_OUT = "report"
MARKDOWN_SUFFIXES = (".md", ".markdown")
CSV_COLUMNS = ("page", "audience", "kind", "line", "column", "end_line", "original",
               "replacement", "term", "region")
FRONT_MATTER_TITLE = re.compile(r"\A---\r?\n(?:.*\r?\n)*?title:\s*(.+?)\s*\r?\n", re.MULTILINE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class ReportUsageError(Exception):
    """The report could not be written at all (exit status 2): a missing folder, say."""


# --- what the report shows ---------------------------------------------------------------------

@dataclass(frozen=True)
class Fragment:
    """Part of one source line: unchanged text, a change, a region marker or dropped text."""

    kind: str  # "text", "change", "marker" or "dropped"
    source: str
    output: str  # what the audience reads in its place


@dataclass(frozen=True)
class Row:
    """One source line beside what an audience reads for it."""

    line: int
    fragments: tuple[Fragment, ...]
    note: str = ""  # what a left-out block or a marker line is, in words
    span: int = 1  # lines the audience's cell covers; 0 where the block above covers it

    @property
    def kinds(self) -> set[str]:
        return {fragment.kind for fragment in self.fragments if fragment.source}

    @property
    def status(self) -> str:
        """"dropped", "marker", "changed" or "same": how the line fares for this audience."""
        output = "".join(fragment.output for fragment in self.fragments)
        if "dropped" in self.kinds and not output.strip():
            return "dropped"
        if self.kinds == {"marker"}:
            return "marker"
        if self.kinds & {"change", "dropped"}:
            return "changed"
        return "same"


@dataclass
class AudienceView:
    audience: Audience
    rewrite: Rewrite
    rows: list[Row] | None  # None when the record could not be laid out line by line
    reading_age: int | None = None  # Flesch-Kincaid grade + 5, of this version's prose


@dataclass
class PageReport:
    path: str  # as an editor would type it, e.g. docs/index.md
    href: str  # the report's page for it, relative to the report folder
    title: str
    text: str = ""
    views: list[AudienceView] = field(default_factory=list)
    errors: list[GuidanceError] = field(default_factory=list)
    occurrences: Counter[str] = field(default_factory=Counter)  # term -> matches in the source


@dataclass
class Report:
    glossary: Glossary | None
    pages: list[PageReport]
    errors: list[GuidanceError]  # glossary errors; page errors are also on their page
    # What `guidance lint` finds besides these (jargon, leaks, lost core messages), so the
    # report's count of problems is the linter's
    checks: list[GuidanceError] = field(default_factory=list)
    # review/editorial.yml: each page's editorial reading, per audience (page -> audience -> entry)
    editorial: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    since: str = ""  # the version or earlier report `--since` compared with
    roots: list[str] = field(default_factory=list)  # the folders or files the pages came from
    changed: list[PageSince] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(len(view.rewrite.substitutions) for page in self.pages for view in page.views)

    @property
    def problems(self) -> list[GuidanceError]:
        return [*self.errors, *(error for page in self.pages for error in page.errors),
                *self.checks]


# --- building it from the engine's record ------------------------------------------------------

def build_report(glossary_dir: str | Path, paths: Sequence[str | Path],
                 progress: Progress | None = None) -> Report:
    """Rewrites every page for every audience and keeps the engine's record of each.

    Glossary and page mistakes are collected, not raised: the report still shows what it can."""
    glossary_dir = Path(glossary_dir)
    if not (glossary_dir / "audiences.yml").is_file():
        raise ReportUsageError(f"{glossary_dir.as_posix()}: no glossary here (audiences.yml not "
                               "found). Fix: run from the project folder or pass --glossary DIR.")
    for path in map(Path, paths):
        if not path.exists():
            raise ReportUsageError(f"{path.as_posix()}: no such file or folder. Fix: check the "
                                   "path, or run from the project folder.")
    sources = [_source_page(file, href) for file, href in _page_files(paths)]
    try:
        glossary = load_glossary(glossary_dir)
    except GuidanceErrors as errors:
        return Report(None, sources, errors.errors)
    engine = Engine(glossary)
    syllables = Syllables(default_cache())
    for index, page in enumerate(sources, start=1):
        if progress:
            progress.page(index, len(sources), page.path)
        if not page.errors:
            rewrite_page(engine, page, syllables)
    syllables.save()
    return Report(glossary, sources, [], roots=[str(path) for path in paths],
                  editorial=editorial_record(glossary_dir.parent / EDITORIAL_RECORD))


EDITORIAL_RECORD = "review/editorial.yml"


def editorial_record(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Who each page was read for and what changed, from the editorial pass's record; an
    absent or unreadable record shows as pages not yet read."""
    try:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    pages = record.get("pages") if isinstance(record, dict) else None
    if not isinstance(pages, dict):
        return {}
    return {str(page): {str(audience): entry for audience, entry in audiences.items()
                        if isinstance(entry, dict)}
            for page, audiences in pages.items() if isinstance(audiences, dict)}


def _source_page(file: Path, href: str) -> PageReport:
    path = file.as_posix()
    try:
        text = read_text(file, file.as_posix())
    except GuidanceError as error:
        return PageReport(path, href, path, errors=[error])
    return PageReport(path, href, page_title(text, path), text)


def rewrite_page(engine: Engine, page: PageReport, syllables: Syllables | None = None) -> None:
    """Adds each audience's rewrite of the page, as the engine recorded it, or its errors."""
    try:
        prepared = engine.prepare(page.text, page.path)
    except GuidanceErrors as errors:
        page.errors = errors.errors
        return
    page.occurrences = Counter(engine.matcher.terms[occurrence.term].term
                               for occurrence in prepared.occurrences)
    for audience in engine.glossary.audiences:
        rewrite = engine.rewrite(prepared, audience.id)
        rows = side_by_side(prepared, rewrite)
        if rows is not None:
            rows = annotate(rows, prepared, rewrite, engine.glossary)
        age = None if syllables is None else reading_age(
            prose_pieces(audience_text(prepared, rewrite, audience.id)), syllables).age
        page.views.append(AudienceView(audience, rewrite, rows, age))


def side_by_side(page: PreparedPage, rewrite: Rewrite) -> list[Row] | None:
    """Lays the engine's record over the source, line by line.

    Every substitution and dropped region is placed where the engine says it is; the region
    markers the engine removes are taken from the prepared page. The result is checked against
    the engine's own text: if the two ever disagree, None, and the report shows the text as the
    engine wrote it instead of a view that could mislead."""
    text = page.text
    edits: list[tuple[int, int, str, str]] = [
        (change.start, change.end, "change", change.replacement)
        for change in rewrite.substitutions
    ]
    dropped = {(region.line, region.end_line, region.audiences, region.negated)
               for region in rewrite.dropped}
    for region in page.regions:
        key = (region.opening.line, region.closing.line, region.audiences, region.negated)
        if region.kind == "audience" and key in dropped:
            edits.append((region.opening.start, region.closing.end, "dropped", ""))
        else:
            edits += [(marker.start, marker.end, "marker", "")
                      for marker in (region.opening, region.closing)]
    fragments: list[Fragment] = []
    position = 0
    for start, end, kind, output in sorted(edits):
        if start < position:
            return None
        if start > position:
            fragments.append(Fragment("text", text[position:start], text[position:start]))
        fragments.append(Fragment(kind, text[start:end], output))
        position = end
    fragments.append(Fragment("text", text[position:], text[position:]))
    if "".join(fragment.output for fragment in fragments) != rewrite.text:
        return None
    return _lines(fragments)


def _lines(fragments: Iterable[Fragment]) -> list[Row]:
    """Splits fragments at the source's line breaks; a change's words go on its first line."""
    rows: list[Row] = []
    current: list[Fragment] = []
    for fragment in fragments:
        pieces = fragment.source.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                rows.append(Row(len(rows) + 1, tuple(current)))
                current = []
            output = piece if fragment.kind == "text" else (fragment.output if number == 0
                                                             else "")
            if piece or output:
                current.append(Fragment(fragment.kind, piece.rstrip("\r"),
                                        output.rstrip("\r").replace("\n", " ")))
    if current:
        rows.append(Row(len(rows) + 1, tuple(current)))
    return rows


def annotate(rows: list[Row], page: PreparedPage, rewrite: Rewrite,
             glossary: Glossary) -> list[Row]:
    """The rows worth showing: blank lines folded away, each left-out section one block saying
    who sees it, and each marker line saying what it starts or ends."""
    notes: dict[int, str] = {}
    for region in page.regions:
        if region.kind == "verbatim":
            opening, closing = "start of words never reworded.", "end of words never reworded."
        else:
            readers = region_readers(glossary, region.audiences, region.negated)
            opening, closing = f"start of a section. Who sees it: {readers}.", "end of the section."
        notes.setdefault(region.opening.line, "Marker, " + opening)
        notes.setdefault(region.closing.line, "Marker, " + closing)
    left_out = {line: region for region in rewrite.dropped
                for line in range(region.line, region.end_line + 1)}
    result: list[Row] = []
    block: list[int] = []  # indexes in result of the current left-out block

    def close_block() -> None:
        if block:
            result[block[0]] = replace(result[block[0]], span=len(block))
            block.clear()

    for row in rows:
        if not row.fragments:
            continue
        region = left_out.get(row.line) if row.status == "dropped" else None
        if block and region is not None and left_out.get(result[block[0]].line) is region:
            block.append(len(result))
            result.append(replace(row, span=0))
            continue
        close_block()
        if region is not None:
            block.append(len(result))
            readers = region_readers(glossary, region.audiences, region.negated)
            lines = (f"line {region.line}" if region.line == region.end_line
                     else f"lines {region.line} to {region.end_line}")
            result.append(replace(row, note=f"This section ({lines}) is not shown to this "
                                            f"audience. Who sees it: {readers}."))
        else:
            result.append(replace(row, note=notes.get(row.line, "") if row.status == "marker"
                                  else ""))
    close_block()
    return result


def page_title(text: str, fallback: str) -> str:
    """The front matter title or the first level-1 heading, as an editor would name the page."""
    match = FRONT_MATTER_TITLE.match(text) or HEADING.search(text)
    return match.group(1).strip("'\"") if match else fallback


def _page_files(paths: Sequence[str | Path]) -> Iterable[tuple[Path, str]]:
    """Each Markdown page with the name of its report page, mirroring the folder's layout."""
    taken: set[str] = set()
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(file for file in path.rglob("*") if file.suffix in MARKDOWN_SUFFIXES
                           and file.is_file() and not any(part.startswith(".") for part in
                                                          file.relative_to(path).parts))
            named = [(file, file.relative_to(path).with_suffix(".html").as_posix())
                     for file in files]
        else:
            named = [(path, path.with_suffix(".html").name)]
        for file, name in named:
            href, number = f"pages/{name}", 1
            while href in taken:
                number += 1
                href = f"pages/{name.removesuffix('.html')}-{number}.html"
            taken.add(href)
            yield file, href


# --- writing it --------------------------------------------------------------------------------

def write_report(report: Report, out: str | Path, *, docs: str = "",
                 glossary_dir: str = "") -> Path:
    """Writes index.html, one page per source page, report.css and changes.csv; returns index."""
    out = Path(out)
    check_out(out, ())
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportUsageError(f"{out.as_posix()}: cannot create the folder ({exc.strerror}). "
                               "Fix: pass another folder with --out.") from None
    environment = Environment(loader=PackageLoader("guidance.report", "templates"),
                              autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)
    environment.filters["count"] = count
    environment.filters["as_read"] = partial(as_read, top=4)  # under the page's h3
    environment.globals["region_opening"] = region_opening
    written = datetime.now(UTC)
    context = {"report": report, "glossary": report.glossary, "docs": docs,
               "glossary_dir": glossary_dir,
               "written": f"{written:%-d %B %Y at %H:%M} UTC"}
    if report.glossary is not None:
        environment.globals["region_readers"] = partial(region_readers, report.glossary)
        context |= {"matrix": term_matrix(report), "totals": audience_totals(report),
                    "source": report.glossary.audience(report.glossary.source)}
    (out / "index.html").write_text(
        environment.get_template("index.html").render(context, root=""), encoding="utf-8")
    keep = {out / "index.html"}
    if report.since:
        (out / "since.html").write_text(
            environment.get_template("since.html").render(context, root=""), encoding="utf-8")
    elif (out / "since.html").is_file():
        (out / "since.html").unlink()  # an old comparison must not pass for this one
    template = environment.get_template("page.html")
    for index, page in enumerate(report.pages):
        target = out / page.href
        target.parent.mkdir(parents=True, exist_ok=True)
        root = "../" * page.href.count("/")
        neighbours = {"previous": report.pages[index - 1] if index else None,
                      "next": report.pages[index + 1] if index + 1 < len(report.pages) else None}
        target.write_text(template.render(context, page=page, root=root, **neighbours),
                          encoding="utf-8")
        keep.add(target)
    for stale in (out / "pages").rglob("*.html") if (out / "pages").is_dir() else ():
        if stale not in keep:  # a page since deleted from docs/ must not linger in the report
            stale.unlink()
    (out / RECORD).write_text(json.dumps(record(report.pages, [Path(p) for p in report.roots])),
                              encoding="utf-8")
    stylesheet, _, _ = environment.loader.get_source(environment, "report.css")
    (out / "report.css").write_text(stylesheet, encoding="utf-8")
    write_csv(report, out / "changes.csv")
    return out / "index.html"


def check_out(out: Path, sources: Sequence[str | Path]) -> None:
    """The report is for reviewers, never for the public: it must not land where MkDocs would
    publish it (the pages' folders, whose every file is copied into the site, or site/)."""
    if out.exists() and not out.is_dir():
        raise ReportUsageError(f"{out.as_posix()}: is a file, not a folder. Fix: pass another "
                               "folder with --out.")
    target = out.resolve()
    for folder in [*(Path(source) for source in sources if Path(source).is_dir()), Path("site")]:
        if target.is_relative_to(folder.resolve()):
            raise ReportUsageError(
                f"{out.as_posix()}: is inside {folder.as_posix()}/, so the report would be "
                "published with the guidance. Fix: write it outside, e.g. --out report.")


def write_csv(report: Report, target: Path) -> None:
    """One row per change and per dropped region, for a spreadsheet (UTF-8 with a BOM so that
    Excel reads the accents and typographic apostrophes correctly)."""
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for page in report.pages:
            lines = [line.rstrip("\r") for line in page.text.split("\n")]
            for view in page.views:
                for change in view.rewrite.substitutions:
                    end_line = change.line + change.original.count("\n")
                    writer.writerow((page.path, view.audience.id, "change", change.line,
                                     change.column, end_line, change.original,
                                     change.replacement, change.term, ""))
                for region in view.rewrite.dropped:
                    text = "\n".join(lines[region.line - 1:region.end_line])
                    writer.writerow((page.path, view.audience.id, "dropped region",
                                     region.line, 1, region.end_line, text, "", "",
                                     region_label(region.audiences, region.negated)))


@dataclass(frozen=True)
class MatrixCell:
    audience: Audience
    singular: str
    plural: str
    changes: int
    same_as_source: bool
    # The audience's own definition (None: `false`, left out of its glossary page and
    # tooltips); own_definition is False when it reads the default in its words.
    definition: str | None = None
    own_definition: bool = False


@dataclass(frozen=True)
class MatrixRow:
    term: str
    found: int  # matches in the source pages
    cells: tuple[MatrixCell, ...]  # one per audience other than the source, in the file's order

    @property
    def kept_by_all(self) -> bool:
        return all(cell.same_as_source and not cell.own_definition for cell in self.cells)


def term_matrix(report: Report) -> list[MatrixRow]:
    """Each term's wording for each audience and how many changes it made across the pages."""
    assert report.glossary is not None
    glossary = report.glossary
    changes = Counter((view.audience.id, change.term) for page in report.pages
                      for view in page.views for change in view.rewrite.substitutions)
    found = sum((page.occurrences for page in report.pages), Counter())
    rows = []
    for term in glossary.terms:
        source = term.wording(glossary.source)
        cells = tuple(
            MatrixCell(audience, wording.singular, wording.plural,
                       changes[audience.id, term.term], wording == source,
                       term.definition_for(audience.id), term.defines_own(audience.id))
            for audience in glossary.audiences if audience.id != glossary.source
            for wording in (term.wording(audience.id),))
        rows.append(MatrixRow(term.term, found[term.term], cells))
    return rows


def audience_totals(report: Report) -> dict[str, dict[str, int]]:
    """Word changes and sections left out per audience, across every page."""
    assert report.glossary is not None
    totals = {audience.id: {"changes": 0, "dropped": 0} for audience in report.glossary.audiences}
    for page in report.pages:
        for view in page.views:
            totals[view.audience.id]["changes"] += len(view.rewrite.substitutions)
            totals[view.audience.id]["dropped"] += len(view.rewrite.dropped)
    return totals


def region_label(audiences: Sequence[str], negated: bool) -> str:
    """How the CSV names a region's readers: `only police`, `everyone except police`."""
    return ("everyone except " if negated else "only ") + ", ".join(audiences)


def region_readers(glossary: Glossary, audiences: Sequence[str], negated: bool) -> str:
    """How the HTML names them, with the audiences' own names."""
    names = ", ".join(glossary.audience(audience_id).name for audience_id in audiences)
    return f"Everyone except {names}" if negated else f"Only {names}"


def region_opening(page: PageReport, line: int, end_line: int) -> str:
    """The first words a left-out section says, so a reader knows which one it is."""
    lines = page.text.split("\n")[line - 1:end_line]
    for text in (COMMENT.sub("", line).strip() for line in lines):
        if text:
            return text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + " …"
    return ""


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`1 change`, `1,234 changes`."""
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {word}"


# --- progress and the command line -------------------------------------------------------------

class Progress:
    """One line per page, rewritten in place, only on a terminal; a log file stays clean."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()

    def page(self, index: int, total: int, path: str) -> None:
        if self.live:
            self.stream.write(f"\r\033[KReading page {index} of {total}: {path}")
            self.stream.flush()

    def clear(self) -> None:
        if self.live:
            self.stream.write("\r\033[K")
            self.stream.flush()


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "report", help="write an HTML report of every change for each audience, for sign-off",
        description="Write a small website (and a spreadsheet, changes.csv) showing, for every "
                    "page and audience, each word the glossary changed and each audience-only "
                    "region left out, with the source and the audience's text side by side. "
                    "Open index.html in a browser. The report is not part of the public site.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="Markdown files or folders (default: docs/)")
    parser.add_argument("--glossary", default="glossary", metavar="DIR",
                        help="the glossary folder (default: glossary/)")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help="the folder to write the report to (default: %(default)s/)")
    parser.add_argument("--since", metavar="VERSION",
                        help="also write since.html: only the sentences each audience reads "
                             "differently since this version: a git branch, tag or commit, or "
                             "the folder of an earlier report (the one last signed off)")
    parser.set_defaults(run=run, checks=None)
    return parser


def compare_with(report: Report, since: str, glossary_dir: str | Path,
                 paths: Sequence[str | Path]) -> None:
    """Adds the since view: against an earlier report's record (a folder or record.json), or
    the same pages and glossary at a git version, rewritten now."""
    roots = [Path(path) for path in paths]
    try:
        if Path(since).is_dir() or since.endswith(".json"):
            before = read_record(Path(since))
        else:
            before = _record_at(since, glossary_dir, paths)
    except SinceError as error:
        raise ReportUsageError(str(error)) from None
    report.since = since
    report.changed = compare(before, report.pages, roots)


def _record_at(ref: str, glossary_dir: str | Path, paths: Sequence[str | Path]) -> dict:
    with tempfile.TemporaryDirectory(prefix="guidance-since-") as folder:
        earlier = earlier_version(ref, [*paths, glossary_dir], Path(folder))
        try:
            old = build_report(earlier[-1], [path for path in earlier[:-1] if path.exists()])
        except ReportUsageError:  # no glossary or pages then: everything is new
            return {}
        return record(old.pages, earlier[:-1])["pages"]


def run(args: argparse.Namespace) -> int:
    paths = args.paths or list(DEFAULT_PATHS)
    progress = Progress(sys.stderr)
    try:
        check_out(Path(args.out), paths)
        report = build_report(args.glossary, paths, progress)
        progress.clear()
        if not report.pages:
            raise ReportUsageError(f"{', '.join(map(str, paths))}: no Markdown file to report "
                                   "on (.md or .markdown). Fix: name a folder or file of "
                                   "pages, or run from the project folder.")
        order = in_menu_order([page.path for page in report.pages], menu_order())
        report.pages = [report.pages[index] for index in order]
        if args.checks is not None and report.glossary is not None:
            report.checks = args.checks(args.glossary, paths)
        if args.since:
            compare_with(report, args.since, args.glossary, paths)
        index = write_report(report, args.out, docs=", ".join(map(str, paths)),
                             glossary_dir=str(args.glossary))
    except ReportUsageError as error:
        progress.clear()
        print(f"guidance report: {error}", file=sys.stderr)
        return EXIT_USAGE
    for problem in report.problems:
        print(f"guidance report: {problem}", file=sys.stderr)
    audiences = len(report.glossary.audiences) if report.glossary else 0
    summary = (f"Report written to {index.as_posix()}: {count(len(report.pages), 'page')}, "
               f"{count(audiences, 'audience')}, {count(report.changes, 'change')}")
    if report.problems:
        summary += f"; {count(len(report.problems), 'problem')} to fix, listed in the report"
    print(summary + ".")
    if report.since:
        print(f"Changes since {report.since}: {count(len(report.changed), 'page')} in "
              f"{(Path(args.out) / 'since.html').as_posix()}.")
    if report.glossary is None:  # nothing was rewritten: a report to sign off is not there
        print("guidance report: the glossary could not be loaded, so no page was rewritten. "
              "Fix: correct the glossary mistakes above and run the report again.",
              file=sys.stderr)
        return EXIT_USAGE
    return EXIT_PROBLEMS if report.problems else EXIT_OK
