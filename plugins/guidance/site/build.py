"""Cutting every audience's site out of the one shared rendering, and the chooser page.

MkDocs renders the site once, with placeholders wherever audiences' wording differs (see
`placeholders`). Each audience's folder is then that rendering with its own words put back,
its own version of any page whose audience-only regions differ, and its own search index,
sitemap and 404 page. Two processes share the audiences (see `parallel`).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from guidance.engine import Engine, Glossary, GuidanceError, GuidanceErrors, PreparedPage, Term
from guidance.site.links import PageLinks
from guidance.site.parallel import Background, map_forked
from guidance.site.placeholders import AudienceWriter, Cut, Placeholders, inert, leftover
from guidance.site.variants import Variant, page_variants

SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
CHOOSER_TEMPLATE = "audiences/chooser.html"
CHOOSER_PAGE_TEMPLATE = "audiences/chooser-page.html"
GLOSSARY_TEMPLATE = "audiences/glossary.md"
THEME_DIR = str(Path(__file__).parent / "theme")
# Material's own 404 page, overridden (plain words, a way home, a skip link)
MATERIAL_THEME_DIR = str(Path(__file__).parent / "theme" / "material")
PARALLEL_PAGES = 20  # below this, preparing pages in a second process saves nothing


@dataclass(frozen=True)
class SwitcherEntry:
    id: str
    name: str
    current: str  # "page" in the audience's own site, "false" elsewhere (aria-current)


@dataclass
class SiteBuild:
    """One build of several audiences: the shared rendering's words and each page's variants."""

    glossary: Glossary
    engine: Engine
    audience_ids: tuple[str, ...]  # the audiences the site has (switcher, chooser, words)
    # The audiences whose folders this build writes: all of them, or one shard's
    published: tuple[str, ...] = ()
    placeholders: Placeholders = field(init=False)
    variants: dict[str, list[Variant]] = field(default_factory=dict)
    # Pages rendered again for audiences outside their first variant: dest path -> audience -> html
    variant_html: dict[str, dict[str, str]] = field(default_factory=dict)
    # ... and their search entries: page url -> audience -> entries
    variant_search: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    # Each audience's rendering's anchors and links to anchors: src path -> audience -> links
    links: dict[str, dict[str, PageLinks]] = field(default_factory=dict)
    _definitions: dict[str, str] = field(default_factory=dict)
    _terms: dict[str, Term] = field(init=False)
    # start_pages' results so far, and the child still preparing the rest
    _prepared: dict[str, PreparedPage] = field(default_factory=dict)
    _errors: list[GuidanceError] = field(default_factory=list)
    _pending: _Pending | None = None

    def __post_init__(self) -> None:
        self.placeholders = Placeholders(self.audience_ids)
        self.published = self.published or self.audience_ids
        self._terms = {term.term: term for term in self.glossary.terms}

    # Words ------------------------------------------------------------------------------------

    def plain(self, text: str) -> str:
        """A title, nav label or site name, as a placeholder if audiences word it differently."""
        return self.placeholders.plain(text, self.engine.rewrite_plain)

    def text(self, text: str) -> str:
        """Glossary text, always a placeholder so it reaches the page escaped, never as markup."""
        return self.placeholders.token(
            text, [self.engine.rewrite_plain(text, a) for a in self.audience_ids]
        )

    def audience_name(self) -> str:
        return self.placeholders.per_audience(lambda a: self.glossary.audience(a).name)

    def audience_folder(self) -> str:
        return self.placeholders.per_audience(lambda a: a)

    def switcher(self) -> list[SwitcherEntry]:
        return [
            SwitcherEntry(
                audience.id,
                inert(audience.name),
                self.placeholders.per_audience(
                    lambda a, me=audience.id: "page" if a == me else "false"
                ),
            )
            for audience in self.glossary.audiences
            if audience.id in self.audience_ids
        ]

    # Pages ------------------------------------------------------------------------------------

    def add_page(self, src_uri: str, page: PreparedPage) -> None:
        self.variants[src_uri] = page_variants(self.engine, page, self.placeholders)

    def start_pages(self, pages: Sequence[tuple[str, str, str, str]], *, workers: int) -> bool:
        """Prepares each page (src_uri, path, text with its includes, text as written) and its
        variants: the first quarter here and, when there are enough, the rest in a forked
        child, so that MkDocs can go on rendering the first pages meanwhile; True if the pages
        prepared here hold a mistake. `finish_pages` takes in the child's part.

        A mistake in the page itself is reported at its own line numbers, not those of the
        page with its includes."""

        def prepare(page: tuple[str, str, str, str]) -> _Prepared:
            src_uri, path, text, written = page
            try:
                prepared = self.engine.prepare(text, path)
            except GuidanceErrors as problems:
                errors = problems.errors
                if text != written:
                    try:
                        self.engine.prepare(written, path)
                    except GuidanceErrors as own:
                        errors = own.errors
                return _Prepared(src_uri, path, None, [], errors)
            variants = page_variants(self.engine, prepared, self.placeholders)
            return _Prepared(src_uri, path, prepared, variants, [])

        start = len(self.placeholders)

        def chunk(pages: Sequence[tuple[str, str, str, str]]) -> tuple[list[_Prepared], list]:
            return [prepare(page) for page in pages], self.placeholders.since(start)

        # MkDocs renders the pages in this order: while it renders the first quarter, the
        # child prepares the rest (preparing a page costs a fraction of rendering it).
        mine = len(pages) // 4 if workers > 1 and len(pages) >= PARALLEL_PAGES else len(pages)
        theirs = Background(chunk, [pages[mine:]]) if mine < len(pages) else None
        try:
            results = [prepare(page) for page in pages[:mine]]
        except BaseException:
            if theirs:
                theirs.cancel()
            raise
        self._pending = _Pending(theirs, start, {page[0] for page in pages[mine:]})
        self._take(results)
        return any(result.errors for result in results)

    def pending(self, src_uri: str) -> bool:
        """Whether the page is among those the child is still preparing."""
        return self._pending is not None and src_uri in self._pending.src_uris

    def finish_pages(self) -> tuple[dict[str, PreparedPage], list[GuidanceError]]:
        """Takes in the child's part of `start_pages`: every prepared page by path, and every
        error, in the pages' order. The child's placeholders are taken in when this is called
        (`Placeholders.adopt`), so what the pages read does not depend on when that is."""
        pending, self._pending = self._pending, None
        if pending is not None and pending.child is not None:
            done, entries = pending.child.results()[0]
            ours = self.placeholders.adopt(pending.start, entries)
            self._take([dataclasses.replace(result, variants=[
                dataclasses.replace(variant, text=ours(variant.text))
                for variant in result.variants])
                for result in done])
        prepared, errors = self._prepared, self._errors
        self._prepared, self._errors = {}, []
        return prepared, errors

    def cancel_pages(self) -> None:
        """Stops the child of `start_pages` when the build has failed."""
        pending, self._pending = self._pending, None
        if pending is not None and pending.child is not None:
            pending.child.cancel()

    def _take(self, results: list[_Prepared]) -> None:
        for result in results:
            self._errors += result.errors
            if result.page is not None:
                self._prepared[result.path] = result.page
                self.variants[result.src_uri] = result.variants

    def add_glossary_page(self, src_uri: str, template: jinja2.Template) -> str:
        """Adds the glossary page, each audience's terms in its own alphabetical order, without
        the terms whose definition is `false` for that audience."""
        terms = self.glossary.terms
        entries = [(term, self.wording(term), self.definition(term)) for term in terms]
        texts: dict[str, list[str]] = {}
        for audience_id in self.audience_ids:
            shown = [e for e in entries if e[0].definition_for(audience_id) is not None]
            ordered = sorted(shown, key=lambda e: e[0].wording(audience_id).singular.casefold())
            text = template.render(terms=[{"words": w, "definition": d} for _, w, d in ordered])
            texts.setdefault(text, []).append(audience_id)
        variants = [Variant(text, tuple(audiences)) for text, audiences in texts.items()]
        variants.sort(key=lambda variant: -len(variant.audiences))
        self.variants[src_uri] = variants
        return variants[0].text

    def wording(self, term: Term) -> str:
        """The term as each audience says it, capitalised as a heading."""
        return self.placeholders.token(
            _first_capital(term.term),
            [_first_capital(term.wording(a).singular) for a in self.audience_ids],
        )

    def definition(self, term: Term) -> str:
        """A placeholder for what each audience reads the term means; empty where the audience
        has none (its tooltips are then taken out, see `AudienceWriter.html`)."""
        if term.term not in self._definitions:
            self._definitions[term.term] = self.placeholders.token(term.definition, [
                self.engine.definition(term, a) or "" for a in self.audience_ids
            ])
        return self._definitions[term.term]

    def tooltip_titles(self) -> dict[str, str]:
        """Each first mention's placeholder, with its term's definition's (see `tooltips`)."""
        by_term = self._terms
        return {token: self.definition(by_term[term])
                for token, term in self.placeholders.term_tokens().items() if term in by_term}

    # Publishing -------------------------------------------------------------------------------

    def publish(self, render_dir: str, site_dir: str, *, workers: int) -> None:
        """Writes site_dir/<id>/ for every audience from the shared rendering in render_dir.

        File by file, every audience at once: a page is read once and only one page is held
        at a time (a large site's pages, each with the whole nav, would not fit many times
        over). Two processes share the files.
        """
        files = sorted(
            os.path.relpath(os.path.join(root, name), render_dir).replace(os.sep, "/")
            for root, _, names in os.walk(render_dir)
            for name in names
            if name != SITEMAP + ".gz"  # written with the sitemap
        )
        map_forked(_Publish(self, render_dir, site_dir).file, files, workers)
        # The first audience's words went into the shared rendering itself: it becomes that
        # audience's folder, so its theme files are neither copied nor deleted.
        os.rename(render_dir, os.path.join(site_dir, self.published[0]))


