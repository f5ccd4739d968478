"""`mkdocs build` with the audiences plugin, run for real on the fixture project in fixtures/site
(described in sitechecks.py, whose checks of the built site run here too)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidance.engine.glossary import load_glossary
from guidance.engine.pages import Engine
from guidance.site.build import PARALLEL_PAGES, SiteBuild
from guidance.site.placeholders import Placeholders
from guidance.site.variants import page_variants
from tests.generator import build_command
from tests.sitechecks import (
    AUDIENCES,
    FIXTURE,
    PAGES,
    Html,
    SearchIndex,
    SiteChecks,
    audience_links,
    copy_project,
    read,
    tree,
)


def mkdocs_build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    for variable in ("GUIDANCE_AUDIENCES", "GUIDANCE_SHARD"):
        if variable not in env:
            environment.pop(variable, None)
    return subprocess.run(
        build_command(*args),
        cwd=project, env=environment, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def search() -> SearchIndex:
    return SearchIndex("search/search_index.json", "docs")  # Material's search plugin


class TestSiteChecks(SiteChecks):
    """The checks every generator's site passes (tests/sitechecks.py), on the site MkDocs (or
    ProperDocs) built."""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose site has been built once: failed builds must leave that site alone."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    assert mkdocs_build(project).returncode == 0
    return project


@pytest.fixture
def project(published: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(published, tmp_path / "project"))


# Sharing one rendering -----------------------------------------------------------------------


def test_each_audience_reads_exactly_the_engines_rewrite_through_its_page_variant() -> None:
    glossary = load_glossary(FIXTURE / "glossary")
    engine = Engine(glossary)
    placeholders = Placeholders(glossary.ids)
    for path in sorted((FIXTURE / "docs").rglob("*.md")):
        page = engine.prepare(path.read_text("utf-8"), str(path))
        variants = page_variants(engine, page, placeholders)
        readers = [a for variant in variants for a in variant.audiences]
        assert sorted(readers) == sorted(glossary.ids)
        for variant in variants:
            for audience in variant.audiences:
                expected = engine.rewrite(page, audience).text
                assert placeholders.to_audience(variant.text, audience) == expected


def test_pages_differing_only_in_words_share_one_variant() -> None:
    glossary = load_glossary(FIXTURE / "glossary")
    engine = Engine(glossary)
    placeholders = Placeholders(glossary.ids)
    meetings = engine.prepare((FIXTURE / "docs/guide/meetings.md").read_text("utf-8"))
    sharing = engine.prepare((FIXTURE / "docs/guide/sharing.md").read_text("utf-8"))
    assert len(page_variants(engine, meetings, placeholders)) == 1
    assert [v.audiences for v in page_variants(engine, sharing, placeholders)] == [
        ("practitioners", "childminders"), ("police",)]


def test_pages_prepared_on_two_cores_read_exactly_as_prepared_on_one() -> None:
    glossary = load_glossary(FIXTURE / "glossary")
    engine = Engine(glossary)
    sources = sorted((FIXTURE / "docs").rglob("*.md"))
    # Enough pages for the second process, whose half uses words the first half does not
    texts = [(f"{n}-{path.name}", path.read_text("utf-8") + (
              "\nThe strategy discussion notes.\n" if n >= PARALLEL_PAGES // 2 else ""))
             for n in range(PARALLEL_PAGES) for path in sources]
    pages = [(name, f"docs/{name}", text, text) for name, text in texts]
    built = {}
    for workers in (1, 2):
        build = SiteBuild(glossary, engine, tuple(glossary.ids))
        build.plain("Advice for practitioners")  # a placeholder made before the pages
        assert not build.start_pages(pages, workers=workers)
        # ... and one made while the child prepares its part, as MkDocs renders the first pages
        build.plain("The local authority's strategy discussion")
        prepared, errors = build.finish_pages()
        assert not errors and len(prepared) == len(pages)
        built[workers] = {
            (src_uri, audience): build.placeholders.to_audience(variant.text, audience)
            for src_uri, variants in build.variants.items()
            for variant in variants for audience in variant.audiences
        }
    assert built[2] == built[1]
    for (src_uri, audience), text in built[2].items():
        source = next(text for uri, _, text, _ in pages if uri == src_uri)
        assert text == engine.rewrite(engine.prepare(source), audience).text


# The chooser ---------------------------------------------------------------------------------


def test_chooser_names_each_audience_and_its_reader(site: Path) -> None:
    text = Html((site / "index.html").read_text(encoding="utf-8")).text
    assert "Who are you?" in text
    text = text[text.index("Choose the version"):]  # the list, after the emergency message
    positions = [text.index(words) for words in (
        "Local authority practitioners", "Staff who work for a council",
        "Childminders", "Registered childminders and their assistants",
        "Police", "Police officers and police staff")]
    assert positions == sorted(positions)


def test_chooser_is_in_the_sites_theme_and_language_with_its_footer(site: Path) -> None:
    source = (site / "index.html").read_text(encoding="utf-8")
    assert Html(source).lang == read(site, "police", "index.html").lang == "en"
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', source)
    assert any("/assets/stylesheets/main." in sheet for sheet in sheets)
    scripts = re.findall(r'<script src="([^"]+)"', source)
    ours = [path for path in [*sheets, *scripts] if "://" not in path]  # not the theme's fonts
    assert all((site / path).is_file() for path in ours)
    assert 'class="md-footer"' in source and "md-copyright" in source


# Every audience, every page ------------------------------------------------------------------


def test_root_404_page_is_the_first_audiences_with_absolute_links(site: Path) -> None:
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert not_found == (site / "practitioners/404.html").read_text(encoding="utf-8")
    assert 'href="/advice/practitioners/assets/stylesheets/' in not_found


def test_region_variant_page_marks_only_itself_in_the_nav(site: Path) -> None:
    def active(audience: str) -> list[str]:
        source = (site / audience / "guide/sharing/index.html").read_text("utf-8")
        return re.findall(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active"', source)

    assert active("police") == active("practitioners") != []


# Anchors and the switcher --------------------------------------------------------------------


def test_heading_ids_come_from_the_source_wording_in_every_audience(site: Path) -> None:
    for page in PAGES:
        source = read(site, "practitioners", page).heading_ids
        assert read(site, "childminders", page).heading_ids == source
        police = [i for i in read(site, "police", page).heading_ids if i != "police-powers"]
        # The fixture leaves "practitioner" out of the police glossary (definition: false).
        assert police == [i for i in source if page != "glossary/index.html" or
                          i != "practitioner"]
    assert "when-a-practitioner-should-share" in read(
        site, "police", "guide/sharing/index.html").heading_ids


def test_every_page_says_who_it_is_for(site: Path) -> None:
    for audience, name in zip(AUDIENCES, ["Local authority practitioners", "Childminders",
                                          "Police"], strict=True):
        source = (site / audience / "guide/meetings/index.html").read_text("utf-8")
        assert f"Written for <strong>{name}</strong>" in source


def test_switcher_links_the_same_page_in_every_audience(site: Path) -> None:
    for audience in AUDIENCES:
        for page in PAGES[:-1]:
            html = read(site, audience, page)
            def offered(links: list[dict[str, str]]) -> list[tuple[str, str]]:
                return [(link["href"], link["aria-current"]) for link in links]

            assert offered(html.menu) == offered(html.switcher)  # the header menu's too
            folder = (site / audience / page).parent
            targets = [(folder / link["href"]).resolve() for link in html.switcher]
            assert targets == [(site / a / page).parent.resolve() for a in AUDIENCES]
            current = [link["aria-current"] for link in html.switcher]
            assert current == ["page" if a == audience else "false" for a in AUDIENCES]


def test_every_page_loads_the_script_that_carries_the_section_over(site: Path) -> None:
    for audience in AUDIENCES:
        source = (site / audience / "guide/sharing/index.html").read_text("utf-8")
        assert '<script src="../../assets/javascripts/audiences.js"></script>' in source
        assert (site / audience / "assets/javascripts/audiences.js").is_file()


# Glossary page and tooltips ------------------------------------------------------------------


def test_first_mention_of_a_swapped_word_in_each_section_carries_its_definition(
    site: Path,
) -> None:
    source = (site / "childminders/guide/meetings/index.html").read_text("utf-8")
    definition = '<abbr title="Someone who works with children.">'
    assert f"{definition}childminders</abbr>" in source  # the page's opening section
    assert f"Each {definition}childminder</abbr> brings notes." in source  # the next section
    assert source.count(definition) == 2


def test_later_mentions_in_the_same_section_are_plain_words() -> None:
    glossary = load_glossary(FIXTURE / "glossary")
    engine, placeholders = Engine(glossary), Placeholders(glossary.ids)
    page = engine.prepare(
        "# Meetings\n\nA practitioner asks another practitioner.\n\n"
        "## Notes\n\nEach practitioner and every practitioner writes.\n")
    text = page_variants(engine, page, placeholders)[0].text
    explained = placeholders.terms_in(text)  # the placeholders that carry a definition
    sections = text.split("## Notes")
    assert [sum(part.count(token) for token in explained) for part in sections] == [1, 1]


def test_glossary_page_shows_an_audiences_own_definition_in_its_words(site: Path) -> None:
    police = read(site, "police", "glossary/index.html").text
    assert re.search(r"Strategy discussion\W+A meeting where your force and the local authority "
                     r"plan a child's safety\.", police)
    assert "A meeting to decide" not in police
    practitioners = read(site, "practitioners", "glossary/index.html").text
    assert re.search(r"Strategy discussion\W+A meeting to decide", practitioners)


def test_glossary_page_leaves_out_a_term_defined_false_for_the_audience(site: Path) -> None:
    police = read(site, "police", "glossary/index.html")
    assert police.heading_ids == ["glossary", "strategy-discussion"]
    assert "Someone who works with children" not in police.text
    childminders = read(site, "childminders", "glossary/index.html")
    assert "practitioner" in childminders.heading_ids


def test_tooltips_carry_the_audiences_own_definition(site: Path) -> None:
    source = (site / "police/guide/meetings/index.html").read_text("utf-8")
    own = "A meeting where your force and the local authority plan a child&#x27;s safety."
    assert f'<abbr title="{own}">A strategy discussion</abbr>' in source


def test_a_term_defined_false_has_no_tooltip_but_keeps_its_words(site: Path) -> None:
    source = (site / "police/guide/meetings/index.html").read_text("utf-8")
    assert "brings police officers together" in source
    assert "Someone who works with children" not in source
    assert '<abbr title="">' not in source


def test_headings_carry_no_tooltips(site: Path) -> None:
    source = (site / "childminders/guide/sharing/index.html").read_text("utf-8")
    assert not re.search(r"<h\d[^>]*>[^<]*<abbr", source)


# Choosing audiences --------------------------------------------------------------------------


def test_environment_variable_builds_only_the_chosen_audiences(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, "--strict", GUIDANCE_AUDIENCES="police")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "site").iterdir()) == [
        ".guidance-site.json", "404.html", "index.html", "police"]
    chooser = Html((project / "site/index.html").read_text("utf-8"))
    assert audience_links(chooser) == ["police/"]
    assert "not built in this preview" in chooser.text


def test_unknown_audience_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, GUIDANCE_AUDIENCES="teachers")
    assert result.returncode != 0
    assert "GUIDANCE_AUDIENCES" in result.stderr and "police" in result.stderr
    assert "Traceback" not in result.stderr



# Shards ----------------------------------------------------------------------------------------

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
SHARDS = {"police": "police", "rest": "practitioners,childminders"}


def guidance(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidance.cli", *args], cwd=project,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture built whole into full/, and as two shards into shards/ (as two CI jobs)."""
    project = copy_project(tmp_path_factory.mktemp("sharded") / "project")
    assert mkdocs_build(project, "--strict", "-d", "full", **EPOCH).returncode == 0
    for name, audiences in SHARDS.items():
        result = mkdocs_build(project, "--strict", "-d", f"shards/{name}",
                              GUIDANCE_SHARD=audiences, **EPOCH)
        assert result.returncode == 0, result.stderr
    return project


