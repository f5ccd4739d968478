"""The MkDocs plugin `audiences`: one `mkdocs build` writes the chooser and a site per audience.

Thin glue: MkDocs renders the site once with placeholders for the words audiences say
differently (`site_build`), the engine decides every word, and the result is published all at
once (`staging`). Nothing in MkDocs is patched and `build()` is never run again.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown.extensions.toc
import mkdocs
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_relative_url, meta

from guidance.engine import (
    Engine,
    GuidanceError,
    GuidanceErrors,
    PreparedPage,
    expand_snippets,
    load_glossary,
    read_text,
)
from guidance.lint.output import text_line
from guidance.lint.rules import Finding, Severity
from guidance.lint.runner import LintUsageError, lint_project
from guidance.site.build import (
    GLOSSARY_TEMPLATE,
    MATERIAL_THEME_DIR,
    THEME_DIR,
    SiteBuild,
    render_chooser,
)
from guidance.site.injection import place
from guidance.site.links import (
    MKDOCS_PAGES_LOGGER,
    HeldBack,
    broken_links,
    describe,
    link_messages,
)
from guidance.site.parallel import Background
from guidance.site.preview import showing_errors
from guidance.site.provenance import SiteRecord, source_digest, write_record
from guidance.site.rendering import Rendered, VariantRenderer, html_ids, page_links
from guidance.site.selection import chosen_audiences
from guidance.site.source_checks import excerpt_problem, glossary_problems, page_problems
from guidance.site.staging import Staging
from guidance.site.tooltips import TooltipExtension
from guidance.site.variants import Variant

log = get_plugin_logger(__name__)

STYLESHEET = "assets/stylesheets/audiences.css"
SCRIPT = "assets/javascripts/audiences.js"
BANNER_TEMPLATE = "partials/audiences.html"
MENU_TEMPLATE = "partials/audiences-menu.html"
DRAWER_TEMPLATE = "partials/audiences-drawer.html"


class AudiencesConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # The folder holding audiences.yml and terms/, relative to mkdocs.yml
    glossary = c.Type(str, default="glossary")
    # Audience ids to build (all when empty); the GUIDANCE_AUDIENCES variable overrides this
    audiences = c.ListOfItems(c.Type(str), default=[])
    # The one audience `mkdocs serve` builds unless audiences are chosen (default: the source)
    preview = c.Optional(c.Type(str))
    # Where each audience's generated glossary page goes; empty for none
    glossary_page = c.Type(str, default="glossary.md")
    # Show a term's definition when the reader hovers over a swapped word
    tooltips = c.Type(bool, default=True)
    # Processes that write the audiences' folders (fork; 1 to stay in one process)
    workers = c.Type(int, default=2)
    # Also lint against the package's list of local-authority safeguarding jargon (LADO, MASH,
    # section 47...): for guidance about children's safeguarding; other sites leave it off
    builtin_jargon = c.Type(bool, default=False)


class AudiencesPlugin(BasePlugin[AudiencesConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.root = ""
        self.glossary_dir = ""
        self.build: SiteBuild | None = None
        self.staging: Staging | None = None
        self.warnings: CountHandler | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None
        self.variant_jobs: list[tuple[Page, Variant]] = []
        self.variant_renders: Background | None = None
        self.site_root = "/"
        self.lint_run: Background | None = None
        self.lint_pages: list[str] = []
        self.lint_started = False
        self.lint_findings: list[Finding] = []
        # The level the site asks for broken links to sections (MkDocs' validation setting)
        self.anchor_level = logging.INFO
        # MkDocs's messages about each page's links, held back to be reported once (links.py)
        self.held_back = HeldBack()
        self.first_said: dict[str, tuple[tuple[int, str], ...]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    # First: every other plugin should see the site name and folders the audiences get
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # The theme folder (its en-GB language, its templates) serves a disabled plugin's site
        # too; without a build's data its banner and switcher show nothing.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)
        if config.theme.name == "material":  # the plugin's own 404 page
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, MATERIAL_THEME_DIR)
        if not self.config.enabled:
            return None
        self.root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.glossary_dir = os.path.join(self.root, self.config.glossary)
        self.variant_renders = None
        self.lint_run = None
        self.lint_started = False
        self.warnings = None
        # The preview runs while an audience is still missing words, showing the gaps
        preview = self.command == "serve"
        glossary = _friendly(load_glossary, self.glossary_dir, allow_missing=preview)
        for warning in glossary.warnings if preview else ():
            if warning.code == "MISSING_AUDIENCE":
                log.warning("%s (the preview shows the gap; `mkdocs build` will stop here)",
                            warning)
        if problems := list(glossary_problems(glossary)):
            raise PluginError(str(GuidanceErrors(problems)))
        build = SiteBuild(glossary, Engine(glossary), *chosen_audiences(
            glossary, command=self.command, configured=self.config.audiences,
            preview=self.config.preview, environ=os.environ))
        self.build = build

        config.site_name = build.plain(config.site_name)
        if config.site_description:
            config.site_description = build.plain(config.site_description)
        if config.copyright:
            config.copyright = build.plain(config.copyright)
        site_url = (config.site_url or "/").rstrip("/")
        config.site_url = f"{site_url}/{build.audience_folder()}/"
        # Every audience's folder and the chooser share the reader's preferences (Material
        # keeps them under this path: colours, consent, tabs), unless the site chose a scope.
        self.site_root = urlsplit(site_url).path.rstrip("/") + "/"
        if config.extra.get("scope") is None:
            config.extra["scope"] = self.site_root

        toc = config.mdx_configs.setdefault("toc", {})
        slugify = toc.get("slugify", markdown.extensions.toc.slugify)
        words = build.placeholders
        toc["slugify"] = lambda value, separator: slugify(words.to_source(value), separator)

        page = self.config.glossary_page
        if page and config.nav is not None and not _mentions(config.nav, page):
            config.nav.append({"Glossary": page})
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        if self.config.tooltips:
            config.markdown_extensions.append(TooltipExtension(build.tooltip_titles))

        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            _generator_logger().addHandler(self.warnings)
        # The plugin checks links to sections in every audience's site (on_post_build), and
        # reports them at the level the site asks MkDocs for
        self.anchor_level = config.validation.links.anchors
        config.validation.links.anchors = logging.DEBUG
        self.first_said = {}
        logging.getLogger(MKDOCS_PAGES_LOGGER).addFilter(self.held_back)
        self.staging = Staging(config.site_dir)
        config.site_dir = self.staging.render_dir
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.build:
            return None
        pages, reserved = [], []
        snippets = _snippet_settings(config)
        for file in files.documentation_pages():
            source = file.abs_src_path
            path = os.path.relpath(source, self.root) if source else file.src_uri
            try:
                written = text = _page_text(file, path)
                if snippets is not None:  # what pymdownx.snippets includes is the page's prose
                    text = expand_snippets(text, *snippets)
                if problems := list(page_problems(text, path)):
                    raise GuidanceErrors(problems)
            except GuidanceError as problem:
                reserved.append(problem)
                continue
            except GuidanceErrors as problems:
                reserved += problems.errors
                continue
            pages.append((file.src_uri, path, text, written))
        self.files = files
        self.lint_pages = [f.abs_src_path for f in files.documentation_pages() if f.abs_src_path]
        # The pages after the first quarter are prepared on the second core while MkDocs
        # renders the first ones (`_pages_prepared` takes them in); a mistake found here stops
        # the build at once, with every page's mistakes listed.
        if self.build.start_pages(pages, workers=self.config.workers) or reserved:
            _, errors = self.build.finish_pages()
            raise PluginError(str(GuidanceErrors(reserved + errors)))
        if self.config.glossary_page:
            files.append(self._glossary_file(files, config))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.build:
            return None
        _retitle(nav.items, self.build.plain)
        self.nav = nav
        return nav

    # First: the plugins and hooks after this one (Material's blog making excerpts, a site's
    # shortcodes) work on the audiences' text, so what they add is kept and rewritten with it
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.build:
            return None
        if self.build.pending(page.file.src_uri):
            self._pages_prepared()
        variants = self.build.variants.get(page.file.src_uri)
        if variants is None:
            variants = self._prepare_generated(page, markdown)
        if len(variants) > 1 and (separator := _excerpt_separator(page, config)) is not None:
            self._check_excerpt(page, separator, config)
        body, page.meta = self._markdown(variants[0], page.meta)
        self.held_back.start()  # until on_page_content: MkDocs renders the page in between
        return body

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.build and self.build.variants.get(page.file.src_uri):
            self.first_said[page.file.src_uri] = self.held_back.stop()
        return None

    # Last: every page has been read and rendered, so titles are final for the nav
    @event_priority(-100)
    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        if not self.build:
            return None
        self._pages_prepared()
        self.env = env
        self.variant_jobs = [
            (file.page, variant)
            for file in files.documentation_pages()
            if file.page is not None
            for variant in self.build.variants.get(file.src_uri, [])[1:]
            if set(variant.audiences) & set(self.build.published)
        ]
        return None

    # Early: the banner goes into the HTML as the theme wrote it, before a minifier, say
    @event_priority(50)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # Once the first page is written its templates are compiled: from here the other
        # variants are rendered on the second core while MkDocs writes the remaining pages.
        if self.variant_jobs and self.variant_renders is None and self.config.workers > 1:
            renderer = self._renderer(config)

            def job(job: tuple[Page, Variant]) -> Rendered:
                page.active = False  # the page MkDocs is building as the child starts
                return self._render(renderer, job)

            self.variant_renders = Background(job, self.variant_jobs)
        if not self.build:
            return None
        return self._with_switcher(output, get_relative_url(".", page.url), page.url)

    @event_priority(50)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if not self.build or not template_name.endswith(".html"):
            return None
        if template_name == "404.html":  # served at any address: absolute links to each home
            base_url = self.site_root + self.build.audience_folder()
            return self._with_switcher(output_content, base_url, "")
        return self._with_switcher(output_content, ".", template_name)  # e.g. search.html

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.build:
            return None
        context["audience_name"] = self.build.audience_name()
        context["audience_switcher"] = self.build.switcher()
        context["audiences_root"] = context["base_url"] + "/../"
        context["audience_page_url"] = page.url
        return context

    # Last: the search index and sitemap must already be written, to be cut up per audience
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.build or not self.staging:
            return
        self._report_lint()
        self._render_variants(config)
        self._check_links()
        self._stop_counting()
        if self.warnings and self.warnings.get_counts():
            self.staging.discard()  # MkDocs now aborts the strict build: keep the old site
            config.site_dir = self.staging.target
            return
        render_dir, site_dir = self.staging.render_dir, self.staging.site_dir
        pages = len(self.files.documentation_pages()) if self.files else 0
        for audience_id in self.build.published:
            log.info("%s: writing %d pages", audience_id, pages)
        started = time.perf_counter()
        self.build.publish(render_dir, site_dir, workers=self.config.workers)
        seconds = time.perf_counter() - started
        for audience_id in self.build.published:
            log.info("%s: %d pages written to %s/ (%.1f s for all %d audiences together)",
                     audience_id, pages, audience_id, seconds, len(self.build.published))
        self._write_root_pages(site_dir, config)
        sources = [config.docs_dir, self.glossary_dir, config.config_file_path]
        write_record(site_dir, SiteRecord(self.build.published, source_digest(
            [path for path in sources if path])))
        self.staging.swap()
        config.site_dir = self.staging.target  # for what runs next, e.g. `mkdocs gh-deploy`
        log.info(
            "Built %s under %s", ", ".join(self.build.published), self.staging.target
        )

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_counting()
        if self.build:
            self.build.cancel_pages()
        for run in (self.variant_renders, self.lint_run):
            if run:
                run.cancel()
        if self.staging:
            self.staging.discard()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and os.path.isdir(self.glossary_dir):
            server.watch(self.glossary_dir)
        server.builder = showing_errors(server.builder, server.root)
        return server

    # Helpers ----------------------------------------------------------------------------------

    def _pages_prepared(self) -> None:
        """Takes in the pages prepared on the second core (once), then starts the lint, which
        reads every prepared page."""
        if self.lint_started:
            return
        self.lint_started = True
        prepared, errors = self.build.finish_pages()
        if errors:
            raise PluginError(str(GuidanceErrors(errors)))
        self._start_lint(prepared)

    def _start_lint(self, prepared: dict[str, PreparedPage]) -> None:
        """`guidance lint` on the pages being built, on the second core while MkDocs renders
        them (`_report_lint` reports it). Region errors never get here: the pages were
        prepared without any."""
        pages = self.lint_pages
        built = self.build.published
        glossary, root, builtin = self.build.glossary, self.root, self.config.builtin_jargon

        def lint(_: None) -> list[Finding]:
            try:
                return lint_project(
                    glossary, pages, root=root, workers=1, builtin_jargon=builtin,
                    audiences=None if set(built) == set(glossary.ids) else built,
                    prepared=prepared)
            except LintUsageError as error:
                raise PluginError(str(error)) from None

        self.lint_run = Background(lint, [None]) if self.config.workers > 1 else None
        self.lint_findings = [] if self.lint_run else lint(None)

    def _report_lint(self) -> None:
        """Lint errors are warnings, so `--strict` fails on them; warnings and notes are
        counted in one line (listed with --verbose)."""
        findings = self.lint_run.results()[0] if self.lint_run else self.lint_findings
        self.lint_run = None
        others = 0
        for finding in sorted(findings, key=lambda finding: finding.sort_key):
            error = finding.severity is Severity.ERROR
            others += not error
            log.log(logging.WARNING if error else logging.DEBUG, text_line(finding))
        if others > 1:
            log.info("%d terminology notes (not errors): `guidance lint` lists them", others)
        elif others:
            log.info("1 terminology note (not an error): `guidance lint` lists it")

    def _markdown(
        self, variant: Variant, page_meta: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """The variant's body, and the page's metadata with its rewritten title and
        description: what MkDocs or another plugin set (a blog post's `template`) is kept."""
        body, own = meta.get_data(variant.text)
        rewritten = {key: own[key] for key in ("title", "description") if key in own}
        return body, {**page_meta, **rewritten}

    def _prepare_generated(self, page: Page, markdown: str) -> list[Variant]:
        """A page another plugin made after the pages were read (the blog's archive,
        category and pagination pages), prepared from the Markdown it was given."""
        src_uri = page.file.src_uri
        try:
            self.build.add_page(src_uri, self.build.engine.prepare(markdown, src_uri))
        except GuidanceErrors as problems:
            raise PluginError(str(problems)) from None
        return self.build.variants[src_uri]

    def _check_excerpt(self, post: Page, separator: str, config: MkDocsConfig) -> None:
        """A blog post's excerpt must read the same for every audience (source_checks)."""
        source = post.file.abs_src_path
        path = os.path.relpath(source, self.root) if source else post.file.src_uri
        text = _page_text(post.file, path)
        if (snippets := _snippet_settings(config)) is not None:
            text = expand_snippets(text, *snippets)
        if problem := excerpt_problem(self.build.engine.prepare(text, path), separator):
            raise PluginError(str(GuidanceErrors([problem])))

    def _glossary_file(self, files: Files, config: MkDocsConfig) -> File:
        src_uri = self.config.glossary_page
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} exists, but the audiences plugin writes the glossary page "
                "there. Fix: rename the page, or set the plugin's 'glossary_page' option."
            )
        template = config.theme.get_env().get_template(GLOSSARY_TEMPLATE)
        text = self.build.add_glossary_page(src_uri, template)
        return File.generated(config, src_uri, content=text)

    def _render_variants(self, config: MkDocsConfig) -> None:
        """Collects every page's other variants, rendered in the background or now."""
        renders = (
            self.variant_renders.results()
            if self.variant_renders
            else [self._render(self._renderer(config), job) for job in self.variant_jobs]
        )
        for (page, variant), (html, entries, links) in zip(self.variant_jobs, renders,
                                                          strict=True):
            html = self._with_switcher(html, get_relative_url(".", page.url), page.url)
            for audience_id in variant.audiences:
                self.build.variant_html.setdefault(page.file.dest_uri, {})[audience_id] = html
                self.build.variant_search.setdefault(page.url, {})[audience_id] = entries
                self.build.links.setdefault(page.file.src_uri, {})[audience_id] = links

    def _check_links(self) -> None:
        """Reports each link to a section that some audience's site does not have."""
        for file in self.files.documentation_pages():
            variants = self.build.variants.get(file.src_uri)
            if file.page is not None and variants:
                for audience_id in variants[0].audiences:
                    self.build.links.setdefault(file.src_uri, {})[audience_id] = replace(
                        page_links(file.page), said=self.first_said.get(file.src_uri, ()))
        self._add_finished_ids()
        for broken in broken_links(self.build.links, self.build.published):
            file = self.files.get_file_from_path(broken.page)
            location = broken.page
            if file is not None and file.abs_src_path:
                text = file.content_string
                line = text.count("\n", 0, max(text.find(broken.link), 0)) + 1
                location = f"{os.path.relpath(file.abs_src_path, self.root)}:{line}"
            # Broken for every audience: what MkDocs itself would report, at the site's level.
            # Broken by an audience region: a region mistake, which --strict always fails on.
            level = logging.WARNING if broken.found_in else self.anchor_level
            log.log(level, "%s: %s", location, describe(broken))
        for level, message in link_messages(self.build.links, self.build.published):
            logging.getLogger(MKDOCS_PAGES_LOGGER).log(level, message)

    def _render(self, renderer: VariantRenderer, job: tuple[Page, Variant]) -> Rendered:
        """A variant's rendering, with what MkDocs said about its links held back."""
        with self.held_back.collecting() as said:
            html, entries, links = renderer.render(*job)
        return html, entries, replace(links, said=tuple(said))

    def _add_finished_ids(self) -> None:
        """Adds the ids of the finished page (the theme's, other plugins') to each rendering
        that a link asks for a section its Markdown does not have: read only where needed."""
        renderings = self.build.links
        wanted = {
            (target, audience_id)
            for by_audience in renderings.values()
            for audience_id, rendering in by_audience.items()
            for target, anchors in rendering.links.items()
            if target in renderings and audience_id in renderings[target]
            and not renderings[target][audience_id].anchors.issuperset(anchors)
        }
        for target, audience_id in wanted:
            file = self.files.get_file_from_path(target)
            if file is None:
                continue
            output = self.build.variant_html.get(file.dest_uri, {}).get(audience_id)
            if output is None and os.path.isfile(file.abs_dest_path):
                with open(file.abs_dest_path, encoding="utf-8") as rendered:
                    output = rendered.read()
            rendering = renderings[target][audience_id]
            renderings[target][audience_id] = dataclasses.replace(
                rendering, anchors=rendering.anchors | html_ids(output or ""))

    def _renderer(self, config: MkDocsConfig) -> VariantRenderer:
        return VariantRenderer(
            config, self.env, self.nav, self.files, self._markdown,
            lambda context, page: self.on_page_context(context, page=page, config=config,
                                                       nav=self.nav),
        )

    def _with_switcher(self, output: str, base_url: str, page_url: str) -> str:
        """The page with the audience banner, header menu and drawer line placed (see
        `injection`)."""
        context = {
            "audience_name": self.build.audience_name(),
            "audience_switcher": self.build.switcher(),
            "audiences_root": base_url + "/../",
            "audience_page_url": page_url,
        }
        return place(output, *(self.env.get_template(name).render(context)
                               for name in (BANNER_TEMPLATE, MENU_TEMPLATE, DRAWER_TEMPLATE)))

    def _write_root_pages(self, site_dir: str, config: MkDocsConfig) -> None:
        """The chooser, and a 404 page for hosts that serve one for the whole site."""
        first = self.build.audience_ids[0]
        # Rendered as the theme renders its 404 page: no page, links relative to a folder
        # (here the first audience's, whose theme files it uses), in that audience's words.
        # (the slash: Material's scripts resolve the search index against it as a folder)
        context = get_context(self.nav, self.files, config, base_url=f"{first}/")
        # The site's logo leads back to the chooser, not into the first audience's site
        own_homepage = "homepage" in config.extra
        if not own_homepage:
            config.extra["homepage"] = "../"
        try:
            chooser = self.build.placeholders.writer(first).html(render_chooser(
                self.env, self.build.glossary, self.build.audience_ids, context,
                site_description=config.site_description or None,
            ))
        finally:
            if not own_homepage:
                config.extra.pop("homepage")
        with open(os.path.join(site_dir, "index.html"), "w", encoding="utf-8") as out:
            out.write(chooser)
        # The first audience's 404 page works from the root too: its links are absolute.
        not_found = os.path.join(site_dir, first, "404.html")
        if os.path.isfile(not_found):
            shutil.copyfile(not_found, os.path.join(site_dir, "404.html"))

    def _stop_counting(self) -> None:
        self.held_back.stop()
        logging.getLogger(MKDOCS_PAGES_LOGGER).removeFilter(self.held_back)
        if self.warnings:
            _generator_logger().removeHandler(self.warnings)