@dataclass(frozen=True)
class _Pending:
    child: Background | None
    start: int  # the first placeholder number the child may have made
    src_uris: set[str]  # the pages it prepares


@dataclass(frozen=True)
class _Prepared:
    src_uri: str
    path: str
    page: PreparedPage | None
    variants: list[Variant]
    errors: list[GuidanceError]


@dataclass
class _Publish:
    build: SiteBuild
    render_dir: str
    site_dir: str
    _writers: dict[str, AudienceWriter] = field(default_factory=dict)
    _folders: set[str] = field(default_factory=set)  # made already

    def file(self, rel: str) -> None:
        """One file of the shared rendering, written for every audience; the first audience's
        copy, the shared file itself, last."""
        source = os.path.join(self.render_dir, rel)
        audiences = [*self.build.published[1:], self.build.published[0]]
        if not rel.endswith((".html", ".xml")) and rel != SEARCH_INDEX:
            for audience_id in audiences[:-1]:
                _link(source, self._target(audience_id, rel))
            return
        shared = Path(source).read_text(encoding="utf-8")
        index = json.loads(shared) if rel == SEARCH_INDEX and self.build.variant_search else {}
        cuts: dict[str, Cut] = {}  # each text cut once, whichever audiences read it

        def cut(text: str) -> Cut:
            if text not in cuts:
                cuts[text] = Cut(text)
            return cuts[text]

        own_html = self.build.variant_html.get(rel, {})
        for audience_id in audiences:
            words = self._writer(audience_id)
            if rel == SEARCH_INDEX:
                text = words.search_index(cut(self._search_index(audience_id, shared, index)))
            else:
                text = words.html(cut(own_html.get(audience_id, shared)))
            if leftover(text):
                raise PluginError(f"Internal error: unreplaced wording in {audience_id}/{rel}")
            target = self._target(audience_id, rel)
            if rel == SITEMAP and os.path.isfile(source + ".gz"):
                _gzip(text, target + ".gz.new", source + ".gz")
                os.replace(target + ".gz.new", target + ".gz")
            with open(target, "w", encoding="utf-8", newline="") as out:
                out.write(text)

    def _target(self, audience_id: str, rel: str) -> str:
        """Where the audience's copy goes: the first audience's is the shared file itself."""
        if audience_id == self.build.published[0]:
            return os.path.join(self.render_dir, rel)
        target = os.path.join(self.site_dir, audience_id, rel)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def _writer(self, audience_id: str) -> AudienceWriter:
        if audience_id not in self._writers:
            self._writers[audience_id] = self.build.placeholders.writer(audience_id)
        return self._writers[audience_id]

    def _search_index(self, audience_id: str, shared: str, index: dict) -> str:
        """The shared index, with the audience's own entries for pages it reads differently."""
        own = {url: by_audience[audience_id]
               for url, by_audience in self.build.variant_search.items()
               if audience_id in by_audience}
        if not own:
            return shared
        docs, done = [], set()
        for entry in index["docs"]:
            url = entry["location"].split("#", 1)[0]
            if url not in own:
                docs.append(entry)
            elif url not in done:
                docs.extend(own[url])
                done.add(url)
        return json.dumps({**index, "docs": docs}, separators=(",", ":"), default=str)


