"""The scanner's constructs in a real `mkdocs build`, plain and with the plugin (SPEC 3.5, 3.6).

One small site, built twice: the source audience must read exactly what the plain build renders
(links by their label, `<pre>` in raw HTML, captions, includes, SmartyPants' apostrophes), and
the other audiences the same page in their words, with code and links unchanged.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

GLOSSARY = Path(__file__).parent / "fixtures" / "glossary"
CONFIG = """site_name: Constructs
theme:
  name: mkdocs
markdown_extensions:
  - smarty
  - admonition
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [includes]
"""
PLUGIN = f"""plugins:
  - audiences:
      glossary: {GLOSSARY}
      tooltips: false
"""
PAGES = {
    "index.md": """# Home

--8<-- "note.md"

!!! note "For each practitioner"
    --8<-- "nested.md"

The child's view and the children's needs; it's the LA's job.
""",
    "refs.md": """# Links and code

Read the [practitioner guide] and the [child][] page.

<div class="playground">
<pre>
practitioner = "child"

print(practitioner)
</pre>
</div>

```python title="Practitioner checklist"
practitioner = 1
```

Edit my_practitioner.py in docs/practitioner/.

> Ask the lead
> practitioner first.

[practitioner guide]: https://example.org/guide
[child]: https://example.org/child
""",
}
INCLUDES = {
    "note.md": "A practitioner's note from a snippet.\n\n--8<-- \"nested.md\"\n",
    "nested.md": "The lead practitioner decides, with the practitioners' consent.\n",
}
MAIN = re.compile(r'role="main">(.*?)<footer', re.DOTALL)
# The audience banner the plugin places at the start of the content: not the page's text
BANNER = re.compile(r'<nav class="md-audiences".*?</nav>', re.DOTALL)
CODE = re.compile(r"<pre>.*?</pre>|<code>.*?</code>|href=\"[^\"]*\"", re.DOTALL)


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
    text = BANNER.sub("", found.group(1))
    return "\n".join(line for line in text.splitlines() if line.strip())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    plain = tmp_path_factory.mktemp("plain")
    with_plugin = tmp_path_factory.mktemp("plugin")
    for project in (plain, with_plugin):
        for folder, files in (("docs", PAGES), ("includes", INCLUDES)):
            (project / folder).mkdir()
            for name, text in files.items():
                (project / folder / name).write_text(text, encoding="utf-8")
    _build(plain, CONFIG)
    _build(with_plugin, CONFIG + PLUGIN)
    return plain / "site", with_plugin / "site"


@pytest.mark.parametrize("page", ["index.html", "refs/index.html"])
def test_the_source_audience_reads_what_a_plain_build_renders(built: tuple[Path, Path],
                                                              page: str) -> None:
    plain, with_plugin = built
    assert _main(with_plugin / "practitioners" / page) == _main(plain / page)


def test_included_text_is_rewritten_with_curly_possessives(built: tuple[Path, Path]) -> None:
    _, with_plugin = built
    html = _main(with_plugin / "coaches" / "index.html")
    assert "A coach&rsquo;s note from a snippet." in html
    assert "The lead practitioner decides, with the coaches&rsquo; consent." in html
    assert "For each coach" in html
    assert "The player&rsquo;s view and the players&rsquo; needs; it&rsquo;s the " \
           "council&rsquo;s job." in html
    assert "practitioner&" not in html and "&#x27;" not in html


def test_links_captions_and_quotes_are_rewritten_and_code_is_not(
        built: tuple[Path, Path]) -> None:
    plain, with_plugin = built
    html = _main(with_plugin / "childminders" / "refs" / "index.html")
    assert '<a href="https://example.org/guide">early years worker guide</a>' in html
    assert "Early years worker checklist" in html
    assert "Ask the key person first." in html
    assert "Edit my_practitioner.py in docs/practitioner/." in html
    assert CODE.findall(html) == CODE.findall(_main(plain / "refs" / "index.html"))


def test_a_region_mistake_after_an_include_is_reported_at_the_pages_own_line(
        tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "note.md").write_text("One.\n\nTwo.\n\nThree.\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(
        '--8<-- "note.md"\n\n<!-- audience: nobody -->\nText.\n<!-- /audience -->\n',
        encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG + PLUGIN, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, capture_output=True,
        text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "docs/index.md:3" in result.stderr, result.stderr
