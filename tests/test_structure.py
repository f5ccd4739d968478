"""SPEC 3.5-3.7: only prose is rewritten, in the Markdown dialect MkDocs speaks.

Every case is written for the police audience, where "practitioner" becomes "police officer".
"""

from __future__ import annotations

import pytest

from guidance.engine.pages import Engine

KEPT = [
    ("fenced code", "```\npractitioner\n```\n"),
    ("fenced code with info", "```yaml\nrole: practitioner\n```\n"),
    ("tilde fence", "~~~\npractitioner\n~~~\n"),
    ("long fence holding a short one", "````\n```\npractitioner\n```\n````\n"),
    ("indented code", "Para.\n\n    practitioner\n"),
    ("inline code", "see `practitioner` now"),
    ("inline code, double backticks", "see ``a ` practitioner`` now"),
    ("HTML attribute", '<span title="practitioner">x</span>'),
    ("HTML comment", "<!-- practitioner -->"),
    ("multi-line HTML comment", "<!--\npractitioner\n-->\n"),
    ("autolink", "<https://example.org/practitioner>"),
    ("email autolink", "<practitioner@example.org>"),
    ("bare URL", "see https://example.org/practitioner now"),
    ("www URL", "see www.practitioner.org now"),
    ("bare email address", "mail practitioner@example.org now"),
    ("link destination", "[x](practitioner.md)"),
    ("link title", '[x](page.md "practitioner")'),
    ("image destination", "![x](practitioner.png)"),
    ("reference label", "[x][practitioner]"),
    ("reference definition", "[practitioner]: https://example.org/p"),
    ("front matter key", "---\npractitioner: yes\n---\n"),
    ("front matter template", "---\ntemplate: practitioner.html\n---\n"),
    ("attribute list on a heading", "# Duties {#practitioner-duties}"),
    ("attribute list on its own line", "{: .practitioner }"),
    ("snippet line", '--8<-- "practitioner.md"'),
    ("snippet block", "--8<--\npractitioner.md\n--8<--\n"),
    ("footnote reference", "Text[^practitioner]."),
    ("script element", "<script>\nvar practitioner = 1;\n</script>\n"),
    ("indented code under a list item", "- item\n\n        practitioner\n"),
    ("indented code in an admonition body", "!!! note\n    Text.\n\n        practitioner\n"),
    ("emoji shortcode", ":material-practitioner-icon:"),
    ("HTML entity", "&practitioner;"),
    ("escaped code span opener", "\\`practitioner\\`"),  # prose, but checked below
]

REWRITTEN = [
    ("paragraph", "A practitioner.", "A police officer."),
    ("heading", "## The practitioner", "## The police officer"),
    ("heading with attribute list", "## The practitioner {#p}", "## The police officer {#p}"),
    ("list item", "- a practitioner", "- a police officer"),
    ("table cell", "| a | b |\n|---|---|\n| practitioner | x |",
     "| a | b |\n|---|---|\n| police officer | x |"),
    ("block quote", "> the practitioner", "> the police officer"),
    ("link text", "[the practitioner](p.md)", "[the police officer](p.md)"),
    ("image alt text", "![a practitioner](p.png)", "![a police officer](p.png)"),
    ("emphasis", "*practitioner* and **practitioner**",
     "*police officer* and **police officer**"),
    ("admonition title", '!!! note "For the practitioner"', '!!! note "For the police officer"'),
    ("admonition body", "!!! note\n    the practitioner", "!!! note\n    the police officer"),
    ("admonition body after a blank line", "!!! note\n\n    the practitioner",
     "!!! note\n\n    the police officer"),
    ("admonition body, second paragraph", "!!! note\n    a\n\n    the practitioner",
     "!!! note\n    a\n\n    the police officer"),
    ("details body", '??? note "Practitioner"\n    the practitioner',
     '??? note "Police officer"\n    the police officer'),
    ("tab title and body", '=== "Practitioner"\n\n    the practitioner',
     '=== "Police officer"\n\n    the police officer'),
    ("nested list", "- a\n    - the practitioner", "- a\n    - the police officer"),
    ("list continuation paragraph", "- a\n\n    the practitioner",
     "- a\n\n    the police officer"),
    ("footnote definition", "[^1]: the practitioner", "[^1]: the police officer"),
    ("abbreviation definition", "*[LP]: lead practitioner", "*[LP]: officer in charge"),
    ("front matter title", "---\ntitle: The practitioner\n---\n",
     "---\ntitle: The police officer\n---\n"),
    ("front matter description", '---\ndescription: "For a practitioner"\n---\n',
     '---\ndescription: "For a police officer"\n---\n'),
    ("text inside an HTML block", '<div markdown>\nthe practitioner\n</div>',
     '<div markdown>\nthe police officer\n</div>'),
    ("text around a code span", "the practitioner `x` practitioner",
     "the police officer `x` police officer"),
    ("definition list", "Term\n:   the practitioner", "Term\n:   the police officer"),
    ("setext heading", "The practitioner\n---", "The police officer\n---"),
    ("lazy continuation", "- a practitioner\nand a practitioner",
     "- a police officer\nand a police officer"),
    ("indented paragraph continuation", "a practitioner\n    practitioner",
     "a police officer\n    police officer"),
    ("CRLF line ends", "a practitioner\r\nthe practitioner\r\n",
     "a police officer\r\nthe police officer\r\n"),
]


@pytest.mark.parametrize(("name", "source"), KEPT[:-1], ids=[case[0] for case in KEPT[:-1]])
def test_non_prose_is_never_rewritten(engine: Engine, name: str, source: str) -> None:
    assert engine.rewrite_text(source, "police").text == source


@pytest.mark.parametrize(("name", "source", "expected"), REWRITTEN,
                         ids=[case[0] for case in REWRITTEN])
def test_prose_is_rewritten(engine: Engine, name: str, source: str, expected: str) -> None:
    assert engine.rewrite_text(source, "police").text == expected


def test_escaped_backticks_do_not_open_code(engine: Engine) -> None:
    assert engine.rewrite_text("\\`practitioner\\`", "police").text == "\\`police officer\\`"


def test_everything_outside_the_rewritten_words_stays_byte_for_byte(engine: Engine) -> None:
    source = "  Odd   spacing,\ttabs\t and a practitioner\u00a0here.  \n\n\n* * *\n"
    expected = "  Odd   spacing,\ttabs\t and a police officer\u00a0here.  \n\n\n* * *\n"
    assert engine.rewrite_text(source, "police").text == expected