def _generator_logger() -> logging.Logger:
    """The logger every message of the running generator reaches: `mkdocs`, or `properdocs`
    when ProperDocs runs (its `mkdocs` module is itself)."""
    return logging.getLogger(mkdocs.__name__)


def _friendly(load: Any, *args: Any, **options: Any) -> Any:
    """Runs a loader, turning the engine's located errors into one message per line."""
    try:
        return load(*args, **options)
    except (GuidanceError, GuidanceErrors) as error:
        raise PluginError(str(error)) from None


def _page_text(file: File, path: str) -> str:
    """The page's Markdown; a page that is not UTF-8 gets the linter's located message."""
    try:
        return file.content_string
    except UnicodeDecodeError:
        if file.abs_src_path:
            read_text(Path(file.abs_src_path), path)  # raises the located error
        raise GuidanceError("is not UTF-8 text.", path=path,
                            fix="save the file as UTF-8 in your editor.") from None


def _mentions(nav: Any, path: str) -> bool:
    """Whether a nav from mkdocs.yml already lists the page at path."""
    if isinstance(nav, str):
        return nav == path
    if isinstance(nav, dict):
        return any(_mentions(value, path) for value in nav.values())
    if isinstance(nav, list):
        return any(_mentions(item, path) for item in nav)
    return False


def _retitle(items: list, plain: Any) -> None:
    """Nav titles from mkdocs.yml in each audience's words (page titles come from the page)."""
    for item in items:
        if item.title is not None:
            item.title = plain(item.title)
        if isinstance(item, Section):
            _retitle(item.children, plain)


def _excerpt_separator(page: Page, config: MkDocsConfig) -> str | None:
    """The separator of the blog that lists the page as a post (Material's blog plugin, one
    instance per blog), or None for any other page."""
    for plugin in config.plugins.values():
        separator = getattr(getattr(plugin, "config", None), "post_excerpt_separator", None)
        posts = getattr(getattr(plugin, "blog", None), "posts", ())
        if isinstance(separator, str) and page in posts:
            return separator
    return None


def _snippet_settings(config: MkDocsConfig) -> tuple[list[str], bool, bool] | None:
    """pymdownx.snippets' base paths, restriction and dedenting, if the site uses it."""
    if "pymdownx.snippets" not in config.markdown_extensions:
        return None
    options = config.mdx_configs.get("pymdownx.snippets", {})
    bases = options.get("base_path", ["."])
    return ([bases] if isinstance(bases, str) else list(bases),
            bool(options.get("restrict_base_path", True)),
            bool(options.get("dedent_subsections", False)))
