"""SPEC 3.1, 3.3, 3.5, 3.6: which Markdown constructs are prose and which are never rewritten.

One row per construct: the page, the audience and what it reads; for the constructs that are
never rewritten, the page comes out byte for byte for every audience. Glossary: tests/fixtures.
"""

from __future__ import annotations

import pytest

from guidance.engine.pages import Engine

REWRITTEN = [
    # 3.6 link text of shortcut and collapsed references: rewritten, the link kept by its label
    ("shortcut reference", "police",
     "See the [practitioner guide] now.\n\n[practitioner guide]: https://example.org/\n",
     "See the [police officer guide][practitioner guide] now.\n\n"
     "[practitioner guide]: https://example.org/\n"),
    ("collapsed reference", "police",
     "See the [practitioner guide][] now.\n\n[Practitioner Guide]: https://example.org/\n",
     "See the [police officer guide][practitioner guide] now.\n\n"
     "[Practitioner Guide]: https://example.org/\n"),
    ("shortcut reference defined above", "childminders",
     "[practitioner]: https://example.org/\n\nAsk the [practitioner].\n",
     "[practitioner]: https://example.org/\n\nAsk the [early years worker][practitioner].\n"),
    ("shortcut image", "police",
     "![child][]\n\n[child]: child.png\n",
     "![young person][child]\n\n[child]: child.png\n"),
    # 3.6 footnotes however their bodies are indented
    ("footnote body after a blank line", "police",
     "Text[^1].\n\n[^1]:\n\n    A practitioner note.\n",
     "Text[^1].\n\n[^1]:\n\n    A police officer note.\n"),
    ("footnote body on the next line", "police",
     "Text[^1].\n\n[^1]:\n    A practitioner note.\n",
     "Text[^1].\n\n[^1]:\n    A police officer note.\n"),
    ("footnote second paragraph", "police",
     "Text[^1].\n\n[^1]: First.\n\n    A practitioner note.\n",
     "Text[^1].\n\n[^1]: First.\n\n    A police officer note.\n"),
    ("footnote after another footnote", "police",
     "T[^1][^2].\n\n[^1]:\n    One.\n\n[^2]:\n\n    A practitioner note.\n",
     "T[^1][^2].\n\n[^1]:\n    One.\n\n[^2]:\n\n    A police officer note.\n"),
    ("footnote in an admonition", "police",
     "!!! note\n    Text[^1].\n\n    [^1]:\n\n        A practitioner note.\n",
     "!!! note\n    Text[^1].\n\n    [^1]:\n\n        A police officer note.\n"),
    # 3.6 a code block's caption, and only its caption
    ("code block caption", "police",
     '```python title="Practitioner checklist"\npractitioner = 1\n```\n',
     '```python title="Police officer checklist"\npractitioner = 1\n```\n'),
    ("code block caption in braces", "childminders",
     "``` { .yaml title='For each practitioner' }\npractitioner: 1\n```\n",
     "``` { .yaml title='For each early years worker' }\npractitioner: 1\n```\n"),
    ("code block caption in a block quote", "police",
     '> ```text title="For the practitioner"\n> practitioner\n> ```\n',
     '> ```text title="For the police officer"\n> practitioner\n> ```\n'),
    # 3.1 a multi-word term wrapped across the lines of a block quote or a list
    ("term wrapped in a block quote", "childminders",
     "> Ask the lead\n> practitioner first.\n", "> Ask the key person first.\n"),
    ("term wrapped in a nested block quote", "childminders",
     "> > Ask the lead\n> > practitioner first.\n", "> > Ask the key person first.\n"),
    ("term wrapped in a list item", "childminders",
     "- Ask the lead\n  practitioner first.\n", "- Ask the key person first.\n"),
    ("term wrapped in a list inside a quote", "childminders",
     "> - Ask the team around\n>   the family first.\n",
     "> - Ask the family support team first.\n"),
    ("title case wrapped in a quote", "childminders",
     "> The Team Around\n> the Family meets.\n", "> The Family Support Team meets.\n"),
    # 3.3 the `!` that opens an image ends no sentence
    ("image alt text mid-sentence", "childminders",
     "Ask ![LA](la.png) today.\n", "Ask ![council](la.png) today.\n"),
    ("acronym after an image", "childminders",
     "See ![map](map.png) LA offices.\n", "See ![map](map.png) council offices.\n"),
    ("image alt text starting a paragraph", "childminders",
     "![LA](la.png)\n", "![Council](la.png)\n"),
    ("sentence after an exclamation", "childminders",
     "Stop! LA staff will call.\n", "Stop! Council staff will call.\n"),
    # 3.1 an identifier-like neighbour that is punctuation, not a join
    ("word before a full stop", "police", "Ask a practitioner.\n", "Ask a police officer.\n"),
    ("word in emphasis with underscores", "police",
     "Ask a _practitioner_ now.\n", "Ask a _police officer_ now.\n"),
    ("word before a slash and a space", "police",
     "practitioner / child\n", "police officer / young person\n"),
    # 3.5 raw HTML keeps its <pre>, but the text around it is prose
    ("text after a pre in an HTML block", "police",
     "<div>\n<pre>\npractitioner\n</pre>\n<p>A practitioner.</p>\n</div>\n",
     "<div>\n<pre>\npractitioner\n</pre>\n<p>A police officer.</p>\n</div>\n"),
    ("prose after identifier block", "police",
     "::: guidance.practitioner\n    options:\n      practitioner: true\n\nA practitioner.\n",
     "::: guidance.practitioner\n    options:\n      practitioner: true\n\nA police officer.\n"),
]


