"""`guidance export`: one audience's docs tree and mkdocs.yml, rewritten, for any other tool.

Every Markdown page is the engine's rewrite for the audience (regions kept or dropped, markers
gone, terms swapped); every other file is copied. The config keeps everything the site's
mkdocs.yml says, with the site name, description, copyright and nav titles in the audience's
words and the `audiences` plugin switched off (its theme still gives `en-GB`). The Zensical
build reads the same rewritten config (`audience_config`).

The export never deletes a folder it did not write: an existing, non-empty folder without the
export's mark is refused.
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guidance.engine import Engine, GuidanceError, GuidanceErrors, load_glossary, read_text
from guidance.site.staging import Staging

MARK = ".guidance-export"  # in every folder the export writes, so it may replace it next time
PLUGIN = "audiences"


# mkdocs.yml, read and written with its tags kept -------------------------------------------


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag PyYAML cannot build safely (`!ENV`, `!!python/name:`)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def load_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, its tags kept so it can be written back for another folder."""
    text = read_text(path, path.as_posix())
    try:
        config = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise GuidanceError(
            f"mkdocs.yml is not valid YAML: {getattr(error, 'problem', None) or error}.",
            path=path.as_posix(), line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            fix="Check the indentation and the colons on that line.") from None
    if not isinstance(config, dict):
        raise GuidanceError("mkdocs.yml must be a mapping of settings such as site_name.",
                            path=path.as_posix(), line=1, fix="Start it with 'site_name: ...'.")
    return config


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The `audiences` plugin's options in mkdocs.yml (empty if it has none)."""
    for entry in config.get("plugins") or []:
        if entry == PLUGIN:
            return {}
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return {}


def audience_config(config: dict[str, Any], engine: Engine, audience: str) -> dict[str, Any]:
    """The config as the audience reads it: names, nav titles; the `audiences` plugin off."""
    result = dict(config)
    for key in ("site_name", "site_description", "copyright"):
        if isinstance(result.get(key), str):
            result[key] = engine.rewrite_plain(result[key], audience)
    if result.get("nav") is not None:
        result["nav"] = _retitle(result["nav"], engine, audience)
    result["plugins"] = [
        {PLUGIN: {"enabled": False}} if _is_plugin(entry) else entry
        for entry in result.get("plugins") or []
    ]
    return result


def _is_plugin(entry: Any) -> bool:
    return entry == PLUGIN or (isinstance(entry, dict) and PLUGIN in entry)


def _retitle(nav: Any, engine: Engine, audience: str) -> Any:
    """Nav titles in the audience's words; page paths and links as they are."""
    if isinstance(nav, list):
        return [_retitle(item, engine, audience) for item in nav]
    if isinstance(nav, dict):
        return {
            (engine.rewrite_plain(title, audience) if isinstance(title, str) else title):
                _retitle(value, engine, audience)
            for title, value in nav.items()
        }
    return nav


# The project a build or an export reads ------------------------------------------------------


