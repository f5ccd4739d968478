"""The word lists the linter checks against: jargon, GOV.UK words to avoid, core messages.

The jargon and plain-English lists ship with the package as data; a project adds jargon in
`glossary/jargon.yml` and lists its core messages in `glossary/core-messages.yml`. Mistakes in
these files are reported like any glossary mistake: file, line, column and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from guidance.engine import GuidanceError, GuidanceErrors

PROJECT_JARGON = "jargon.yml"
CORE_MESSAGES = "core-messages.yml"


@dataclass(frozen=True)
class Jargon:
    phrase: str
    forms: tuple[str, ...]
    means: str
    path: str
    line: int


@dataclass(frozen=True)
class WordToAvoid:
    words: tuple[str, ...]
    use: str
    unless: str


@dataclass(frozen=True)
class CoreMessage:
    id: str
    message: str
    pattern: re.Pattern[str]
    path: str
    line: int


@dataclass(frozen=True)
class Wordlists:
    jargon: tuple[Jargon, ...]
    words_to_avoid: tuple[WordToAvoid, ...]
    core_messages: tuple[CoreMessage, ...]
    core_messages_path: str | None


class _ListReader:
    """Reads a YAML list of small mappings, noting every mistake with its line and column."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.errors: list[GuidanceError] = []
        self.items: list[tuple[int, int, dict[str, object]]] = []
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self._error(f"is not valid YAML: {exc.problem or exc.context}.",
                        mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                        "check the indentation, colons and quotes on this line and the one above.")
            return
        if root is None:
            return
        if not isinstance(root, yaml.SequenceNode):
            self._node_error(root, "should be a list.", "start each entry with '- '.")
            return
        for node in root.value:
            if not isinstance(node, yaml.MappingNode):
                self._node_error(node, "each entry should be a set of 'key: value' lines.",
                                 "write the entry as '- key: value'.")
                continue
            entry: dict[str, object] = {}
            for key, value in node.value:
                entry[str(key.value)] = _plain(value)
            self.items.append((node.start_mark.line + 1, node.start_mark.column + 1, entry))

    def _error(self, message: str, line: int | None, column: int | None, fix: str) -> None:
        self.errors.append(GuidanceError(message, path=self.path, line=line, column=column,
                                         fix=fix, code="GLOSSARY"))

    def _node_error(self, node: yaml.Node, message: str, fix: str) -> None:
        self._error(message, node.start_mark.line + 1, node.start_mark.column + 1, fix)

    def text(self, entry: dict[str, object], key: str, line: int, column: int,
             required: bool = True) -> str:
        value = entry.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self._error(f"this entry needs '{key}' as a line of text.", line, column,
                        f"add '{key}: ...' to the entry.")
            return ""
        return " ".join(value.split())

    def words(self, entry: dict[str, object], key: str, line: int, column: int) -> tuple[str, ...]:
        value = entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            self._error(f"'{key}' should be a list of words or phrases.", line, column,
                        f"write it as '{key}: [first, second]'.")
            return ()
        return tuple(" ".join(v.split()) for v in value)


def _plain(node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return None


def _read_jargon(text: str, path: str) -> tuple[list[Jargon], list[GuidanceError]]:
    reader = _ListReader(text, path)
    entries = []
    for line, column, entry in reader.items:
        phrase = reader.text(entry, "jargon", line, column)
        forms = reader.words(entry, "forms", line, column)
        means = reader.text(entry, "means", line, column, required=False)
        if phrase:
            entries.append(Jargon(phrase, forms, means, path, line))
    return entries, reader.errors


def _read_words_to_avoid(text: str, path: str) -> tuple[list[WordToAvoid], list[GuidanceError]]:
    reader = _ListReader(text, path)
    entries = []
    for line, column, entry in reader.items:
        words = reader.words(entry, "avoid", line, column)
        use = reader.text(entry, "use", line, column)
        unless = reader.text(entry, "unless", line, column, required=False)
        if words and use:
            entries.append(WordToAvoid(words, use, unless))
    return entries, reader.errors


def _read_core_messages(text: str, path: str) -> tuple[list[CoreMessage], list[GuidanceError]]:
    reader = _ListReader(text, path)
    entries = []
    seen: set[str] = set()
    for line, column, entry in reader.items:
        ident = reader.text(entry, "id", line, column)
        message = reader.text(entry, "message", line, column)
        source = entry.get("match")
        if not isinstance(source, str) or not source.strip():
            reader._error("this core message needs 'match', a regular expression.", line, column,
                          "add \"match: '...'\" with words every audience's version says.")
            continue
        try:
            pattern = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            reader._error(f"the 'match' of '{ident}' is not a valid regular expression "
                          f"({exc.msg}).", line, column,
                          "check its brackets and backslashes; quote it with single quotes.")
            continue
        if ident in seen:
            reader._error(f"'{ident}' is listed twice.", line, column,
                          "give each core message its own id.")
            continue
        seen.add(ident)
        if ident and message:
            entries.append(CoreMessage(ident, message, pattern, path, line))
    return entries, reader.errors


def _relative(path: Path, glossary_dir: Path) -> str:
    try:
        return path.relative_to(glossary_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


def load_wordlists(glossary_dir: Path, *, builtin_jargon: bool = True) -> Wordlists:
    """The shipped lists plus the project's own; raises GuidanceErrors for every mistake.

    `builtin_jargon`: the shipped local-authority jargon too (for safeguarding guidance)."""
    data = resources.files("guidance.lint") / "data"
    errors: list[GuidanceError] = []
    jargon: list[Jargon] = []
    if builtin_jargon:
        jargon, found = _read_jargon((data / "jargon.yml").read_text("utf-8"),
                                     "guidance/data/jargon.yml")
        errors += found
    avoid, found = _read_words_to_avoid((data / "plain-english.yml").read_text("utf-8"),
                                        "guidance/data/plain-english.yml")
    errors += found
    project_jargon = glossary_dir / PROJECT_JARGON
    if project_jargon.is_file():
        more, found = _read_jargon(project_jargon.read_text("utf-8-sig"),
                                   _relative(project_jargon, glossary_dir))
        jargon += more
        errors += found
    core: list[CoreMessage] = []
    core_path = glossary_dir / CORE_MESSAGES
    core_rel = None
    if core_path.is_file():
        core_rel = _relative(core_path, glossary_dir)
        core, found = _read_core_messages(core_path.read_text("utf-8-sig"), core_rel)
        errors += found
    if errors:
        raise GuidanceErrors(errors)
    return Wordlists(tuple(jargon), tuple(avoid), tuple(core), core_rel)
