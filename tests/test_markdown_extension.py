"""The `guidance.markdown` Python-Markdown extension: one page, written for one audience, by any
tool that renders with Python-Markdown. Glossary: tests/fixtures/site/glossary (practitioners
are the source; childminders say "childminder"; police say "police officer")."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from guidance.engine import GuidanceError, GuidanceErrors

GLOSSARY = str(Path(__file__).parent / "fixtures" / "site" / "glossary")


def render(text: str, audience: str, *extensions: str) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(
        extensions=[*extensions, "guidance.markdown"],
        extension_configs={"guidance.markdown": {"glossary": GLOSSARY, "audience": audience}},
    )
    return md.convert(text), md


def test_a_page_is_written_in_the_audiences_words_with_its_article() -> None:
    html, _ = render("A practitioner should share.", "police")
    assert html == "<p>A police officer should share.</p>"


def test_the_source_audience_reads_the_page_as_written() -> None:
    html, md = render("A practitioner should share.", "practitioners")
    assert html == "<p>A practitioner should share.</p>"
    assert md.guidance_rewrite.substitutions == ()


def test_audience_only_regions_are_kept_or_dropped_and_their_markers_never_shown() -> None:
    text = "Everyone.\n\n<!-- audience: police -->\nOnly police.\n<!-- /audience -->\n"
    police, _ = render(text, "police")
    childminders, _ = render(text, "childminders")
    assert police == "<p>Everyone.</p>\n<p>Only police.</p>"
    assert childminders == "<p>Everyone.</p>"


def test_code_is_never_rewritten() -> None:
    html, _ = render("Use `practitioner` here.", "childminders")
    assert html == "<p>Use <code>practitioner</code> here.</p>"


def test_the_record_of_changes_is_on_the_markdown_instance() -> None:
    _, md = render("# Practitioners\n\nAsk a practitioner.", "childminders")
    assert [(s.line, s.original, s.replacement) for s in md.guidance_rewrite.substitutions] == [
        (1, "Practitioners", "Childminders"), (3, "a practitioner", "a childminder")]


def test_heading_ids_come_from_the_source_wording() -> None:
    html, _ = render("## When a practitioner shares\n\n## Childminders and practitioners",
                     "childminders", "toc")
    assert html == ('<h2 id="when-a-practitioner-shares">When a childminder shares</h2>\n'
                    '<h2 id="childminders-and-practitioners">Childminders and childminders</h2>')


def test_an_authors_own_heading_id_is_kept() -> None:
    html, _ = render("## The practitioner {#duty}", "police", "toc", "attr_list")
    assert html == '<h2 id="duty">The police officer</h2>'


def test_each_page_converted_gets_its_own_record() -> None:
    _, md = render("A practitioner.", "police")
    md.reset()
    assert md.guidance_rewrite is None
    md.convert("Nothing to change.")
    assert md.guidance_rewrite.substitutions == ()


def test_a_region_mistake_is_a_located_one_line_error() -> None:
    with pytest.raises(GuidanceErrors) as raised:
        render("Text.\n\n<!-- audience: police -->\nNever closed.\n", "police")
    [line] = str(raised.value).splitlines()
    assert line.startswith("<page>:3")


def test_an_unknown_audience_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(GuidanceError, match="practitioners, childminders, police"):
        render("Text.", "coaches")


def test_a_missing_audience_option_says_what_to_add() -> None:
    with pytest.raises(GuidanceError, match="Add 'audience: <id>'"):
        markdown.markdown("Text.", extensions=["guidance.markdown"],
                          extension_configs={"guidance.markdown": {"glossary": GLOSSARY}})
