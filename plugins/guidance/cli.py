"""The `guidance` command: rewrite a page for an audience, list audiences, lint.

Every mistake a person can make ends here as one clear line and exit status 2; a traceback
would mean a bug in the product, not in the user's files.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from guidance.engine import GuidanceError, GuidanceErrors, load_glossary, read_text

EXIT_USAGE = 2
COMMANDS = (  # name, module with add_parser(subparsers), help for `guidance --help`
    ("lint", "guidance.lint.runner",
     "check the glossary and the pages (terminology, regions, plain English)"),
    ("report", "guidance.report.build",
     "write an HTML report of every change for each audience, for sign-off"),
    ("combine", "guidance.site.combine",
     "put shards built by separate `mkdocs build` runs together into one site"),
    ("export", "guidance.export",
     "write the docs and mkdocs.yml rewritten for one audience"),
    ("build", "guidance.zensical.command",
     "build every audience's site with another generator (Zensical)"),
)

DESCRIPTION = """\
Write safeguarding guidance once, in the source wording, and read it in each audience's words.

The glossary folder holds audiences.yml (who reads the guidance) and terms/*.yml (the words
each audience uses). Every command reads it from ./glossary unless you pass --glossary.
"""

EXAMPLES = """\
examples:
  guidance audiences                          list the audiences and their names
  guidance audiences add foster-carers --like childminders
                                              start an audience from another's wording
  guidance swap --audience police docs/index.md
                                              print a page as police officers read it
  guidance lint                               check the glossary and docs/ (see LINTING.md)
  guidance report                             write report/index.html: every change, for sign-off
  guidance combine shards/* --out site        one site from shards built by separate jobs
  guidance export --audience police --out export/police
                                              the docs and mkdocs.yml as police officers read them
  guidance build --generator zensical         every audience's site built with Zensical
"""


def _glossary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        metavar="DIR",
        default="glossary",
        help="the folder with audiences.yml and terms/ (default: %(default)s)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guidance",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    swap = commands.add_parser(
        "swap",
        help="print a Markdown page rewritten for one audience",
        description="Print FILE rewritten in the words of one audience: glossary terms swapped, "
        "audience-only regions kept or dropped, region markers removed.",
    )
    swap.add_argument("--audience", required=True, metavar="ID", help="an audience id")
    _glossary_option(swap)
    swap.add_argument("file", metavar="FILE", help="the Markdown page to rewrite")
    swap.set_defaults(run=_swap)

    audiences = commands.add_parser(
        "audiences",
        help="list the audience ids and names",
        description="List every audience in the glossary, in the order readers see them.",
    )
    _glossary_option(audiences)
    audiences.set_defaults(run=_audiences)
    actions = audiences.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser(
        "add",
        help="start a new audience from an existing one",
        description="Add an audience to audiences.yml and a swap for it under every term, "
        "copied from the audience given by --like and marked '# unreviewed'. `guidance lint` "
        "lists every wording still marked (GL003) until you have checked it.",
    )
    add.add_argument("id", metavar="ID", help="the new audience id, e.g. foster-carers")
    add.add_argument("--like", required=True, metavar="ID",
                     help="the existing audience whose wording is copied")
    add.add_argument("--name", help="the name readers see (default: made from the id)")
    add.add_argument("--reader", metavar="TEXT",
                     help="one line saying who the readers are (default: copied, unreviewed)")
    _glossary_option(add)
    add.set_defaults(run=_add_audience)

    # Each command's module is imported only when that command runs: `guidance lint` in CI
    # should not pay for the report's templates or the site's MkDocs.
    for name, module, help_text in COMMANDS:
        command = commands.add_parser(name, help=help_text, add_help=False)
        command.set_defaults(module=module)
    return parser


def _swap(arguments: argparse.Namespace) -> int:
    from guidance.engine import Engine

    glossary = load_glossary(arguments.glossary, allow_missing=True)
    report([warning for warning in glossary.warnings if warning.code == "MISSING_AUDIENCE"])
    engine = Engine(glossary)
    glossary.audience(arguments.audience)
    path = Path(arguments.file)
    text = read_text(path, path.as_posix())
    sys.stdout.write(engine.rewrite_text(text, arguments.audience, path.as_posix()).text)
    return 0


def _audiences(arguments: argparse.Namespace) -> int:
    glossary = load_glossary(arguments.glossary, allow_missing=True)
    width = max(len(audience.id) for audience in glossary.audiences)
    for audience in glossary.audiences:
        marker = "  (source)" if audience.id == glossary.source else ""
        print(f"{audience.id:<{width}}  {audience.name}{marker}")
    return 0


def _add_audience(arguments: argparse.Namespace) -> int:
    from guidance.engine.new_audience import add_audience

    glossary = load_glossary(arguments.glossary)
    added = add_audience(glossary, arguments.id, arguments.like, arguments.name,
                         arguments.reader)
    files = len(added.files)
    print(f"Added {arguments.id} to {added.audiences_file}, and {added.swaps} swaps to {files} "
          f"{'file' if files == 1 else 'files'} in {glossary.directory.name}/terms/, copied "
          f"from {arguments.like} and marked '# unreviewed'.")
    print("Check each one, then delete its '# unreviewed' note; `guidance lint` lists the "
          "ones left (GL003).")
    return 0


def _lint_errors(glossary_dir: str, paths: Sequence[str]) -> list[GuidanceError]:
    """The linter's errors that the review report does not find itself (jargon, leaks, lost
    core messages), so that the report's "problems to fix" are the ones lint fails on."""
    from guidance.lint.rules import Severity
    from guidance.lint.runner import LintUsageError, lint_paths

    try:
        findings = lint_paths(glossary_dir, paths).findings
    except LintUsageError:
        return []
    return [GuidanceError(f"{finding.code} {finding.message}", path=finding.path,
                          line=finding.line, column=finding.column, code=finding.code)
            for finding in findings
            if finding.severity is Severity.ERROR and finding.code not in ("GL001", "RG001")]


def report(errors: Sequence[GuidanceError]) -> None:
    for error in errors:
        print(f"guidance: {error}", file=sys.stderr)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parses the command line; a command kept in its own module is parsed by that module's
    own parser, imported now."""
    argv = list(sys.argv[1:] if argv is None else argv)
    arguments, _ = build_parser().parse_known_args(argv)
    module = getattr(arguments, "module", None)
    if module is None:
        return build_parser().parse_args(argv)
    parser = argparse.ArgumentParser(prog="guidance")
    subparsers = parser.add_subparsers(dest="command", required=True)
    command = importlib.import_module(module).add_parser(subparsers)
    if module == "guidance.report.build":  # the report counts the problems lint counts
        command.set_defaults(checks=_lint_errors)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse(argv)
    try:
        return arguments.run(arguments)
    except GuidanceErrors as exc:
        report(exc.errors)
    except GuidanceError as exc:
        report([exc])
    except KeyboardInterrupt:
        print("guidance: interrupted.", file=sys.stderr)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error of ours
        return 0
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