@pytest.mark.parametrize(("construct", "audience", "source", "expected"), REWRITTEN,
                         ids=[row[0] for row in REWRITTEN])
def test_construct_is_rewritten(engine: Engine, construct: str, audience: str, source: str,
                                expected: str) -> None:
    assert engine.rewrite_text(source, audience).text == expected


NEVER_REWRITTEN = [
    # 3.1 words joined to letters or digits by `.`, `_`, `/` or `::`
    ("file name", "Edit my_practitioner.py now.\n"),
    ("file extension", "See practitioner.md for more.\n"),
    ("dotted module", "Load markdown.practitioner.child first.\n"),
    ("path", "Files live in docs/practitioner/ and src/child/.\n"),
    ("path segment at the end", "Open docs/practitioner\n"),
    ("scope", "Call guidance::practitioner here.\n"),
    ("scope before", "Call practitioner::run here.\n"),
    ("snake case", "Set child_practitioner_id and practitioner_2.\n"),
    ("digits", "Use practitioner2 or 3.practitioner.\n"),
    # 3.5 mkdocstrings identifier blocks with their indented options
    ("identifier block", "::: practitioner\n"),
    ("identifier block with options",
     "::: guidance.practitioner\n    options:\n      heading: The practitioner\n"
     "      members:\n        - child\n"),
    ("identifier block as a heading", "## ::: practitioner\n"),
    ("identifier block in a tab", '=== "Python"\n\n    ::: practitioner\n        options:\n'
     '          child: true\n'),
    # 3.5 <pre>, <code>, <script>, <style> inside raw HTML, however many lines
    ("pre inside a div",
     "<div>\n<pre>\npractitioner\n\nchild practitioner\n</pre>\n</div>\n"),
    ("long pre inside a div",
     "<div class=\"playground\">\n<pre><code>" + "a practitioner\n\n" * 50 +
     "</code></pre>\n</div>\n"),
    ("pre after text in a div",
     "<div>\n<p>x</p> <pre class=\"x\">\npractitioner\n\n</pre>\n</div>\n"),
    ("script inside a section",
     "<section>\n<script>\nconst practitioner = 1;\n\nlet child = 2;\n</script>\n</section>\n"),
    ("style inside a div", "<div>\n<style>\n.practitioner { }\n\n.child { }\n</style>\n</div>\n"),
    ("inline code element", "Type <code>practitioner</code> here.\n"),
    ("code element over lines", "Type <code>the\npractitioner</code> here.\n"),
    # 3.5 the rest of a fence: its language, options and code
    ("fence info", "```practitioner\nchild\n```\n"),
    ("caption naming a file", '```python title="my_practitioner.py"\nchild = 1\n```\n'),
    # 3.5 a shortcut whose words hold no term, and a label that is only a label
    ("full reference label", "See [the guide][practitioner].\n\n[practitioner]: https://x.org\n"),
    ("undefined brackets", "See [the guide] now.\n"),
]


@pytest.mark.parametrize(("construct", "source"), NEVER_REWRITTEN,
                         ids=[row[0] for row in NEVER_REWRITTEN])
def test_construct_is_never_rewritten(engine: Engine, construct: str, source: str) -> None:
    for audience in engine.glossary.ids:
        assert engine.rewrite_text(source, audience).text == source, audience


def test_a_term_wrapped_in_a_block_quote_is_one_substitution_at_its_source(engine: Engine) -> None:
    result = engine.rewrite_text("> Ask the lead\n> practitioner first.\n", "childminders")
    assert [(s.line, s.column, s.original, s.term) for s in result.substitutions] == [
        (1, 11, "lead\n> practitioner", "lead practitioner"),
    ]


def test_the_source_audience_reads_a_shortcut_reference_unchanged(engine: Engine) -> None:
    text = "See the [practitioner guide].\n\n[practitioner guide]: https://example.org/\n"
    assert engine.rewrite_text(text, "practitioners").text == text
    assert engine.rewrite_text(text, "practitioners").substitutions == ()


@pytest.mark.parametrize(
    ("audience", "source", "expected", "changes"),
    [
        ("police", "the practitioner's view", "the police officer's view",
         [("practitioner", "police officer")]),
        ("coaches", "the practitioners\u2019 views", "the coaches\u2019 views",
         [("practitioners", "coaches")]),
        ("coaches", "the children's needs", "the players' needs",
         [("children", "players"), ("s", "")]),
    ],
)
def test_a_possessive_is_changed_around_the_apostrophe_the_author_typed(
        engine: Engine, audience: str, source: str, expected: str,
        changes: list[tuple[str, str]]) -> None:
    """SmartyPants then curls the apostrophe as it would in a build without rewriting."""
    result = engine.rewrite_text(source, audience)
    assert result.text == expected
    assert [(s.original, s.replacement) for s in result.substitutions] == changes
