"""SPEC 3.6: text that pymdownx.snippets includes is prose of the including page.

`expand_snippets` puts the included text in the page as the extension would; whatever it cannot
resolve exactly is left for the extension. tests/test_constructs_build.py builds a site with
includes for real.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from guidance.engine import expand_snippets

FILES = {
    "note.md": "A practitioner's note.\n",
    "two.md": "First line.\nSecond line.",
    "outer.md": "Outer.\n--8<-- \"note.md\"\n",
    "loop.md": "Loop.\n--8<-- \"loop.md\"\n",
    "parts.md": "One.\nTwo.\nThree.\n<!-- --8<-- [start:intro] -->\nIntro.\n"
                "--8<-- [start:other]\nOther.\n--8<-- [end:other]\nMore intro.\n"
                "--8<-- [end:intro]\nLast.\n",
}

EXPANDED = [
    ("inline include", '--8<-- "note.md"\n', "A practitioner's note.\n\n"),
    ("single quotes", "--8<-- 'two.md'\nAfter.", "First line.\nSecond line.\nAfter."),
    ("indented include", '!!! note\n    --8<-- "two.md"\n',
     "!!! note\n    First line.\n    Second line.\n"),
    ("tab indented include", '\t--8<-- "two.md"', "    First line.\n    Second line."),
    ("nested include", '--8<-- "outer.md"', "Outer.\nA practitioner's note.\n\n"),
    ("a file never includes itself", '--8<-- "loop.md"', "Loop.\n"),
    ("block of files", "--8<--\ntwo.md\n;note.md\n\ntwo.md\n--8<--\n",
     "First line.\nSecond line.\n\nFirst line.\nSecond line.\n"),
    ("longer marker", '-8<- "two.md"', "First line.\nSecond line."),
    ("line range", '--8<-- "parts.md:2:3"', "Two.\nThree."),
    ("from a line", '--8<-- "parts.md:11"', "Last.\n"),
    ("up to a line", '--8<-- "parts.md::2"', "One.\nTwo."),
    ("several ranges", '--8<-- "parts.md:1:1,3:3"', "One.\nThree."),
    ("section", '--8<-- "parts.md:intro"', "Intro.\nOther.\nMore intro."),
    ("section in a block", "--8<--\nparts.md:intro\n--8<--", "Intro.\nOther.\nMore intro."),
]

LEFT_AS_WRITTEN = [
    ("escaped marker", ';--8<-- "note.md"\n'),
    ("missing file", '--8<-- "missing.md"\n'),
    ("negative line number", '--8<-- "two.md:-1"\n'),
    ("unknown section", '--8<-- "two.md:intro"\n'),
    ("range holding snippet notation", '--8<-- "parts.md:6:8"\n'),
    ("trailing comma", '--8<-- "two.md:1,"\n'),
    ("url", '--8<-- "https://example.org/note.md"\n'),
    ("outside the base path", '--8<-- "../secret.md"\n'),
    ("unclosed block", "--8<--\nnote.md\n"),
    ("block with a missing file", "--8<--\nnote.md\nmissing.md\n--8<--\n"),
    ("marker mid-line", 'See --8<-- "note.md"\n'),
    ("no marker", "A practitioner.\n"),
]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    folder = tmp_path / "includes"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "secret.md").write_text("Secret.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("construct", "page", "expected"), EXPANDED,
                         ids=[row[0] for row in EXPANDED])
def test_an_include_is_replaced_by_the_included_text(base: Path, construct: str, page: str,
                                                     expected: str) -> None:
    assert expand_snippets(page, [base]) == expected


@pytest.mark.parametrize(("construct", "page"), LEFT_AS_WRITTEN,
                         ids=[row[0] for row in LEFT_AS_WRITTEN])
def test_what_cannot_be_resolved_exactly_is_left_to_the_extension(base: Path, construct: str,
                                                                  page: str) -> None:
    assert expand_snippets(page, [base]) == page


def _extension(page: str, base: Path) -> list[str]:
    """What pymdownx.snippets itself makes of a page's lines."""
    renderer = markdown.Markdown(extensions=["pymdownx.snippets"],
                                 extension_configs={"pymdownx.snippets": {"base_path": [base]}})
    return renderer.preprocessors["snippet"].run(page.split("\n"))


@pytest.mark.parametrize("page", [row[1] for row in EXPANDED + LEFT_AS_WRITTEN],
                         ids=[row[0] for row in EXPANDED + LEFT_AS_WRITTEN])
def test_expanding_first_changes_nothing_the_extension_makes_of_the_page(base: Path,
                                                                        page: str) -> None:
    assert _extension(expand_snippets(page, [base]), base) == _extension(page, base)


def test_a_selection_to_be_dedented_is_left_to_the_extension(base: Path) -> None:
    page = '--8<-- "parts.md:intro"'
    assert expand_snippets(page, [base], dedent_subsections=True) == page


def test_the_first_base_path_holding_the_file_wins(base: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.md").write_text("Other note.", encoding="utf-8")
    assert expand_snippets('--8<-- "note.md"', [other, base]) == "Other note."
    assert expand_snippets('--8<-- "note.md"', [tmp_path / "none", base]) == \
        "A practitioner's note.\n"
