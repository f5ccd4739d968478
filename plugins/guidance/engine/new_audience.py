"""Starting a new audience from an existing one: `guidance audiences add ID --like OTHER`.

Adding an audience by hand means a swap line under every term. Here each is copied from the
audience the new one is most like and marked `# unreviewed`, so the site builds at once and
the linter (GL003) lists every wording an editor has still to check. The files are edited as
text, line by line, so the editor's own comments, order and spacing stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from guidance.engine.errors import GuidanceError
from guidance.engine.glossary import (
    AUDIENCE_ID,
    Glossary,
    Term,
    default_plural,
    unknown_audience_error,
)
from guidance.engine.textfiles import read_text


def unreviewed_note(like: str) -> str:
    return f"# unreviewed: copied from {like}"


@dataclass(frozen=True)
class Added:
    audiences_file: str
    swaps: int
    files: tuple[str, ...]


def add_audience(glossary: Glossary, audience_id: str, like: str, name: str | None = None,
                 reader: str | None = None) -> Added:
    """Writes the new audience into audiences.yml and a copied swap into every term."""
    if not AUDIENCE_ID.match(audience_id):
        raise GuidanceError(f"'{audience_id}' cannot be an audience id.", fix="use lowercase "
                            "letters, digits and hyphens, starting with a letter, for example "
                            "foster-carers.")
    if audience_id in glossary.ids:
        raise GuidanceError(f"'{audience_id}' is already an audience.",
                            path=_shown(glossary, glossary.directory / "audiences.yml"),
                            line=glossary.audience(audience_id).line,
                            fix="choose another id, or edit that audience's entry.")
    if like not in glossary.ids:
        raise unknown_audience_error(like, glossary.ids)
    model = glossary.audience(like)
    note = unreviewed_note(like)
    name = name or audience_id.replace("-", " ").capitalize()
    entry = (f"  {audience_id}:\n"
             f"    name: {_quoted(name)}\n"
             f"    reader: {_quoted(reader or model.reader)}"
             f"{'' if reader else '  ' + note}\n")
    audiences_path = glossary.directory / "audiences.yml"
    text = read_text(audiences_path, _shown(glossary, audiences_path))
    newline = "\r\n" if "\r\n" in text else "\n"
    _write(audiences_path, text.rstrip("\r\n") + newline + entry.replace("\n", newline))

    by_file: dict[str, list[Term]] = {}
    for term in glossary.terms:
        by_file.setdefault(term.path, []).append(term)
    swaps = 0
    for rel, terms in by_file.items():
        path = glossary.directory.parent / rel
        text = read_text(path, rel)
        lines = text.split("\n")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        insertions: list[tuple[int, list[str]]] = []
        for item in root.value if isinstance(root, yaml.SequenceNode) else []:
            swap = _field(item, "swap")
            term = next((t for t in terms if t.line == item.start_mark.line + 1), None)
            if swap is None or term is None or not isinstance(swap, yaml.MappingNode):
                continue
            insertions.append(_copied_swap(lines, swap, term, audience_id, like,
                                           glossary.source, note))
        ending = "\r" if "\r\n" in text else ""  # keep a Windows file's line endings
        for after, new_lines in sorted(insertions, reverse=True):
            lines[after + 1:after + 1] = [line.rstrip("\r") + ending for line in new_lines]
        swaps += len(insertions)
        _write(path, "\n".join(lines))
    return Added(_shown(glossary, audiences_path), swaps, tuple(by_file))


def _copied_swap(lines: list[str], swap: yaml.MappingNode, term: Term, audience_id: str,
                 like: str, source: str, note: str) -> tuple[int, list[str]]:
    """Where the new swap goes (after the model's, or after the last) and its lines."""
    indent = " " * swap.value[0][0].start_mark.column
    last = _last_line(swap)
    if like == source:  # the new audience starts with our own words
        wording = term.wording(like)
        value = _quoted(wording.singular)
        if term.plural != default_plural(term.term):
            value = f"{{singular: {_quoted(wording.singular)}, plural: {_quoted(wording.plural)}}}"
        return last, [f"{indent}{audience_id}: {value}  {note}"]
    for key, value in swap.value:
        if key.value == like:
            first, end = key.start_mark.line, _last_line(value)
            copied = [line.rstrip("\r") for line in lines[first:end + 1]]
            copied[0] = _strip_comment(copied[0].replace(f"{like}:", f"{audience_id}:", 1))
            copied[0] += f"  {note}"
            return end, copied
    return last, []


def _field(node: yaml.Node, name: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for key, value in node.value if key.value == name), None)


def _last_line(node: yaml.Node) -> int:
    """The last line a node's text is on (a block's end mark is already on the next line)."""
    if isinstance(node, yaml.MappingNode) and node.value and node.flow_style is not True:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and node.flow_style is not True:
        return _last_line(node.value[-1])
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _strip_comment(line: str) -> str:
    """The line without a trailing '  # note' (the copy gets its own)."""
    return re.sub(r"\s+#\s.*$", "", line) if not re.search(r"[\"']", line) else line


def _quoted(text: str) -> str:
    """Plain when YAML reads it back as the same text; double-quoted otherwise."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and " #" not in text:
            return text
    except yaml.YAMLError:
        pass
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(glossary: Glossary, path: Path) -> str:
    try:
        return path.relative_to(glossary.directory.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))
