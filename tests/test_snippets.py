"""SPEC 3.6: text that pymdownx.snippets includes is prose of the including page.

`expand_snippets` puts the included text in the page as the extension would; whatever it cannot
resolve exactly is left for the extension. The last tests build a small site for real, with and
without the plugin, with `smarty` on, and compare the HTML a reader gets.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guidance.engine import expand_snippets

FILES = {
    "note.md": "A practitioner's note.\n",
    "two.md": "First line.\nSecond line.",
    "outer.md": "Outer.\n--8<-- \"note.md\"\n",
    "loop.md": "Loop.\n--8<-- \"loop.md\"\n",
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
]

LEFT_AS_WRITTEN = [
    ("escaped marker", ';--8<-- "note.md"\n'),
    ("missing file", '--8<-- "missing.md"\n'),
    ("line range", '--8<-- "two.md:1:1"\n'),
    ("section", '--8<-- "two.md:intro"\n'),
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


def test_the_first_base_path_holding_the_file_wins(base: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.md").write_text("Other note.", encoding="utf-8")
    assert expand_snippets('--8<-- "note.md"', [other, base]) == "Other note."
    assert expand_snippets('--8<-- "note.md"', [tmp_path / "none", base]) == \
        "A practitioner's note.\n"


# -- a real build: plain MkDocs against the plugin -------------------------------------------

GLOSSARY = Path(__file__).parent / "fixtures" / "glossary"
CONFIG = """site_name: Snippets
theme:
  name: mkdocs
markdown_extensions:
  - smarty
  - admonition
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [includes]
"""
PLUGIN = f"""plugins:
  - audiences:
      glossary: {GLOSSARY}
      tooltips: false
"""
PAGE = """# Home

--8<-- "note.md"

!!! note "For each practitioner"
    --8<-- "nested.md"

The child's view and the children's needs; it's the LA's job.
"""
INCLUDES = {
    "note.md": "A practitioner's note from a snippet.\n\n--8<-- \"nested.md\"\n",
    "nested.md": "The lead practitioner decides, with the practitioners' consent.\n",
}
MAIN = re.compile(r'role="main">(.*?)<footer', re.DOTALL)


def _build(project: Path, config: str) -> None:
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True,
        text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr


def _main(page: Path) -> str:
    found = MAIN.search(page.read_text(encoding="utf-8"))
    assert found, page
    return "\n".join(line for line in found.group(1).splitlines() if line.strip())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    plain = tmp_path_factory.mktemp("plain")
    with_plugin = tmp_path_factory.mktemp("plugin")
    for project in (plain, with_plugin):
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
        (project / "includes").mkdir()
        for name, text in INCLUDES.items():
            (project / "includes" / name).write_text(text, encoding="utf-8")
    _build(plain, CONFIG)
    _build(with_plugin, CONFIG + PLUGIN)
    return plain / "site", with_plugin / "site"


def test_the_source_audience_reads_what_a_plain_build_renders(built: tuple[Path, Path]) -> None:
    """Includes and SmartyPants' curly apostrophes, possessives of swapped words included."""
    plain, with_plugin = built
    assert _main(with_plugin / "practitioners" / "index.html") == _main(plain / "index.html")


def test_included_text_is_rewritten_with_curly_possessives(built: tuple[Path, Path]) -> None:
    _, with_plugin = built
    html = _main(with_plugin / "coaches" / "index.html")
    assert "A coach&rsquo;s note from a snippet." in html
    assert "The lead practitioner decides, with the coaches&rsquo; consent." in html
    assert "For each coach" in html
    assert "The player&rsquo;s view and the players&rsquo; needs; it&rsquo;s the " \
           "council&rsquo;s job." in html
    assert "practitioner&" not in html and "&#x27;" not in html