def test_shards_combine_into_exactly_the_site_one_build_writes(sharded: Path) -> None:
    result = guidance(sharded, "combine", "shards/police", "shards/rest", "--out", "site")
    assert result.returncode == 0, result.stderr
    assert tree(sharded / "site") == tree(sharded / "full")


def test_shard_writes_its_audiences_folders_with_the_whole_sites_chooser_and_switcher(
    sharded: Path,
) -> None:
    shard = sharded / "shards/police"
    assert sorted(p.name for p in shard.iterdir()) == [
        ".guidance-site.json", "index.html", "police"]
    assert audience_links(Html((shard / "index.html").read_text("utf-8"))) == [
        f"{a}/" for a in AUDIENCES]
    switcher = read(shard, "police", "guide/sharing/index.html").switcher
    assert [link["href"].split("/")[3] for link in switcher] == AUDIENCES


def test_combine_refuses_shards_missing_an_audience_and_keeps_the_old_site(
    sharded: Path, tmp_path: Path,
) -> None:
    out = tmp_path / "site"
    shutil.copytree(sharded / "full", out)
    before = tree(out)
    result = guidance(sharded, "combine", "shards/police", "--out", str(out))
    assert result.returncode != 0
    assert "practitioners, childminders" in result.stderr
    assert "GUIDANCE_SHARD=practitioners,childminders" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == before


