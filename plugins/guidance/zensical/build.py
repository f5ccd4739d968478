"""`guidance build --generator zensical`: every audience's site built by Zensical, all at once.

Zensical reads mkdocs.yml and renders with Python-Markdown, but runs no MkDocs plugin. So each
audience gets a small Zensical project of its own in the work folder: the docs (hard links),
its config (`guidance.export.audience_config`: names and nav titles in its words, its own
site_url) with the `guidance.markdown` extension writing every page for it, and a theme folder
that lays the site's own `custom_dir` over the audiences theme (its `en-GB` language, footer
and 404 page). Zensical builds each project; the switcher is rendered with the theme's own
partial and put at the top of every page's content, where the MkDocs theme puts it; the
chooser is the MkDocs build's. The whole site replaces `site/` only when every audience is
built (`guidance.site.staging`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from guidance.engine import GuidanceError
from guidance.export import Project, audience_config, dump_config, plugin_options
from guidance.lint.output import text_line
from guidance.lint.rules import Severity
from guidance.lint.runner import LintUsageError, lint_project
from guidance.site.build import (
    CHOOSER_PAGE_TEMPLATE,
    GLOSSARY_TEMPLATE,
    THEME_DIR,
    SwitcherEntry,
    _first_capital,
    render_chooser,
)
from guidance.site.plugin import _mentions
from guidance.site.staging import Staging

SWITCHER_TEMPLATE = "partials/audiences.html"
STYLESHEET = "assets/stylesheets/audiences.css"
SCRIPT = "assets/javascripts/audiences.js"  # keeps the reader's section across versions
EXTENSION = "guidance.markdown"
# Where Material's and Zensical's base.html open a page's content block
CONTENT = re.compile(
    r'<article class="md-content__inner md-typeset">\s*(?:<a id="__skip"[^>]*></a>)?')
STYLESHEETS = re.compile(r'<link rel="stylesheet" href="(?:\./)?([^"]+)"')
LOG = "zensical.log"
COLOUR = re.compile(r"\x1b\[[0-9;]*m")
# "Warning: anchor does not exist" and, below it, "╭─[ about.md:86:38 ]"
ISSUE = re.compile(r"^Warning: (.+)\n\s*╭─\[ (.+?):(\d+):(\d+) \]", re.MULTILINE)
PLAIN_PAGES = frozenset({"404.html"})  # as on the MkDocs site: no switcher on "page not found"


@dataclass
class ZensicalBuild:
    project: Project
    workers: int = 2
    strict: bool = False  # a terminology error stops the build, as `mkdocs build --strict`
    # The audiences to build (a preview, as GUIDANCE_AUDIENCES gives `mkdocs build`); all if empty
    chosen: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.glossary = self.project.engine.glossary
        options = plugin_options(self.project.config)
        self.glossary_page = str(options.get("glossary_page", "glossary.md"))
        self.audiences = tuple(a for a in self.glossary.ids if not self.chosen or a in self.chosen)
        self.theme = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME_DIR),
                                        autoescape=False, keep_trailing_newline=True)

    def run(self, site_dir: Path) -> list[tuple[str, int, float]]:
        """Builds every audience into site_dir/<id>/ and the chooser; returns what it wrote."""
        self.project.check_pages()
        self._lint()
        if self.glossary_page and (self.project.docs_dir / self.glossary_page).exists():
            raise GuidanceError(
                f"{self.project.relative(self.project.docs_dir / self.glossary_page)} exists, "
                "but the build writes the glossary page there.",
                fix="Rename the page, or set the audiences plugin's 'glossary_page' option.")
        staging = Staging(str(site_dir))
        try:
            work = Path(staging.work)
            projects = {a: self._write_project(a, work / "zensical" / a) for a in self.audiences}
            written = self._zensical(projects, Path(staging.site_dir))
            self._write_chooser(Path(staging.site_dir))
            staging.swap()
        except BaseException:
            staging.discard()
            raise
        return written

    def _lint(self) -> None:
        """`guidance lint` on the pages, as the MkDocs build runs it: every finding is printed;
        with `strict`, an error stops the build before anything is written."""
        pages = [str(path) for path in self.project.pages()]
        try:
            findings = lint_project(self.glossary, pages, root=self.project.root)
        except LintUsageError as error:
            raise GuidanceError(str(error)) from None
        for finding in sorted(findings, key=lambda finding: finding.sort_key):
            print(text_line(finding), file=sys.stderr)
        errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
        if self.strict and errors:
            raise GuidanceError(
                f"{errors} terminology error{'s' if errors > 1 else ''} (listed above); "
                "nothing was built.", fix="Correct them (LINTING.md says how), or build "
                "without --strict.")

    # One Zensical project per audience ---------------------------------------------------------

    def _write_project(self, audience: str, folder: Path) -> Path:
        docs = folder / "docs"
        shutil.copytree(self.project.docs_dir, docs, copy_function=_link,
                        ignore=shutil.ignore_patterns(".*"))
        if self.glossary_page:
            page = docs / self.glossary_page
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(self._glossary_markdown(audience), encoding="utf-8")
        theme = folder / "theme"
        # audiences/ holds the chooser and glossary templates, which are not for the site
        shutil.copytree(THEME_DIR, theme, copy_function=_link,
                        ignore=shutil.ignore_patterns("audiences"))
        own = self._custom_dir()
        if own is not None:
            shutil.copytree(own, theme, copy_function=_link, dirs_exist_ok=True)
        config = self._config(audience, theme)
        path = folder / "mkdocs.yml"
        path.write_text(dump_config(config), encoding="utf-8")
        return path

    def _custom_dir(self) -> Path | None:
        theme = self.project.config.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        if not isinstance(custom, str):
            return None
        if not (self.project.root / custom).is_dir():
            raise GuidanceError(
                f"theme.custom_dir names {custom}, which is not a folder.",
                path=self.project.relative(self.project.config_file),
                fix="Correct the folder name, relative to mkdocs.yml, or remove the setting.")
        return self.project.root / custom

    def _config(self, audience: str, theme: Path) -> dict[str, Any]:
        config = audience_config(self.project.config, self.project.engine, audience)
        config["plugins"] = [p for p in config["plugins"] if p != {"audiences": {"enabled": False}}]
        config["docs_dir"], config["site_dir"] = "docs", "site"
        site_url = str(config.get("site_url") or "/").rstrip("/")
        config["site_url"] = f"{site_url}/{audience}/"
        given = config.get("theme")
        config["theme"] = {**(given if isinstance(given, dict) else {"name": given or "material"}),
                           "custom_dir": str(theme)}
        config["extra_css"] = [*(config.get("extra_css") or []), STYLESHEET]
        config["extra_javascript"] = [*(config.get("extra_javascript") or []), SCRIPT]
        glossary = str(self.glossary.directory.resolve())
        extension = {EXTENSION: {"glossary": glossary, "audience": audience}}
        config["markdown_extensions"] = [*(config.get("markdown_extensions") or []), extension]
        nav = config.get("nav")
        if self.glossary_page and isinstance(nav, list) and not _mentions(nav, self.glossary_page):
            config["nav"] = [*nav, {"Glossary": self.glossary_page}]
        return config

    def _glossary_markdown(self, audience: str) -> str:
        """The glossary page in the source's words, ordered as the audience says them, without
        the terms it has no definition of: the extension writes it in the audience's words with
        the source's heading ids. A definition the audience has of its own is already in its
        words, so it is kept verbatim."""
        shown = [t for t in self.glossary.terms if t.definition_for(audience) is not None]
        terms = sorted(shown, key=lambda t: t.wording(audience).singular.casefold())
        template = self.theme.get_template(GLOSSARY_TEMPLATE)
        return template.render(terms=[
            {"words": _first_capital(term.term), "definition": (
                f"<!-- verbatim -->{term.definition_for(audience)}<!-- /verbatim -->"
                if term.defines_own(audience) else term.definition)}
            for term in terms
        ])

    # Running Zensical ----------------------------------------------------------------------------

    def _zensical(self, projects: dict[str, Path], site_dir: Path) -> list[tuple[str, int, float]]:
        """Runs Zensical for the audiences, `workers` at a time, then publishes each."""
        waiting = list(projects.items())
        running: dict[str, tuple[subprocess.Popen[bytes], float]] = {}
        written = []
        issues: dict[str, list[str]] = {}  # each problem Zensical reports -> the audiences
        try:
            while waiting or running:
                while waiting and len(running) < max(1, self.workers):
                    audience, config = waiting.pop(0)
                    print(f"{audience}: building with Zensical", file=sys.stderr)
                    running[audience] = (_start(config, self.project.root, self.strict),
                                         time.perf_counter())
                audience = _wait_any(running)
                process, started = running.pop(audience)
                output = _plain((projects[audience].parent / LOG).read_text(
                    encoding="utf-8", errors="replace"))
                for issue in self._issues(output):
                    issues.setdefault(issue, []).append(audience)
                if process.returncode != 0:
                    self._report(issues)
                    raise self._failure(audience, output, bool(issues))
                target = site_dir / audience
                os.rename(projects[audience].parent / "site", target)
                pages = self._add_switcher(audience, target)
                seconds = time.perf_counter() - started
                print(f"{audience}: {pages} pages written to {audience}/ ({seconds:.1f} s)",
                      file=sys.stderr)
                written.append((audience, pages, seconds))
        finally:
            for process, _ in running.values():
                process.kill()
                process.wait()
        self._report(issues)
        return written

    def _issues(self, output: str) -> list[str]:
        """Zensical's warnings (a link to a missing page or section…) as `path:line:col: what`,
        the path as in the project."""
        docs = self.project.relative(self.project.docs_dir)
        return [f"{docs}/{path}:{line}:{column}: {what}"
                for what, path, line, column in ISSUE.findall(output)]

    def _report(self, issues: dict[str, list[str]]) -> None:
        for issue, audiences in issues.items():
            ordered = [a for a in self.glossary.ids if a in audiences]
            print(f"{issue} (in the site for {', '.join(ordered)})", file=sys.stderr)

    def _failure(self, audience: str, output: str, reported: bool) -> GuidanceError:
        if reported and self.strict:
            return GuidanceError(
                f"Zensical found the problems above in the {audience} site; nothing was built.",
                fix="Correct the links they name, or build without --strict.")
        return GuidanceError(
            f"Zensical could not build the {audience} site: {_last_line(output)}",
            path=self.project.relative(self.project.config_file),
            fix="Correct what Zensical names (in mkdocs.yml, the theme's custom_dir or a "
            "page) and build again.")

    # The switcher and the chooser --------------------------------------------------------------

    def _add_switcher(self, audience: str, site: Path) -> int:
        """Puts the switcher, rendered with the theme's partial, at the top of every page's
        content; returns the number of pages."""
        template = self.theme.get_template(SWITCHER_TEMPLATE)
        entries = [SwitcherEntry(a.id, a.name, "page" if a.id == audience else "false")
                   for a in self.glossary.audiences if a.id in self.audiences]
        name = self.glossary.audience(audience).name
        pages = 0
        for path in sorted(site.rglob("*.html")):
            rel = path.relative_to(site).as_posix()
            if rel in PLAIN_PAGES:
                continue
            html = path.read_text(encoding="utf-8")
            found = CONTENT.search(html)
            if found is None:
                raise GuidanceError(
                    f"{audience}/{rel} has no content block for the audience switcher.",
                    fix="A page template in the theme's custom_dir must keep Material's "
                    '<article class="md-content__inner md-typeset">.')
            url = "" if rel == "index.html" else rel.removesuffix("index.html")
            depth = url.count("/")
            switcher = template.render(
                audience_switcher=entries, audience_name=name,
                audiences_root=("/".join([".."] * depth) or ".") + "/../",
                audience_page_url=url)
            path.write_text(html[:found.end()] + switcher + html[found.end():],
                            encoding="utf-8", newline="")
            pages += 1
        return pages

    def _write_chooser(self, site_dir: Path) -> None:
        """The MkDocs build's chooser, styled by the first audience's stylesheets."""
        first = self.audiences[0]
        home = (site_dir / first / "index.html").read_text(encoding="utf-8")
        sheets = [f"{first}/{sheet}" for sheet in STYLESHEETS.findall(home)
                  if not sheet.startswith(("http:", "https:", "/"))]
        config = self.project.config
        chooser = render_chooser(
            self.theme, self.glossary, self.audiences,
            {"site_name": str(config.get("site_name", "")), "stylesheets": sheets},
            site_description=config.get("site_description"),
            template_name=CHOOSER_PAGE_TEMPLATE,
        )
        (site_dir / "index.html").write_text(chooser, encoding="utf-8")
        not_found = site_dir / first / "404.html"
        if not_found.is_file():
            shutil.copyfile(not_found, site_dir / "404.html")


def _start(config: Path, cwd: Path, strict: bool) -> subprocess.Popen[bytes]:
    """Zensical on one audience's project; what it prints goes to a file beside it."""
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config)]
    with open(config.parent / LOG, "wb") as log:
        return subprocess.Popen(
            [*command, "--strict"] if strict else command,
            cwd=cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )


def _wait_any(running: dict[str, tuple[subprocess.Popen[bytes], float]]) -> str:
    """The first audience whose Zensical has finished."""
    while True:
        for audience, (process, _) in running.items():
            if process.poll() is not None:
                return audience
        time.sleep(0.02)


def _plain(output: str) -> str:
    """Zensical's output without its colours (it colours even when not on a terminal)."""
    return COLOUR.sub("", output)


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else "it stopped without saying why."


def _link(source: str, target: str) -> None:
    """The same file in every audience's project: a hard link costs no time and no space.

    A file already there (the audiences theme's, which the site's own replaces) is unlinked
    first: copying onto it would write through the link into the audiences theme itself.
    """
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
