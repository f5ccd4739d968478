"""SPEC section 4: audience-only and verbatim regions, failing closed."""

from __future__ import annotations

import pytest

from guidance.engine.errors import GuidanceErrors
from guidance.engine.pages import Engine

BLOCK = "Before.\n\n<!-- audience: police, coaches -->\nOnly some.\n<!-- /audience -->\n\nAfter.\n"


def test_a_block_region_is_kept_for_listed_audiences_without_its_markers(engine: Engine) -> None:
    assert engine.rewrite_text(BLOCK, "police").text == "Before.\n\nOnly some.\n\nAfter.\n"


def test_a_block_region_is_dropped_for_other_audiences(engine: Engine) -> None:
    assert engine.rewrite_text(BLOCK, "childminders").text == "Before.\n\n\nAfter.\n"


def test_the_source_audience_obeys_regions_too(engine: Engine) -> None:
    assert "Only some." not in engine.rewrite_text(BLOCK, "practitioners").text


def test_not_excludes_the_listed_audiences(engine: Engine) -> None:
    text = "<!-- audience: not police -->\nNot police.\n<!-- /audience -->\n"
    assert engine.rewrite_text(text, "police").text == ""
    assert engine.rewrite_text(text, "coaches").text == "Not police.\n"


def test_inline_regions_work_inside_a_line(engine: Engine) -> None:
    text = "Call <!-- audience: police -->your control room or <!-- /audience -->999."
    assert engine.rewrite_text(text, "police").text == "Call your control room or 999."
    assert engine.rewrite_text(text, "coaches").text == "Call 999."


def test_a_verbatim_region_is_never_rewritten(engine: Engine) -> None:
    text = "Read <!-- verbatim -->Advice for practitioners<!-- /verbatim --> by a practitioner."
    assert engine.rewrite_text(text, "police").text == (
        "Read Advice for practitioners by a police officer.")


def test_terms_inside_a_kept_region_are_rewritten(engine: Engine) -> None:
    text = "<!-- audience: police -->\nThe practitioner.\n<!-- /audience -->\n"
    assert engine.rewrite_text(text, "police").text == "The police officer.\n"


def test_the_record_lists_dropped_regions(engine: Engine) -> None:
    result = engine.rewrite_text(BLOCK, "childminders")
    assert [(r.line, r.end_line, r.audiences, r.negated) for r in result.dropped] == [
        (3, 5, ("police", "coaches"), False)]


def test_markers_in_code_are_text_not_regions(engine: Engine) -> None:
    text = "```\n<!-- audience: police -->\n```\n"
    assert engine.rewrite_text(text, "coaches").text == text


def test_indented_markers_in_an_admonition_work(engine: Engine) -> None:
    text = "!!! note\n    <!-- audience: police -->\n    Police only.\n    <!-- /audience -->\n"
    assert engine.rewrite_text(text, "coaches").text == "!!! note\n"


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("unknown audience", "x\n<!-- audience: polise -->\ny\n<!-- /audience -->", 2,
         "'polise' is not an audience. Fix: use one of practitioners, childminders, police, "
         "coaches (did you mean 'police'?)"),
        ("unclosed", "<!-- audience: police -->\ny\n", 1, "is never closed"),
        ("stray closing marker", "x\n\n<!-- /audience -->\n", 3, "never opened"),
        ("nested", "<!-- audience: police -->\n<!-- verbatim -->x<!-- /verbatim -->\n"
         "<!-- /audience -->", 2, "regions cannot be nested"),
        ("mismatched closing", "<!-- verbatim -->x<!-- /audience -->", 1, "cannot close"),
        ("empty list", "<!-- audience: -->\nx\n<!-- /audience -->", 1, "does not list"),
        ("malformed marker", "<!-- audience police -->\nx\n", 1, "cannot be read"),
    ],
)
def test_region_mistakes_are_errors_with_file_and_line(
    engine: Engine, name: str, text: str, line: int, message: str
) -> None:
    with pytest.raises(GuidanceErrors) as caught:
        engine.prepare(text, "docs/page.md")
    error = caught.value.errors[0]
    assert (error.path, error.line) == ("docs/page.md", line)
    assert message in str(error)
