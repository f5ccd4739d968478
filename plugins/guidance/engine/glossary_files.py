"""Reading the glossary: `audiences.yml` and `terms/*.yml`, validated into `glossary.py`'s
immutable objects.

Policy officers edit these files by hand, so every mistake is reported at once, each with the
file, the line and column taken from the YAML parser's own marks, and what to do about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType

import yaml

from guidance.engine.errors import GuidanceError, GuidanceErrors
from guidance.engine.glossary import (
    AUDIENCE_ID,
    DEFAULT_KEY,
    Audience,
    Glossary,
    Term,
    Wording,
    default_plural,
    did_you_mean,
    unknown_audience_error,
)
from guidance.engine.textfiles import read_text
from guidance.engine.yaml_messages import explain

MAX_FILE_BYTES = 1_000_000
TERM_KEYS = ("term", "plural", "definition", "swap", "variants")
AUDIENCE_KEYS = ("name", "reader")
WORDING_KEYS = ("singular", "plural")
# ' #1 contact' or '# 1' straight after a value: text cut off as a comment, not a note
COMMENT_CUT = re.compile(r"( #|\s+#\S)")
LINT_COMMENT = re.compile(r"\s*#\s*(lint|unreviewed)\b")
UNREVIEWED = re.compile(r"#\s*unreviewed\b[:\s]*(.*)")  # copied by `guidance audiences add`
YAML_BOOL = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """Refuses anchors and aliases: nobody needs them here, and they allow 'billion laughs'."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed in the glossary",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


MAX_FAST_DEPTH = 100  # nesting levels libyaml is given; a glossary needs five
_FLOW = re.compile(r"[^\[\]{}]+")
_INDICATOR = re.compile(r"[-?:](?= |$)")
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[{,])[&*!]\S", re.MULTILINE)  # &anchor *alias !tag