@dataclass
class Project:
    """A site's mkdocs.yml, docs folder and glossary, as the `audiences` plugin finds them."""

    config_file: Path
    config: dict[str, Any]
    engine: Engine

    @classmethod
    def load(cls, config_file: str, glossary: str | None = None) -> Project:
        path = Path(config_file)
        if not path.is_file():
            raise GuidanceError(
                f"{config_file} not found.",
                fix="Run the command in the folder with your mkdocs.yml, or pass --config.")
        config = load_config(path)
        folder = glossary or os.path.join(
            path.parent, str(plugin_options(config).get("glossary", "glossary")))
        return cls(path, config, Engine(load_glossary(folder)))

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.config.get("docs_dir", "docs"))

    def pages(self) -> Iterator[Path]:
        for path in sorted(self.docs_dir.rglob("*")):
            if path.is_file() and path.suffix.lower() in (".md", ".markdown"):
                yield path

    def check_pages(self) -> None:
        """Every page prepared once: all region mistakes at once, before anything is written."""
        errors: list[GuidanceError] = []
        for path in self.pages():
            name = self.relative(path)
            try:
                self.engine.prepare(read_text(path, name), name)
            except GuidanceErrors as problems:
                errors += problems.errors
        if errors:
            raise GuidanceErrors(errors)

    def relative(self, path: Path) -> str:
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def rewrite_docs(self, audience: str, target: Path) -> None:
        """The docs tree for one audience: pages rewritten, every other file copied."""
        for path in sorted(self.docs_dir.rglob("*")):
            if not path.is_file():
                continue
            out = target / path.relative_to(self.docs_dir)
            out.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix.lower() in (".md", ".markdown"):
                name = self.relative(path)
                text = self.engine.rewrite_text(read_text(path, name), audience, name).text
                out.write_text(text, encoding="utf-8", newline="")
            else:
                shutil.copy2(path, out)


# The command ---------------------------------------------------------------------------------


def refuse_foreign_folder(out: Path, project: Project) -> None:
    """A folder the export did not write is never replaced, nor one inside the docs."""
    if out.resolve() == project.root.resolve() or out.resolve().is_relative_to(
            project.docs_dir.resolve()):
        raise GuidanceError(
            f"{out} is the project or inside its docs folder; the export would overwrite "
            "your own pages.", fix="Choose a new folder outside docs/, e.g. --out export/police.")
    if out.is_file():
        raise GuidanceError(f"{out} is a file.", fix="Choose a folder for --out.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARK).is_file():
        raise GuidanceError(
            f"{out} already holds files that guidance export did not write; it deletes "
            "nothing it did not write.", fix="Choose a new or empty folder for --out.")


def export(project: Project, audience: str, out: Path) -> None:
    """Writes out/ for one audience all at once: a failure leaves the old out/ as it was."""
    project.engine.glossary.audience(audience)
    refuse_foreign_folder(out, project)
    project.check_pages()
    staging = Staging(str(out))
    try:
        target = Path(staging.site_dir)
        project.rewrite_docs(audience, target / "docs")
        config = audience_config(project.config, project.engine, audience)
        config["docs_dir"] = "docs"
        config.pop("site_dir", None)
        _rebase_theme(config, project.root, out)
        (target / "mkdocs.yml").write_text(dump_config(config), encoding="utf-8")
        (target / MARK).write_text(f"{audience}\n", encoding="utf-8")
        staging.swap()
    except BaseException:
        staging.discard()
        raise


def _rebase_theme(config: dict[str, Any], root: Path, out: Path) -> None:
    """The site's own theme folder, found from the export's folder."""
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        config["theme"] = {**theme, "custom_dir": os.path.relpath(
            root / theme["custom_dir"], out.resolve()).replace(os.sep, "/")}


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="write the docs and mkdocs.yml rewritten for one audience",
        description="Write the docs folder and mkdocs.yml as one audience reads them, for "
        "another site generator or for reading the rewritten Markdown. OUT is replaced only "
        "if an earlier export wrote it.",
    )
    parser.add_argument("--audience", required=True, metavar="ID", help="an audience id")
    parser.add_argument("--out", required=True, metavar="DIR", help="the folder to write")
    parser.add_argument("--config", metavar="FILE", default="mkdocs.yml",
                        help="the site's config (default: %(default)s)")
    parser.add_argument("--glossary", metavar="DIR", default=None,
                        help="the glossary folder (default: the audiences plugin's setting)")
    parser.set_defaults(run=_run)


def _run(arguments: argparse.Namespace) -> int:
    project = Project.load(arguments.config, arguments.glossary)
    out = Path(arguments.out)
    export(project, arguments.audience, out)
    print(f"Wrote {out}/ for {arguments.audience}: "
          f"{sum(1 for _ in project.pages())} pages and mkdocs.yml")
    return 0