def test_combine_refuses_an_audience_built_in_two_shards(sharded: Path, tmp_path: Path) -> None:
    shutil.copytree(sharded / "shards/police", tmp_path / "again")
    result = guidance(sharded, "combine", "shards/police", "shards/rest", str(tmp_path / "again"),
                      "--out", str(tmp_path / "site"))
    assert result.returncode != 0
    assert "'police' is in two shards" in result.stderr
    assert not (tmp_path / "site").exists()


def test_shard_and_preview_together_are_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, GUIDANCE_SHARD="police", GUIDANCE_AUDIENCES="police")
    assert result.returncode != 0
    assert "Both GUIDANCE_SHARD and GUIDANCE_AUDIENCES are set" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()

# Failing builds ------------------------------------------------------------------------------


def test_broken_glossary_fails_naming_file_and_line_and_keeps_the_old_site(project: Path) -> None:
    before = tree(project / "site")
    terms = project / "glossary/terms/people.yml"
    terms.write_text(terms.read_text("utf-8").replace("    police: strategy discussion\n", ""))
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert re.search(r"glossary/terms/people\.yml:\d+", result.stderr), result.stderr
    assert "police" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == before


def test_unclosed_region_fails_naming_file_and_line_and_keeps_the_old_site(project: Path) -> None:
    before = tree(project / "site")
    page = project / "docs/guide/meetings.md"
    text = page.read_text("utf-8") + "\n<!-- audience: police -->\nOnly police officers.\n"
    page.write_text(text)
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert f"docs/guide/meetings.md:{text.count(chr(10)) - 1}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == before