def fast_yaml_safe(text: str) -> bool:
    """Whether libyaml (15 times faster than PyYAML's Python loader) may read the text: only
    if it cannot hold an anchor, alias or tag, which only the Python loader refuses, and
    cannot nest deeper than MAX_FAST_DEPTH, which crashes libyaml's recursive composer (the
    Python loader reports it with its place). The depth is over-estimated, never under."""
    if getattr(yaml, "CSafeLoader", None) is None or _NODE_PROPERTY.search(text):
        return False
    depth = flow = 0
    for char in _FLOW.sub("", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        flow = max(flow, depth)
    block = max((2 * (len(line) - len(line.lstrip(" "))) + len(_INDICATOR.findall(line))
                 for line in text.splitlines()), default=0)
    return flow + block + 2 <= MAX_FAST_DEPTH


class _Reader:
    """Walks YAML nodes, collecting every problem rather than stopping at the first."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.errors: list[GuidanceError] = []
        self.warnings: list[GuidanceError] = []
        self.lines: dict[str, list[str]] = {}
        self.allow_missing = False

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.directory.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def error(
        self, path: str, node: yaml.Node | None, message: str, fix: str, code: str = "GLOSSARY"
    ) -> None:
        line = column = None
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.errors.append(
            GuidanceError(message, path=path, line=line, column=column, fix=fix, code=code)
        )

    def compose(self, path: Path) -> yaml.Node | None:
        rel = self.relative(path)
        try:
            text = read_text(path, rel, MAX_FILE_BYTES)
        except GuidanceError as error:
            error.code = "GLOSSARY"
            self.errors.append(error)
            return None
        self.lines[rel] = text.split("\n")
        if fast_yaml_safe(text):
            try:
                return yaml.compose(text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                pass  # the Python loader below finds it again and says where, in characters
        loader: _Loader | None = None
        try:
            loader = _Loader(text)  # checks every character: may raise ReaderError
            return loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            problem = explain(exc, text, audiences_file=path.name == "audiences.yml")
            message, fix, line, column = problem.message, problem.fix, problem.line, \
                problem.column
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow
            line = text.count("\n", 0, exc.position) + 1
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            message = f"holds a character YAML does not allow ({exc.character!r})."
            fix = "delete the character, or retype the line."
        except RecursionError:
            line, column = (loader.line + 1, loader.column + 1) if loader else (None, None)
            message = "is nested too deeply to be a glossary."
            fix = "write each term as '- term: ...' with its fields indented under it."
        finally:
            if loader is not None:
                loader.dispose()
        self.errors.append(GuidanceError(message, path=rel, line=line, column=column, fix=fix,
                                         code="YAML"))
        return None

    def mapping(
        self, path: str, node: yaml.Node, what: str, allowed: tuple[str, ...] | None = None
    ) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """Yields (key, key node, value node), reporting duplicate and unknown keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(path, node, f"{what} should be a set of 'key: value' lines.",
                       "indent the lines under it by two spaces, each as 'key: value'.")
            return
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or not key.strip():
                self.error(path, key_node, f"{what} has a key that is not a plain word.",
                           "write the key as a plain word before the colon.")
                continue
            key = key.strip()
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.error(path, key_node, f"'{key}' appears twice in {what} (first on line "
                           f"{first}).", "keep one of them and delete the other.")
                continue
            seen[key] = key_node
            if allowed is not None and key not in allowed:
                self.error(path, key_node, f"'{key}' is not a field of {what}.",
                           f"use {', '.join(allowed)}{did_you_mean(key, list(allowed))}.")
                continue
            yield key, key_node, value_node

    def text(self, path: str, node: yaml.Node | None, what: str, parent: yaml.Node) -> str | None:
        if node is None:
            field_name = what.split()[-1]
            self.error(path, parent, f"{what} is missing.", f"add a line '{field_name}: ...'.")
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error(path, node, f"{what} should be a single line of text.",
                       "write it on the same line after the colon.")
            return None
        value = " ".join(node.value.split())
        if not value:
            self.error(path, node, f"{what} is empty.", "write the text after the colon.")
            return None
        self._comment_cut(path, node, what)
        return value

    def unreviewed(self, path: str, node: yaml.Node, what: str, wording: str) -> None:
        """A line marked '# unreviewed' by `guidance audiences add` until an editor checks it."""
        lines = self.lines.get(path, [])
        line = lines[node.start_mark.line] if node.start_mark.line < len(lines) else ""
        if (marked := UNREVIEWED.search(line)) is None:
            return
        why = f" ({marked.group(1).strip()})" if marked.group(1).strip() else ""
        self.warnings.append(GuidanceError(
            f"{what} is not reviewed yet{why}.", path=path, line=node.start_mark.line + 1,
            column=node.start_mark.column + 1, code="UNREVIEWED",
            fix=f"check that '{wording}' is right, then delete the '# unreviewed' note from the "
                "line."))

    def _comment_cut(self, path: str, node: yaml.ScalarNode, what: str) -> None:
        """YAML drops ' #...' after an unquoted value as a comment: 'supervisor #1 contact'
        would silently become 'supervisor'. A note set off as '  # note' is left alone."""
        if node.style:  # quoted: a '#' inside is text (libyaml says '' for plain, PyYAML None)
            return
        lines = self.lines.get(path, [])
        line = lines[node.end_mark.line] if node.end_mark.line < len(lines) else ""
        rest = line[node.end_mark.column:]
        cut = COMMENT_CUT.match(rest)
        if cut and not LINT_COMMENT.match(rest):
            whole = f"{node.value}{rest}".strip()
            self.warnings.append(GuidanceError(
                f"{what} is read as '{node.value}': everything after ' #' is dropped, because "
                "YAML reads it as a comment.", path=path, line=node.start_mark.line + 1,
                column=node.start_mark.column + 1, code="COMMENT_CUT",
                fix=f"put the whole text in double quotes: \"{whole}\" (or, for a note, put "
                    "two spaces before the # and one after it)."))


def read_glossary(directory: Path, *, allow_missing: bool = False) -> Glossary:
    """`load_glossary`: reads and checks a glossary folder."""
    reader = _Reader(directory)
    reader.allow_missing = allow_missing
    if not directory.is_dir():
        raise GuidanceErrors([GuidanceError(
            "glossary folder not found.", path=directory.as_posix(),
            fix="run from the project folder, or name the folder that holds audiences.yml and "
                "terms/ (--glossary DIR, or 'glossary:' under the audiences plugin in mkdocs.yml).",
            code="GLOSSARY")])
    source, audiences = _load_audiences(reader, directory / "audiences.yml")
    terms = _load_terms(reader, directory / "terms", source, audiences)
    if reader.errors:
        raise GuidanceErrors(reader.errors)
    assert source is not None
    return Glossary(directory, source, tuple(audiences), tuple(terms), tuple(reader.warnings))


def _load_audiences(reader: _Reader, path: Path) -> tuple[str | None, list[Audience]]:
    rel = reader.relative(path)
    if not path.is_file():
        reader.error(rel, None, "not found.",
                     "create it with 'source:' and 'audiences:' (see the editing guide).")
        return None, []
    root = reader.compose(path)
    if root is None:
        if not reader.errors:
            reader.error(rel, None, "is empty.", "add 'source:' and 'audiences:' to it.")
        return None, []
    fields = {key: (key_node, value) for key, key_node, value in
              reader.mapping(rel, root, "audiences.yml", ("source", "audiences"))}
    audiences: list[Audience] = []
    if "audiences" not in fields:
        reader.error(rel, root, "has no 'audiences:' list.",
                     "add 'audiences:' with one entry per audience, each with name and reader.")
    else:
        for audience_id, key_node, value in reader.mapping(rel, fields["audiences"][1],
                                                           "audiences"):
            if not AUDIENCE_ID.match(audience_id):
                reader.error(rel, key_node, f"'{audience_id}' cannot be an audience id.",
                             "use up to 64 lowercase letters, digits and hyphens, starting with "
                             "a letter (it becomes the folder of that audience's site).",
                             code="AUDIENCE_ID")
                continue
            entry = dict((key, node) for key, _, node in
                         reader.mapping(rel, value, f"audience '{audience_id}'", AUDIENCE_KEYS))
            name = reader.text(rel, entry.get("name"), f"audience '{audience_id}' name", key_node)
            line = key_node.start_mark.line + 1
            text = reader.text(rel, entry.get("reader"), f"audience '{audience_id}' reader",
                               key_node)
            if name and text:
                audiences.append(Audience(audience_id, name, text, rel, line))
                for field_name, value in (("name", name), ("reader", text)):
                    reader.unreviewed(rel, entry[field_name], f"audience '{audience_id}' "
                                      f"{field_name}", value)
    source = None
    if "source" not in fields:
        reader.error(rel, root, "has no 'source:' line.",
                     "add 'source: ID' naming the audience whose wording docs/ is written in.")
    else:
        source = reader.text(rel, fields["source"][1], "source", root)
        ids = [audience.id for audience in audiences]
        if source is not None and audiences and source not in ids:
            reader.errors.append(unknown_audience_error(
                source, ids, path=rel, line=fields["source"][1].start_mark.line + 1,
                column=fields["source"][1].start_mark.column + 1))
            source = None
    return source, audiences


def _load_terms(
    reader: _Reader, folder: Path, source: str | None, audiences: list[Audience]
) -> list[Term]:
    if not folder.is_dir():
        reader.error(reader.relative(folder), None, "folder not found.",
                     "create the folder terms/ beside audiences.yml with one .yml file per topic.")
        return []
    ids = [audience.id for audience in audiences]
    others = [audience_id for audience_id in ids if audience_id != source]
    terms: list[Term] = []
    forms: dict[str, tuple[str, int]] = {}
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        rel = reader.relative(path)
        root = reader.compose(path)
        if root is None:
            continue
        if not isinstance(root, yaml.SequenceNode):
            reader.error(rel, root, "should be a list of terms.",
                         "start each term with '- term: ...'.")
            continue
        for item in root.value:
            term = _read_term(reader, rel, item, source, ids, others)
            if term is None:
                continue
            for form in (term.term, term.plural, *term.variants):
                key = " ".join(form.lower().split())
                if key in forms and forms[key] != (rel, term.line):
                    where = f"{forms[key][0]}:{forms[key][1]}"
                    reader.error(rel, item, f"'{form}' is already in the glossary ({where}).",
                                 "keep one entry for it and delete the other.",
                                 code="DUPLICATE_TERM")
                    break
                forms[key] = (rel, term.line)
            else:
                terms.append(term)
    return terms


def _read_term(
    reader: _Reader,
    rel: str,
    node: yaml.Node,
    source: str | None,
    ids: list[str],
    others: list[str],
) -> Term | None:
    entry = {key: (key_node, value) for key, key_node, value in
             reader.mapping(rel, node, "a term", TERM_KEYS)}
    if not isinstance(node, yaml.MappingNode):
        return None
    values = {key: value for key, (_, value) in entry.items()}
    word = reader.text(rel, values.get("term"), "term", node)
    name = f"term '{word}'" if word else "this term"
    definition, definitions, lines = _read_definition(reader, rel, entry.get("definition"),
                                                      name, node, ids)
    plural = reader.text(rel, values["plural"], f"{name} plural", node) if "plural" in values \
        else None
    variants: list[str] = []
    if "variants" in values:
        variants_node = values["variants"]
        items = variants_node.value if isinstance(variants_node, yaml.SequenceNode) else None
        if items is None:
            reader.error(rel, variants_node, f"{name} variants should be a list.",
                         "write each variant on its own line as '- spelling'.")
        else:
            variants = _read_variants(reader, rel, items, name, word, plural)
    swap = _read_swap(reader, rel, entry.get("swap"), name, node, source, ids, others, word)
    if word is None or definition is None or swap is None:
        return None
    return Term(
        term=word,
        plural=plural or default_plural(word),
        definition=definition,
        swap=MappingProxyType(swap),
        variants=tuple(variants),
        path=rel,
        line=node.start_mark.line + 1,
        definitions=MappingProxyType(definitions),
        definition_lines=MappingProxyType(lines),
    )


def _read_variants(reader: _Reader, rel: str, items: list[yaml.Node], name: str,
                   word: str | None, plural: str | None) -> list[str]:
    """Other spellings; one spelled like the term itself would be 'fixed' to itself for ever."""
    forms = (word, plural or default_plural(word)) if word else ()
    own = {" ".join(form.lower().split()) for form in forms}
    variants = []
    for item in items:
        variant = reader.text(rel, item, f"{name} variant", item)
        if variant and " ".join(variant.lower().split()) in own:
            reader.error(rel, item, f"{name} has the variant '{variant}', which is the term "
                         "itself.", "delete this variant: variants are other spellings of the "
                         "term, and the term is always matched as written.",
                         code="DUPLICATE_TERM")
        elif variant:
            variants.append(variant)
    return variants


def _read_definition(
    reader: _Reader, rel: str, entry: tuple[yaml.Node, yaml.Node] | None, name: str,
    parent: yaml.Node, ids: list[str],
) -> tuple[str | None, dict[str, str | None], dict[str, int]]:
    """`definition:` as one text for everyone, or `default:` and audiences' own (or false);
    with the line of each."""
    what = f"{name} definition"
    key_line, node = entry if entry is not None else (parent, None)
    lines = {DEFAULT_KEY: key_line.start_mark.line + 1}
    if not isinstance(node, yaml.MappingNode):
        if isinstance(node, yaml.ScalarNode) and node.tag == YAML_BOOL:
            reader.error(rel, node, f"{what} cannot be {node.value} for everyone.",
                         "write the definition after the colon; to leave the term out for one "
                         "audience, write 'default: ...' and 'ID: false' under it.")
            return None, {}, lines
        return reader.text(rel, node, what, parent), {}, lines
    default: str | None = None
    definitions: dict[str, str | None] = {}
    for key, key_node, value in reader.mapping(rel, node, what):
        lines[key] = key_node.start_mark.line + 1
        if key == DEFAULT_KEY:
            if isinstance(value, yaml.ScalarNode) and value.tag == YAML_BOOL:
                reader.error(rel, value, f"{what} default cannot be {value.value}.",
                             "write the definition most audiences read after 'default:'.")
            else:
                default = reader.text(rel, value, f"{what} default", key_node)
        elif key not in ids:
            if ids:
                reader.errors.append(unknown_audience_error(
                    key, [DEFAULT_KEY, *ids], path=rel, line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1))
        elif isinstance(value, yaml.ScalarNode) and value.tag == YAML_BOOL:
            if value.value.lower() in ("false", "no", "off"):
                definitions[key] = None
            else:
                reader.error(rel, value, f"{what} for {key} is {value.value}, which is neither "
                             "a definition nor false.", _DEFINITION_FIX)
        elif isinstance(value, yaml.ScalarNode):
            text = reader.text(rel, value, f"{what} for {key}", key_node)
            if text:
                definitions[key] = text
        else:
            reader.error(rel, value, f"{what} for {key} is neither text nor false.",
                         _DEFINITION_FIX)
    if default is None and not any(key == DEFAULT_KEY for key in _keys(node)):
        reader.error(rel, key_line, f"{what} has no 'default:'.",
                     "add 'default: ...' with the definition every other audience reads.",
                     code="MISSING_DEFAULT")
    return default, definitions, lines


_DEFINITION_FIX = ("write that audience's definition on the same line after the colon, or "
                   "'false' to leave the term out of its glossary page and tooltips.")


def _keys(node: yaml.MappingNode) -> Iterator[str]:
    return (key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode))