def render_chooser(
    env: jinja2.Environment,
    glossary: Glossary,
    built: Sequence[str],
    context: Mapping[str, Any],
    *,
    site_description: str | None,
    template_name: str = CHOOSER_TEMPLATE,
) -> str:
    """The root page asking readers who they are, linking each audience's home page, in the
    site's own theme (`context` is the theme's, as for its 404 page), or in the page shell of
    CHOOSER_PAGE_TEMPLATE where the theme cannot be rendered."""
    template = env.get_template(template_name)
    return template.render(
        **context,
        site_description=site_description,
        audiences=[
            {"id": a.id, "name": inert(a.name), "reader": inert(a.reader), "built": a.id in built}
            for a in glossary.audiences
        ],
    )


def _first_capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _link(source: str, target: str) -> None:
    """Theme assets are identical in every audience: hard links cost no time and no space."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _gzip(text: str, target: str, shared: str) -> None:
    """The sitemap compressed as MkDocs compressed the shared one, with the same timestamp."""
    with gzip.open(shared, "rb") as original:
        original.read()
        mtime = original.mtime
    with open(target, "wb") as raw, gzip.GzipFile(
        fileobj=raw, filename=target, mode="wb", mtime=mtime
    ) as out:
        out.write(text.encode("utf-8"))