@pytest.mark.parametrize("broken", [("zz-23.md",), ("aa-first.md", "zz-23.md")],
                         ids=["a page prepared on the second core",
                              "pages prepared on both cores"])
def test_region_mistakes_on_a_large_site_fail_listing_every_one_and_keep_the_old_site(
        project: Path, broken: tuple[str, ...]) -> None:
    # Enough pages for the second core to prepare the last three quarters while the build
    # renders the first pages: its mistakes must stop the build as the first pages' do.
    for n in range(PARALLEL_PAGES + 4):
        (project / f"docs/zz-{n:02}.md").write_text(f"# Part {n}\n\nA practitioner reads on.\n")
    (project / "docs/aa-first.md").write_text("# First\n\nA practitioner reads first.\n")
    before = tree(project / "site")
    for name in broken:
        page = project / "docs" / name
        page.write_text(page.read_text("utf-8") + "\n<!-- audience: police -->\nOnly police.\n")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    for name in broken:
        assert f"docs/{name}:5:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == before
    assert not list(project.glob(".site.building-*"))


def test_strict_warning_fails_the_build_and_keeps_the_old_site(project: Path) -> None:
    before = tree(project / "site")
    page = project / "docs/guide/meetings.md"
    page.write_text(page.read_text("utf-8") + "\nSee [the missing page](missing.md).\n")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert "missing.md" in result.stderr
    assert tree(project / "site") == before
    assert not list(project.glob(".site.building-*"))


def test_lint_error_fails_strict_build_naming_file_line_column_and_rule(project: Path) -> None:
    before = tree(project / "site")
    page = project / "docs/guide/meetings.md"
    lines = page.read_text("utf-8").count("\n")
    page.write_text(page.read_text("utf-8") + "\nAsk about a referral.\n")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert re.search(rf"WARNING .*docs/guide/meetings\.md:{lines + 2}:13: TM001 'referral'",
                     result.stderr), result.stderr
    assert tree(project / "site") == before


def test_lint_notes_are_summed_up_in_one_line_without_failing_strict_build(
    project: Path,
) -> None:
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert re.search(r"INFO .*3 terminology notes \(not errors\): `guidance lint` lists them",
                     result.stderr), result.stderr
    assert "RG002" not in result.stderr


def test_lint_notes_are_listed_with_verbose(project: Path) -> None:
    result = mkdocs_build(project, "--strict", "--verbose")
    assert result.returncode == 0, result.stderr
    assert re.search(r"DEBUG .*glossary/audiences\.yml:\d+:\d+: RG002", result.stderr)

