"""YAML parser errors in an editor's words: what is wrong on which line, and what to type.

PyYAML describes its own state ("expected <block end>, but found '<block mapping start>'");
a policy officer needs to hear "this line is not lined up with the lines above it".
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

TERMS_LAYOUT = ("each term starts with '- term:' at the start of a line, with two spaces before "
                "definition: and swap: and four before each audience")
AUDIENCES_LAYOUT = ("two spaces before each audience id, and four before its name: and reader:")


@dataclass(frozen=True)
class YamlProblem:
    message: str
    fix: str
    line: int | None
    column: int | None


def explain(exc: yaml.MarkedYAMLError, text: str, audiences_file: bool) -> YamlProblem:
    """The plainest true description of a parser error, placed where the editor must look."""
    problem = exc.problem or exc.context or "it cannot be read"
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    lines = text.splitlines()
    here = lines[line - 1] if line and line <= len(lines) else ""
    layout = AUDIENCES_LAYOUT if audiences_file else TERMS_LAYOUT

    def found(message: str, fix: str, at: yaml.Mark | None = mark) -> YamlProblem:
        return YamlProblem(f"is not valid YAML: {message}", fix,
                           at.line + 1 if at else None, at.column + 1 if at else None)

    if "'\\t'" in problem:
        return found("this line has a tab; YAML allows only spaces here.",
                     f"replace the tab with spaces ({layout}).")
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        quote = text[exc.context_mark.index] if exc.context_mark.index < len(text) else '"'
        return found(f"the quote ({quote}) opened here is never closed.",
                     f"add the closing {quote} at the end of the text on this line.",
                     exc.context_mark)
    if problem.startswith("found character") and "cannot start any token" in problem:
        return found("a value cannot start with this character.",
                     "put the whole value in double quotes, for example \"@name\".")
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        return found("this line has no colon after its name.",
                     "write it as 'name: value', for example 'definition: ...'.",
                     exc.context_mark)
    if problem == "mapping values are not allowed here":
        above = _line_above(lines, line)
        if above is not None and _indent(here) > _indent(above) and above.rstrip()[-1:] != ":":
            return found("this line is indented more than the line above it.",
                         f"line it up with the line above ({layout}).")
        return found("this line has a second colon (:) that YAML cannot read.",
                     "if the text after the first colon contains ': ', put that whole text in "
                     "double quotes; otherwise line this line up with the lines above it.")
    if problem.startswith("expected <block end>") and "'<scalar>'" in problem and \
            any(quote in here[:column] for quote in "\"'"):
        return found("there is text after a closing quote.",
                     "put the whole text in double quotes, or leave out the quotes, and check "
                     "that each quote on this line and the lines above is closed.")
    if problem.startswith("expected <block end>") or problem == "did not find expected key":
        return found("this line and the line above it are not lined up.",
                     f"give lines at the same level the same number of spaces ({layout}).")
    return YamlProblem(f"is not valid YAML: {problem}.",
                       "check the indentation, colons and quotes on this line and the one "
                       "above.", line, column)


def _indent(line: str) -> int:
    """Where the line's key starts: '- term:' counts as indented by two."""
    stripped = line.lstrip(" ")
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
    return len(line) - len(stripped)


def _line_above(lines: list[str], line: int | None) -> str | None:
    for number in range((line or 1) - 2, -1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return lines[number]
    return None
