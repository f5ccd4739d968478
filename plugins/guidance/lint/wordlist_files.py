"""Reading the linter's word lists (`wordlists.py` says what they are): the shipped jargon and
plain-English lists and the project's own files in the glossary folder, every mistake noted
with its file, line and column.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import yaml

from guidance.engine import GuidanceError, GuidanceErrors
from guidance.engine.glossary_files import fast_yaml_safe
from guidance.lint.wordlists import (
    AUDIENCE_FIT,
    CORE_MESSAGES,
    EVERYONE,
    NO_READING_AGE,
    PROJECT_JARGON,
    READING_AGE,
    Audiences,
    CoreMessage,
    Jargon,
    ReadingAgeLimits,
    UnfitPhrase,
    Wordlists,
    WordToAvoid,
    required_text,
)


class _ListReader:
    """Reads a YAML list of small mappings, noting every mistake with its line and column."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.errors: list[GuidanceError] = []
        self.items: list[tuple[int, int, dict[str, object]]] = []
        root = self.compose(text)
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

    def compose(self, text: str) -> yaml.Node | None:
        """The file's YAML tree; None, with the mistake noted, if it is not valid YAML."""
        try:
            return _compose(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self._error(f"is not valid YAML: {exc.problem or exc.context}.",
                        mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                        "check the indentation, colons and quotes on this line and the one above.")
            return None

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


    def audiences(self, entry: dict[str, object], line: int, column: int,
                  known: tuple[str, ...], required: bool = False) -> Audiences:
        """`audiences: police, coaches`, `audiences: not police` or a YAML list, as in an
        audience region."""
        value = entry.get("audiences")
        if value is None:
            if required:
                self._error("this entry needs 'audiences': who it is for.", line, column,
                            "add 'audiences: police' (or a list, or 'not police').")
            return EVERYONE
        if isinstance(value, str):
            value = value.strip()
            negated = value.startswith("not ")
            names = [name.strip() for name in value[4 if negated else 0:].split(",")]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            negated, names = False, [str(v).strip() for v in value]
        else:
            self._error("'audiences' should be audience ids separated by commas.", line, column,
                        "write it as 'audiences: police, coaches' or 'audiences: not police'.")
            return EVERYONE
        unknown = [name for name in names if name not in known]
        if unknown or not any(names):
            self._error(f"'audiences' names {', '.join(repr(n) for n in unknown) or 'nobody'}, "
                        f"which is not an audience in audiences.yml.", line, column,
                        f"use ids from audiences.yml: {', '.join(known)}.")
            return EVERYONE
        return Audiences(frozenset(names), negated)


def _compose(text: str) -> yaml.Node | None:
    """libyaml where it is safe (see fast_yaml_safe); PyYAML's own loader for anything else,
    and to say where a mistake is."""
    if fast_yaml_safe(text):
        try:
            return yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


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


def _read_core_messages(text: str, path: str, known: tuple[str, ...]
                        ) -> tuple[list[CoreMessage], list[GuidanceError]]:
    reader = _ListReader(text, path)
    entries = []
    seen: set[str] = set()
    for line, column, entry in reader.items:
        ident = reader.text(entry, "id", line, column)
        message = reader.text(entry, "message", line, column)
        audiences = reader.audiences(entry, line, column, known)
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
            entries.append(CoreMessage(ident, message, pattern, path, line, audiences,
                                       required_text(pattern)))
    return entries, reader.errors


def _read_unfit(text: str, path: str, known: tuple[str, ...]
                ) -> tuple[list[UnfitPhrase], list[GuidanceError]]:
    reader = _ListReader(text, path)
    entries = []
    for line, column, entry in reader.items:
        phrases = reader.words(entry, "avoid", line, column)
        if not phrases:
            reader._error("this entry needs 'avoid': the phrase that must not reach these "
                          "readers.", line, column, "add 'avoid: call 999' (or a list).")
        why = reader.text(entry, "why", line, column)
        audiences = reader.audiences(entry, line, column, known, required=True)
        for phrase in phrases:
            words = [re.escape(word) for word in phrase.split()]
            pattern = re.compile(r"(?<![\w'\u2019])" + r"\W*\s+\W*".join(words) + r"(?!\w)",
                                 re.IGNORECASE)
            entries.append(UnfitPhrase(phrase, pattern, audiences, why, path, line,
                                       max(phrase.split(), key=len).lower()))
    return entries, reader.errors


def _read_reading_age(text: str, path: str) -> tuple[ReadingAgeLimits, list[GuidanceError]]:
    """`limit: 12` and, under `pages:`, a limit of their own for some pages."""
    reader = _ListReader("", path)
    root = reader.compose(text)
    if reader.errors:
        return NO_READING_AGE, reader.errors
    if root is None:
        return NO_READING_AGE, []
    fix = "write 'limit: 12' and, if some pages need their own, 'pages:' with 'page.md: 14' lines."
    if not isinstance(root, yaml.MappingNode):
        reader._node_error(root, "should be 'limit:' and 'pages:' lines.", fix)
        return NO_READING_AGE, reader.errors

    def age(node: yaml.Node, what: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.value.isdigit() and \
                5 <= int(node.value) <= 25:
            return int(node.value)
        reader._node_error(node, f"{what} should be a reading age in years, 5 to 25.",
                           "write a whole number such as 12 (GOV.UK aims at 9).")
        return None

    limit, pages, line = None, {}, root.start_mark.line + 1
    for key, value in root.value:
        if key.value == "limit":
            limit, line = age(value, "'limit'"), key.start_mark.line + 1
        elif key.value == "pages" and isinstance(value, yaml.MappingNode):
            for page, page_limit in value.value:
                found = age(page_limit, f"the limit for '{page.value}'")
                if found is not None:
                    pages[str(page.value)] = found
        else:
            reader._node_error(key, f"'{key.value}' is not a setting of this file.", fix)
    return ReadingAgeLimits(limit, pages, path, line), reader.errors


def _relative(path: Path, glossary_dir: Path) -> str:
    try:
        return path.relative_to(glossary_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


def read_wordlists(
    glossary_dir: Path, audience_ids: tuple[str, ...], *, builtin_jargon: bool
) -> Wordlists:
    """`load_wordlists`: the shipped lists plus the project's own."""
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
        core, found = _read_core_messages(core_path.read_text("utf-8-sig"), core_rel,
                                          audience_ids)
        errors += found
    unfit: list[UnfitPhrase] = []
    fit_path = glossary_dir / AUDIENCE_FIT
    if fit_path.is_file():
        unfit, found = _read_unfit(fit_path.read_text("utf-8-sig"),
                                   _relative(fit_path, glossary_dir), audience_ids)
        errors += found
    reading_age = NO_READING_AGE
    age_path = glossary_dir / READING_AGE
    if age_path.is_file():
        reading_age, found = _read_reading_age(age_path.read_text("utf-8-sig"),
                                               _relative(age_path, glossary_dir))
        errors += found
    if errors:
        raise GuidanceErrors(errors)
    return Wordlists(tuple(jargon), tuple(avoid), tuple(core), core_rel, tuple(unfit),
                     reading_age)