def _read_swap(
    reader: _Reader,
    rel: str,
    entry: tuple[yaml.Node, yaml.Node] | None,
    name: str,
    node: yaml.Node,
    source: str | None,
    ids: list[str],
    others: list[str],
    word: str | None = None,
) -> dict[str, Wording] | None:
    if entry is None:
        reader.error(rel, node, f"{name} has no 'swap:'.",
                     f"add 'swap:' with a line for each of {', '.join(others)}.")
        return None
    key_node, swap_node = entry
    swap: dict[str, Wording] = {}
    answered: set[str] = set()  # a line for the audience, even one with a mistake
    complete = True
    for audience_id, audience_key, value in reader.mapping(rel, swap_node, f"{name} swap"):
        if audience_id == source:
            reader.error(rel, audience_key, f"'{audience_id}' is the source audience: its "
                         "wording is the term itself.", "delete this line.")
            complete = False
        elif audience_id not in ids:
            if ids:
                reader.errors.append(unknown_audience_error(
                    audience_id, others, path=rel, line=audience_key.start_mark.line + 1,
                    column=audience_key.start_mark.column + 1))
            complete = False
        else:
            answered.add(audience_id)
            wording = _read_wording(reader, rel, value, f"{name} swap for {audience_id}",
                                    audience_id)
            if wording is None:
                complete = False
            else:
                swap[audience_id] = wording
                reader.unreviewed(rel, audience_key, f"{name} swap for {audience_id}",
                                  wording.singular)
    missing = [audience_id for audience_id in others if audience_id not in answered]
    if isinstance(swap_node, yaml.MappingNode) and missing:
        reader.error(rel, key_node, f"{name} has no wording for {', '.join(missing)}.",
                     f"add '{missing[0]}: ...' under swap (write the term itself to keep it).",
                     code="MISSING_AUDIENCE")
        if reader.allow_missing and word:  # a preview: show the gap instead of refusing
            reader.warnings.append(reader.errors.pop())
            swap.update((audience_id, Wording(f"[no {audience_id} wording for '{word}']",
                                              f"[no {audience_id} wording for '{word}']"))
                        for audience_id in missing)
            missing = []
    return swap if complete and not missing else None


def _read_wording(
    reader: _Reader, rel: str, node: yaml.Node, what: str, audience_id: str
) -> Wording | None:
    if isinstance(node, yaml.ScalarNode) and not node.value.strip():
        reader.error(rel, node, f"{what} is empty.",
                     f"write the words {audience_id} use after '{audience_id}:' on this line "
                     "(write the term itself if they use ours).")
        return None
    if isinstance(node, yaml.ScalarNode):
        singular = reader.text(rel, node, what, node)
        return Wording(singular, default_plural(singular)) if singular else None
    values = {key: value for key, _, value in reader.mapping(rel, node, what, WORDING_KEYS)}
    if not isinstance(node, yaml.MappingNode):
        return None
    singular = reader.text(rel, values.get("singular"), f"{what} singular", node)
    if singular is None:
        return None
    plural = reader.text(rel, values["plural"], f"{what} plural", node) if "plural" in values \
        else default_plural(singular)
    return Wording(singular, plural) if plural else None