def test_killed_build_leaves_the_old_site_exactly_as_it_was(project: Path) -> None:
    before = tree(project / "site")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for wait in (0.5, 1.0, 1.5):
        build = subprocess.Popen(build_command(), cwd=project,
                                 env=environment, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            build.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            build.kill()
            build.wait()
            assert tree(project / "site") == before


def test_successful_build_replaces_the_old_site_and_leaves_no_work_folder(project: Path) -> None:
    abandoned = project / ".site.building-999999999-killed"  # left by a build that was killed
    (abandoned / "render").mkdir(parents=True)
    page = project / "docs/guide/meetings.md"
    page.write_text(page.read_text("utf-8") + "\nA new line for every practitioner.\n")
    assert mkdocs_build(project, "--strict").returncode == 0
    assert "A new line for every childminder." in read(
        project / "site", "childminders", "guide/meetings/index.html").text
    assert not list(project.glob(".site.building-*"))


def test_broken_link_only_one_audience_reads_fails_strict_build(project: Path) -> None:
    before = tree(project / "site")
    page = project / "docs/guide/sharing.md"
    page.write_text(page.read_text("utf-8").replace(
        "Police practitioners may act at once.",
        "Police practitioners may act at once. See [powers](powers.md)."))
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert "powers.md" in result.stderr
    assert tree(project / "site") == before



def test_link_to_a_section_an_audience_region_drops_fails_strict_naming_both_pages(
    project: Path,
) -> None:
    before = tree(project / "site")
    page = project / "docs/index.md"
    page.write_text(page.read_text("utf-8") + "\nSee [powers](guide/sharing.md#police-powers).\n")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    line = page.read_text("utf-8").count("\n")
    assert re.search(
        rf"WARNING .*docs/index\.md:{line}: the link 'guide/sharing\.md#police-powers' leads "
        r"nowhere for practitioners, childminders: their version of guide/sharing\.md has no "
        r"section '#police-powers', which only police read", result.stderr), result.stderr
    assert tree(project / "site") == before


def test_link_in_one_audiences_section_is_followed_in_that_audiences_site(project: Path) -> None:
    page = project / "docs/guide/sharing.md"
    page.write_text(page.read_text("utf-8").replace(
        "Police practitioners may act at once.",
        "Police practitioners may act at once. See [duties](#council-duties).",
    ) + "\n<!-- audience: not police -->\n## Council duties\n\nWrite it down.\n"
        "<!-- /audience -->\n")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert re.search(r"docs/guide/sharing\.md:\d+: the link '#council-duties' leads nowhere for "
                     r"police: their version of this page has no section '#council-duties', "
                     r"which only practitioners, childminders read", result.stderr), result.stderr


def test_link_to_a_section_no_audience_has_fails_strict_build(project: Path) -> None:
    page = project / "docs/guide/meetings.md"
    page.write_text(page.read_text("utf-8") + "\nSee [notes](#taking-notes).\n")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert re.search(r"WARNING .*docs/guide/meetings\.md:\d+: the link '#taking-notes' leads "
                     r"nowhere: no audience's version of this page has a section", result.stderr)
    mentions = [line for line in result.stderr.splitlines() if "#taking-notes" in line]
    assert len(mentions) == 1  # MkDocs's own check of the same link does not repeat it

# Trust -----------------------------------------------------------------------------------------


def test_glossary_wording_reaches_every_output_as_text_never_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    terms = project / "glossary/terms/people.yml"
    terms.write_text(terms.read_text("utf-8").replace(
        "    childminders: childminder\n",
        "    childminders:\n      singular: <script>alert(1)</script>\n"
        "      plural: <script>alert(2)</script>\n"))
    audiences = project / "glossary/audiences.yml"
    audiences.write_text(audiences.read_text("utf-8").replace(
        "name: Childminders", "name: <b>Childminders</b>"))
    assert mkdocs_build(project, "--strict").returncode == 0
    site = project / "site"
    outputs = [*sorted((site / "childminders").rglob("*.html")),
               site / "childminders/search/search_index.json", site / "index.html"]
    for output in outputs:
        text = output.read_text("utf-8")
        assert "<script>alert" not in text and "<b>Childminders" not in text, output
        assert "&lt;script" not in text and "&lt;b&gt;" not in text, output  # not even escaped
    page = (site / "childminders/guide/sharing/index.html").read_text("utf-8")
    assert "Sharing information as a \u2039script\u203aalert(1)\u2039/script\u203a" in page
    assert "\u2039b\u203aChildminders\u2039/b\u203a" in (site / "index.html").read_text("utf-8")


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert mkdocs_build(project, **epoch).returncode == 0
    first = tree(project / "site")
    assert mkdocs_build(project, **epoch).returncode == 0
    assert tree(project / "site") == first



def test_the_build_logs_each_audience_starting_and_finishing_with_its_page_count(
    project: Path,
) -> None:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    pages = len(list((project / "docs").rglob("*.md"))) + 1  # and the generated glossary page
    for audience in ("practitioners", "childminders", "police"):
        assert f"guidance: {audience}: writing {pages} pages" in result.stderr
        assert f"guidance: {audience}: {pages} pages written to {audience}/" in result.stderr
