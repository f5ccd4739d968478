"""Properties of the engine on generated Markdown (SPEC 3.5-3.7, 4).

Pages are built from a grammar of the constructs MkDocs and our extensions understand, with
glossary terms sprinkled into prose and non-prose alike. The generator records, piece by piece,
which text must survive untouched (code, URLs, HTML tags and attributes, comments, link
destinations, labels, syntax) and where it put a term in prose; the properties are checked
against that record, never against the engine's own scanner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance.engine.errors import GuidanceError, GuidanceErrors
from guidance.engine.glossary import Glossary, Term, load_glossary
from guidance.engine.pages import Engine, PreparedPage, Rewrite, apply_edits
from guidance.lint.core_messages import _Places, normalise

from .conftest import FIXTURES

SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Words that are no glossary term and cannot join a neighbour into one.
FILLER = (
    "must", "share", "information", "safely", "with", "consent", "when", "needed", "the", "of",
    "to", "and", "for", "help", "keep", "who", "records", "decide", "quickly", "this", "guidance",
    "person", "family", "worker", "Ofsted", "parents", "school", "nurse", "Section", "47",
)
KINDS = ("note", "warning", "tip", "danger", "example")
SHORTCUT_LABELS = ("guidance", "consent form", "the school", "lead practitioner notes")
TERM_LABEL = ("lead practitioner", " notes")  # the label above that holds a term, and the rest


# -- pieces of a generated page ------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A stretch of a generated page and what the engine may do with it."""

    kind: str  # "kept": never changes; "text": may change; "term": a term placed in prose
    text: str
    term: str | None = None  # for "term": the glossary term
    form: str | None = None  # for "term": "singular" or "plural"
    at: int = 0  # for "term": where the term starts in the text, after any article


def kept(text: str) -> Piece:
    return Piece("kept", text)


def free(text: str) -> Piece:
    return Piece("text", text)


@dataclass(frozen=True)
class Page:
    """A generated page: its text is its pieces, in order."""

    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def spans(self, kind: str) -> list[tuple[int, int, Piece]]:
        result, offset = [], 0
        for piece in self.pieces:
            if piece.kind == kind:
                result.append((offset, offset + len(piece.text), piece))
            offset += len(piece.text)
        return result

    def kept_runs(self) -> list[str]:
        """Consecutive kept pieces joined: each run must appear whole, in order, in the output."""
        runs: list[str] = []
        previous = None
        for piece in self.pieces:
            if piece.kind == "kept" and piece.text:
                if previous == "kept":
                    runs[-1] += piece.text
                else:
                    runs.append(piece.text)
            if piece.text:
                previous = piece.kind
        return runs


# -- the glossary's forms ------------------------------------------------------------------------

GLOSSARY: Glossary = load_glossary(FIXTURES / "glossary")
ENGINE = Engine(GLOSSARY)
OTHERS = tuple(audience for audience in GLOSSARY.ids if audience != GLOSSARY.source)


def _forms(term: Term) -> list[tuple[str, str]]:
    """(form, "singular"/"plural") for every spelling SPEC 3.1 says matches."""
    forms = []
    for singular, plural in [(term.term, term.plural)] + [
        (variant, None) for variant in term.variants
    ]:
        forms.append((singular, "singular"))
        for apostrophe in ("'", "\u2019"):
            forms.append((singular + apostrophe + "s", "singular"))
        if plural is not None:
            forms.append((plural, "plural"))
            for apostrophe in ("'", "\u2019"):
                ending = apostrophe if plural.endswith("s") else apostrophe + "s"
                forms.append((plural + ending, "plural"))
    return forms


FORMS = [(term, form, number) for term in GLOSSARY.terms for form, number in _forms(term)]
TERM_WORDS = [form for _, form, _ in FORMS]


def _changes(term: Term, number: str, audience: str) -> bool:
    """Whether an audience's wording differs in letters from the source's for this form."""
    wording = term.wording(audience)
    source = term.term if number == "singular" else term.plural
    new = wording.singular if number == "singular" else wording.plural
    return new.lower() != source.lower()


def _cased(text: str, case: str) -> str:
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    if case == "capital":
        return text[:1].upper() + text[1:]
    if case == "title":
        return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))
    return text


CASES = ("as written", "lower", "upper", "capital", "title")


# -- strategies ----------------------------------------------------------------------------------

@st.composite
def prose_term(draw: st.DrawFn, line_breaks: bool = False) -> Piece:
    term, form, number = draw(st.sampled_from(FORMS))
    text = _cased(form, draw(st.sampled_from(CASES)))
    if line_breaks and " " in text and draw(st.booleans()):
        text = text.replace(" ", "\n", 1)
    article = ""
    if number == "singular" and draw(st.integers(0, 3)) == 0:
        article = draw(st.sampled_from(("a ", "an ", "A ")))
    return Piece("term", article + text, term.term, number, len(article))


def word(terms: bool) -> st.SearchStrategy[str]:
    """A word for non-prose places: filler, or (with terms) any spelling of a term."""
    filler = st.sampled_from(FILLER)
    if not terms:
        return filler
    return st.one_of(filler, st.sampled_from(TERM_WORDS).map(str.lower), st.sampled_from(
        TERM_WORDS))


def slug(terms: bool) -> st.SearchStrategy[str]:
    """A word fit for a URL path, an id or a file name."""
    return st.lists(word(terms), min_size=1, max_size=3).map(
        lambda words: "-".join(re.sub(r"[^\w-]", "", w.replace(" ", "-")) for w in words).lower()
    ).filter(bool)


def words(terms: bool, *, min_size: int = 1, max_size: int = 5) -> st.SearchStrategy[str]:
    return st.lists(word(terms), min_size=min_size, max_size=max_size).map(" ".join)


@st.composite
def url(draw: st.DrawFn, terms: bool) -> str:
    start = draw(st.sampled_from(("https://example.org/", "http://www.example.org/",
                                  "www.example.org/", "ftp://files.example.org/")))
    path = "/".join(draw(st.lists(slug(terms), min_size=1, max_size=3)))
    tail = draw(st.sampled_from(("", ".html", "?q=" + draw(slug(terms)),
                                 "#" + draw(slug(terms)), "/")))
    return start + path + tail


@st.composite
def code_text(draw: st.DrawFn, terms: bool, *, extra: str = "") -> str:
    """Text for code: words and Markdown-looking symbols, never a backtick or tilde."""
    symbols = st.sampled_from(("*", "_", "#", "[x](y)", "<b>", "&amp;", "<!--", "-->", "\\",
                               "= 1", "{#id}", "!!! note", "> quote", "- item", "|" if extra else
                               "1."))
    tokens = draw(st.lists(st.one_of(word(terms), symbols), min_size=1, max_size=6))
    return " ".join(tokens)


@st.composite
def inline_code(draw: st.DrawFn, terms: bool) -> list[Piece]:
    width = draw(st.integers(1, 4))
    body = draw(code_text(terms))
    if width > 1 and draw(st.booleans()):
        # a shorter run of backticks inside a longer code span
        shorter = "`" * draw(st.integers(1, width - 1))
        body = body + " " + shorter + "x " + draw(word(terms))
    return [kept("`" * width + body + "`" * width)]


def attribute_value(terms: bool) -> st.SearchStrategy[str]:
    return st.one_of(
        words(terms, max_size=3).map(lambda value: f'"{value}"'),
        words(terms, max_size=3).map(lambda value: "'" + value.replace("'", "") + "'"),
        slug(terms),
    )


@st.composite
def html_tag(draw: st.DrawFn, terms: bool, name: str | None = None) -> str:
    name = name or draw(st.sampled_from(("span", "abbr", "kbd", "em", "a", "small")))
    names = draw(st.lists(st.sampled_from(("title", "class", "data-child", "href", "alt",
                                           "data-practitioner")),
                          min_size=0, max_size=2, unique=True))
    attributes = "".join(f" {attribute}={draw(attribute_value(terms))}" for attribute in names)
    return f"<{name}{attributes}>"


@st.composite
def inline_html(draw: st.DrawFn, terms: bool) -> list[Piece]:
    name = draw(st.sampled_from(("span", "abbr", "kbd", "em", "a", "small")))
    opening = draw(html_tag(terms, name))
    return [kept(opening), free(draw(words(terms, max_size=3))), kept(f"</{name}>")]


@st.composite
def link(draw: st.DrawFn, terms: bool) -> list[Piece]:
    image = draw(st.booleans())
    destination = draw(st.one_of(
        url(terms),
        st.builds(lambda a, b: f"{a}.md#{b}", slug(terms), slug(terms)),
        st.builds(lambda a: f"images/{a}.png", slug(terms)),
    ))
    pieces = [kept("![" if image else "[")]
    pieces += draw(prose_words(terms, max_size=3, constructs=False))
    pieces.append(kept("](" + destination))
    if draw(st.booleans()):
        quote = draw(st.sampled_from(('"', "'")))
        pieces.append(free(f" {quote}{draw(words(terms, max_size=3))}{quote}"))
    pieces.append(kept(")"))
    if draw(st.booleans()):
        pieces.append(kept("{: ." + draw(slug(terms)) + " }"))
    return pieces


@st.composite
def reference_link(draw: st.DrawFn, terms: bool) -> list[Piece]:
    pieces = [kept("[")]
    pieces += draw(prose_words(terms, max_size=3, constructs=False))
    pieces.append(kept("][" + draw(slug(terms)) + "]"))
    return pieces


@st.composite
def inline_construct(draw: st.DrawFn, terms: bool) -> tuple[list[Piece], bool]:
    """An inline construct, and whether it may stand right against the word before it."""
    choice = draw(st.sampled_from((
        "code", "html", "comment", "autolink", "email", "bare url", "link", "reference",
        "shortcut", "footnote", "emphasis", "entity", "escape",
    )))
    if choice == "code":
        return draw(inline_code(terms)), True
    if choice == "html":
        return draw(inline_html(terms)), True
    if choice == "comment":
        return [kept(f"<!-- {draw(words(terms))} -->")], True
    if choice == "autolink":
        return [kept(f"<{draw(url(terms).filter(lambda u: '://' in u))}>")], True
    if choice == "email":
        return [kept(f"<{draw(slug(terms)).replace('-', '.')}@example.org>")], True
    if choice == "bare url":
        return [kept(draw(url(terms)))], False
    if choice == "link":
        return draw(link(terms)), True
    if choice == "reference":
        return draw(reference_link(terms)), True
    if choice == "shortcut":
        # [label] and [label][] link through a definition named by their own text, which is
        # prose: rewritten, the label is written after it ([new words][label])
        label = draw(st.sampled_from(SHORTCUT_LABELS if terms else SHORTCUT_LABELS[:-1]))
        collapsed = [free("[]")] if draw(st.booleans()) else []
        if label == "".join(TERM_LABEL):
            term = Piece("term", TERM_LABEL[0], TERM_LABEL[0], "singular")
            return [kept("["), term, kept(TERM_LABEL[1] + "]"), *collapsed], True
        return [kept(f"[{label}]"), *collapsed], True
    if choice == "footnote":
        return [kept(f"[^{draw(slug(terms))}]")], True
    if choice == "emphasis":
        mark = draw(st.sampled_from(("**", "*", "_", "__")))
        inner = draw(prose_words(terms, max_size=2, constructs=False))
        return [kept(mark), *inner, kept(mark)], mark in ("*", "**")
    if choice == "entity":
        return [kept(draw(st.sampled_from(("&amp;", "&#169;", "&nbsp;", "&#x2014;"))))], True
    return [kept(draw(st.sampled_from(("\\*", "\\_", "\\[", "\\`", "\\#"))))], True


@st.composite
def prose_words(
    draw: st.DrawFn,
    terms: bool,
    *,
    max_size: int = 8,
    constructs: bool = True,
    line_breaks: bool = False,
    no_pipes: bool = False,
) -> list[Piece]:
    """A run of prose: filler and terms, with inline constructs between and against them."""
    first = draw(prose_term(line_breaks)) if terms and draw(st.booleans()) else None
    pieces: list[Piece] = [first or free(draw(st.sampled_from(FILLER)))]
    after_construct: bool | None = None  # None after a word; else may a word touch it
    for _ in range(draw(st.integers(0, max_size))):
        options = ["filler"] + (["term"] if terms else []) + (["construct"] if constructs else [])
        choice = draw(st.sampled_from(options))
        if choice == "construct":
            construct, touchable = draw(inline_construct(terms))
            if no_pipes and any("|" in piece.text for piece in construct):
                continue
            if after_construct is not None:
                # a word between two constructs: "[^x] [label]" would be one reference link
                pieces += [free(" "), free(draw(st.sampled_from(FILLER)))]
            may_touch = touchable
        else:
            may_touch = bool(after_construct)
        if may_touch and draw(st.booleans()):
            pass  # right against its neighbour: `code`practitioner, practitioner[^1]
        elif choice != "construct" and after_construct is None and draw(st.integers(0, 5)) == 0:
            pieces.append(free("-"))  # a hyphen is a word boundary: practitioner-led
        else:
            pieces.append(free(" "))
        if choice == "filler":
            pieces.append(free(draw(st.sampled_from(FILLER))))
        elif choice == "term":
            pieces.append(draw(prose_term(line_breaks)))
        else:
            pieces += construct
        after_construct = touchable if choice == "construct" else None
    if draw(st.booleans()):
        pieces.append(free(draw(st.sampled_from((".", ",", "?", "!", ":")))))
    return pieces


@st.composite
def paragraph(draw: st.DrawFn, terms: bool) -> list[Piece]:
    pieces: list[Piece] = []
    for index in range(draw(st.integers(1, 3))):
        if index:
            pieces.append(free("\n"))
        if draw(st.integers(0, 4)) == 0:  # a line may open with code, a link, a tag...
            construct, _ = draw(inline_construct(terms).filter(
                lambda found: not found[0][0].text.startswith(("<!--", "\\#"))))
            pieces += [*construct, free(" ")]
        pieces += draw(prose_words(terms, line_breaks=True))
    return pieces


@st.composite
def heading(draw: st.DrawFn, terms: bool) -> list[Piece]:
    if draw(st.integers(0, 4)) == 0:  # setext
        underline = draw(st.sampled_from(("===", "---", "=========")))
        return [*draw(prose_words(terms)), kept("\n" + underline)]
    pieces = [kept("#" * draw(st.integers(1, 6)) + " "), *draw(prose_words(terms))]
    if draw(st.booleans()):
        attributes = "#" + draw(slug(terms))
        if draw(st.booleans()):
            attributes += " ." + draw(slug(terms))
        pieces.append(kept(" {" + attributes + "}"))
    return pieces


@st.composite
def bullet_list(draw: st.DrawFn, terms: bool) -> list[Piece]:
    marker = draw(st.sampled_from(("- ", "* ", "+ ", "1. ")))
    pieces: list[Piece] = []
    loose = False
    for index in range(draw(st.integers(1, 4))):
        if index:
            # after a paragraph, Python-Markdown needs a blank line before a list item
            pieces.append(kept("\n\n" if loose else "\n"))
        nested = index and draw(st.booleans())
        pieces.append(kept(("    " if nested else "") + marker))
        if draw(st.integers(0, 4)) == 0:
            pieces.append(kept(draw(st.sampled_from(("[ ] ", "[x] ")))))
        pieces += draw(prose_words(terms))
        if draw(st.integers(0, 3)) == 0:  # a further paragraph or code block in the item
            inner = draw(st.one_of(paragraph(terms), fenced_code(terms),
                                   container(terms, 1), block_quote(terms)))
            pieces += [kept("\n\n"), *indent(inner, "    " * (2 if nested else 1))]
            loose = True
    return pieces


@st.composite
def block_quote(draw: st.DrawFn, terms: bool) -> list[Piece]:
    pieces: list[Piece] = []
    for index in range(draw(st.integers(1, 3))):
        if index:
            pieces.append(kept("\n"))
        if index and draw(st.integers(0, 3)) == 0:  # SuperFences opens fences in quotes too
            pieces += [kept(">\n"), *indent(draw(fenced_code(terms)), "> ")]
            continue
        pieces.append(kept(draw(st.sampled_from(("> ", "> > ", "> - ", ">> ")))))
        pieces += draw(prose_words(terms))
    return pieces


@st.composite
def table(draw: st.DrawFn, terms: bool) -> list[Piece]:
    columns = draw(st.integers(1, 3))
    rows = draw(st.integers(1, 3))
    pieces: list[Piece] = []
    for row in range(rows + 1):
        pieces.append(kept("| "))
        for column in range(columns):
            if column:
                pieces.append(kept(" | "))
            pieces += draw(prose_words(terms, max_size=3, no_pipes=True))
        pieces.append(kept(" |\n"))
        if row == 0:
            pieces.append(kept("|" + "|".join(draw(st.sampled_from((" --- ", ":---", " :-: ")))
                                              for _ in range(columns)) + "|\n"))
    pieces[-1] = kept(pieces[-1].text.rstrip("\n"))
    return pieces


@st.composite
def fenced_code(draw: st.DrawFn, terms: bool) -> list[Piece]:
    fence = draw(st.sampled_from("`~")) * draw(st.integers(3, 5))
    margin = " " * draw(st.integers(0, 3))
    closing = fence  # SuperFences closes only on a fence of the same length
    info = draw(st.sampled_from(("", "python", "yaml", 'text title="{}"', "{{ .md .{} }}")))
    lines = draw(st.lists(code_text(terms, extra="|"), min_size=0, max_size=4))
    # SuperFences wants the code lines indented as far as the fence
    code = kept("\n" + "\n".join(margin + line for line in [*lines, closing]))
    if "title" in info:  # the caption is prose (SPEC 3.6); the rest of the fence is kept
        caption = draw(prose_words(terms, max_size=3, constructs=False))
        return [kept(margin + fence + 'text title="'), *caption, kept('"'), code]
    if "{}" in info:
        info = info.format(draw(slug(terms)))
    return [kept(margin + fence + info), code]


@st.composite
def indented_code(draw: st.DrawFn, terms: bool) -> list[Piece]:
    lines = draw(st.lists(code_text(terms, extra="|"), min_size=1, max_size=3))
    indent = draw(st.sampled_from(("    ", "\t", "     ")))
    return [free(draw(st.sampled_from(FILLER))), kept("\n\n" + "\n".join(indent + line
                                                                         for line in lines))]


@st.composite
def html_block(draw: st.DrawFn, terms: bool) -> list[Piece]:
    name = draw(st.sampled_from(("div", "section", "aside", "p", "pre", "script", "md")))
    if name in ("pre", "script"):  # "<!--" inside <pre> opens a comment in HTML itself
        body = draw(code_text(terms, extra="|").filter(lambda text: "<!--" not in text))
        return [kept(f"<{name}>\n{body}\n</{name}>")]
    if name == "md":  # md_in_html: Markdown inside a block tag is prose again
        opening = draw(html_tag(terms, "div"))[:-1] + " markdown>"
        return [kept(opening + "\n\n"), *draw(paragraph(terms)), kept("\n\n</div>")]
    return [kept(draw(html_tag(terms, name)) + "\n"), free(draw(words(terms))),
            kept(f"\n</{name}>")]


@st.composite
def comment_block(draw: st.DrawFn, terms: bool) -> list[Piece]:
    if draw(st.booleans()):
        return [kept(f"<!-- {draw(words(terms))} -->")]
    lines = draw(st.lists(words(terms), min_size=1, max_size=3))
    return [kept("<!--\n" + "\n".join(lines) + "\n-->")]


@st.composite
def reference_definition(draw: st.DrawFn, terms: bool) -> list[Piece]:
    pieces = [kept(f"[{draw(slug(terms))}]: {draw(url(terms))}")]
    if draw(st.booleans()):
        pieces.append(free(f' "{draw(words(terms, max_size=3))}"'))
    return pieces


@st.composite
def footnote(draw: st.DrawFn, terms: bool) -> list[Piece]:
    pieces = [kept(f"[^{draw(slug(terms))}]: "), *draw(prose_words(terms))]
    if draw(st.booleans()):
        pieces += [kept("\n    "), *draw(prose_words(terms))]
    return pieces


@st.composite
def abbreviation(draw: st.DrawFn, terms: bool) -> list[Piece]:
    label = draw(st.sampled_from(("HTML", "DSL", *(("LA", "MASH") if terms else ()))))
    return [kept("*["), free(label), kept("]: "), *draw(prose_words(terms, constructs=False))]


@st.composite
def snippet(draw: st.DrawFn, terms: bool) -> list[Piece]:
    if draw(st.booleans()):
        return [kept(f'--8<-- "includes/{draw(slug(terms))}.md"')]
    files = draw(st.lists(slug(terms), min_size=1, max_size=3))
    return [kept("--8<--\n" + "\n".join(f"{name}.md" for name in files) + "\n--8<--")]


@st.composite
def definition_list(draw: st.DrawFn, terms: bool) -> list[Piece]:
    return [*draw(prose_words(terms, constructs=False)), kept("\n:   "),
            *draw(prose_words(terms))]


def indent(pieces: list[Piece], prefix: str) -> list[Piece]:
    """The pieces with every non-blank line indented by `prefix`, each piece keeping its kind."""
    result: list[Piece] = []
    previous = "\n"
    for piece in pieces:
        out = ""
        for char in piece.text:
            if previous == "\n" and char != "\n":
                if out:
                    out += prefix
                else:
                    result.append(kept(prefix))
            out += char
            previous = char
        result.append(replace(piece, text=out))
    return result


@st.composite
def container(draw: st.DrawFn, terms: bool, depth: int) -> list[Piece]:
    """Admonitions, collapsible details and content tabs, whose indented body is prose."""
    kind = draw(st.sampled_from(("admonition", "details", "tab")))
    title = draw(prose_words(terms, max_size=3).filter(
        lambda pieces: not any('"' in piece.text for piece in pieces)))
    if kind == "tab":
        opener = [kept('=== "'), *title, kept('"')]
    else:
        mark = "!!!" if kind == "admonition" else draw(st.sampled_from(("???", "???+")))
        opener = [kept(f"{mark} {draw(st.sampled_from(KINDS))}")]
        if draw(st.booleans()):
            opener += [kept(' "'), *title, kept('"')]
    gap = "\n\n" if draw(st.booleans()) else "\n"
    body: list[Piece] = []
    for index in range(draw(st.integers(1, 3))):
        if index:
            body.append(kept("\n\n"))
        body += draw(block(terms, depth + 1))
    return [*opener, kept(gap), *indent(body, draw(st.sampled_from(("    ", "\t"))))]


def block(terms: bool, depth: int = 0) -> st.SearchStrategy[list[Piece]]:
    simple = [paragraph(terms), heading(terms), bullet_list(terms), block_quote(terms),
              fenced_code(terms), indented_code(terms), table(terms), comment_block(terms),
              footnote(terms), definition_list(terms)]
    if depth == 0:
        simple += [html_block(terms), reference_definition(terms), abbreviation(terms),
                   snippet(terms), st.just([kept("***")])]
    if depth < 2:  # weighted: the indented bodies are where the MkDocs dialect differs
        simple += [container(terms, depth)] * (3 if depth == 0 else 1)
    if depth > 0:
        simple += [paragraph(terms)] * 2
    return st.one_of(simple)


@st.composite
def front_matter(draw: st.DrawFn, terms: bool) -> list[Piece]:
    pieces = [kept("---\n")]
    for key in draw(st.lists(st.sampled_from(("title", "description", "author", "template",
                                               "tags")), min_size=1, max_size=4, unique=True)):
        if key in ("title", "description"):
            quote = draw(st.sampled_from(("", '"')))
            pieces += [kept(f"{key}: {quote}"), *draw(prose_words(terms, constructs=False)),
                       kept(f"{quote}\n")]
        elif key == "tags":
            pieces.append(kept(f"tags: [{', '.join(draw(st.lists(slug(terms), max_size=3)))}]\n"))
        else:
            pieces.append(kept(f"{key}: {draw(words(terms))}\n"))
    pieces.append(kept("---\n\n"))
    return pieces


@st.composite
def pages(draw: st.DrawFn, terms: bool = True) -> Page:
    pieces: list[Piece] = []
    if draw(st.integers(0, 3)) == 0:
        pieces += draw(front_matter(terms))
    for index in range(draw(st.integers(1, 6))):
        if index:
            pieces.append(kept("\n\n"))
        pieces += draw(block(terms))
    if draw(st.booleans()):
        definitions = (f"[{label}]: https://example.org/{index}"
                       for index, label in enumerate(SHORTCUT_LABELS))
        pieces.append(kept("\n\n" + "\n".join(definitions)))
    if draw(st.booleans()):
        pieces.append(kept("\n"))
    return Page(tuple(piece for piece in pieces if piece.text))


# Arbitrary text, and text dense with the characters Markdown and the engine care about.
MARKDOWN_SOUP = st.lists(
    st.one_of(
        st.sampled_from(("`", "``", "```", "~~~", "<", ">", "<!--", "-->", "[", "]", "(", ")",
                         "![", "](", "{#", "}", "!!! note", "=== \"", "???", "--8<--", "*[",
                         "[^", "]:", "|", "---", "- ", "1. ", "> ", "#", "    ", "\t", "\n",
                         "\r\n", "\n\n", " ", "'", "\u2019", "\"", "\\", "&amp;", "https://",
                         "www.", "@", ".", "-", "a ", "an ", "\ufeff", "\u00a0", ":   ",
                         "{: .x }", "<div markdown>", "</div>", "+++",
                         'title="', "???+ tip", "[x]: ", "|---|", "\n    ", "\n\t", "*")),
        st.sampled_from(TERM_WORDS),
        st.sampled_from(FILLER),
        st.text(max_size=3),
    ),
    max_size=60,
).map("".join)
ARBITRARY = st.one_of(st.text(max_size=300), MARKDOWN_SOUP)


# -- checks ------------------------------------------------------------------------------------

def offset_of(text: str, line: int, column: int) -> int:
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    return starts[line - 1] + column - 1


def apply_substitutions(text: str, result: Rewrite, page: PreparedPage) -> str:
    """The source with the engine's record of changes applied, and the labels that keep
    `[label]` links working once their words change: must be the engine's output."""
    edits, position = [], 0
    for substitution in result.substitutions:
        start = offset_of(text, substitution.line, substitution.column)
        assert start >= position, f"substitutions overlap or are out of order: {substitution}"
        edits.append((start, start + len(substitution.original), substitution.replacement))
        position = start + len(substitution.original)
    return apply_edits(text, edits + page.label_edits(result.substitutions))


def assert_substitutions_point_at_source(text: str, result: Rewrite) -> None:
    for substitution in result.substitutions:
        start = offset_of(text, substitution.line, substitution.column)
        assert text[start:start + len(substitution.original)] == substitution.original, (
            f"{substitution} does not point at its original text"
        )


def assert_in_order(output: str, runs: list[str]) -> None:
    position = 0
    for run in runs:
        found = output.find(run, position)
        assert found >= 0, f"kept text {run!r} is missing or changed after offset {position}"
        position = found + len(run)


def check_page(page: Page, engine: Engine = ENGINE) -> None:
    text = page.text
    prepared = engine.prepare(text, "page.md")
    assert engine.rewrite(prepared, GLOSSARY.source).text == text
    for audience in OTHERS:
        result = engine.rewrite(prepared, audience)
        assert_in_order(result.text, page.kept_runs())
        assert_substitutions_point_at_source(text, result)
        assert apply_substitutions(text, result, prepared) == result.text
        starts = [offset_of(text, s.line, s.column) for s in result.substitutions]
        for start, end, piece in page.spans("kept"):
            for s_start, s in zip(starts, result.substitutions, strict=True):
                assert not (s_start < end and start < s_start + len(s.original)), (
                    f"{s} rewrites kept text {piece.text!r}"
                )
        for start, _end, piece in page.spans("term"):
            term = next(t for t in GLOSSARY.terms if t.term == piece.term)
            if not _changes(term, piece.form or "singular", audience):
                continue
            assert any(
                s_start <= start + piece.at < s_start + len(s.original)
                for s_start, s in zip(starts, result.substitutions, strict=True)
            ), f"{piece.text!r} at offset {start} was not rewritten for {audience}"


# -- what Python-Markdown, configured as in mkdocs.yml, makes of a page -------------------------

@cache
def project_markdown() -> markdown.Markdown:
    """A renderer with the Markdown extensions and settings the site's mkdocs.yml uses."""
    config = yaml.safe_load((Path(__file__).parents[1] / "mkdocs.yml").read_text("utf-8"))
    names: list[str] = []
    settings_by_name: dict[str, dict] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        settings_by_name[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings_by_name)


class _Facts(HTMLParser):
    """The text of every code, pre and script element, and the attributes rewriting must keep."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code_depth = 0
        self.code: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre", "script", "style"):
            self.code_depth += 1
            self.code.append("")
        if tag == "abbr":
            return  # an abbreviation follows the words of the page, which do change
        for name, value in attrs:
            if name in ("id", "alt") or (name == "title" and tag in ("a", "img")):
                continue  # made from headings, alt text or link titles: prose
            if name == "href" and (value or "").startswith("#"):
                continue  # a heading's permalink, made from its words
            self.attributes.append((tag, name, value))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre", "script", "style"):
            self.code_depth = max(0, self.code_depth - 1)  # a stray end tag closes nothing

    def handle_data(self, data: str) -> None:
        if self.code_depth:
            self.code[-1] += data


def rendered_facts(text: str) -> tuple[list[str], list[tuple[str, str, str | None]]]:
    renderer = project_markdown()
    renderer.reset()
    facts = _Facts()
    facts.feed(renderer.convert(text))
    facts.close()
    # Python-Markdown expands a tab to the next stop, so a rewrite earlier on the line moves it
    code = [re.sub(r"[ \t]+", " ", text) for text in facts.code]
    return code, facts.attributes


class _VisibleText(HTMLParser):
    """The words a reader sees: text outside code, scripts and styles."""

    HIDDEN = frozenset(("code", "pre", "script", "style"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        # a stray end tag closes nothing
        self.hidden = max(0, self.hidden - (tag in self.HIDDEN))

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
NOT_WORDS = re.compile(r"\S*(?:://|www\.|@)\S*|\[\^?[^\]\s]*\]")  # URLs, unused labels


def visible_text(text: str) -> str:
    """What a reader of the rendered page reads, front matter removed as MkDocs does."""
    renderer = project_markdown()
    renderer.reset()
    parser = _VisibleText()
    parser.feed(renderer.convert(FRONT_MATTER.sub("", text)))
    parser.close()
    return NOT_WORDS.sub(" ", "".join(parser.parts))


def replaced_everywhere(audience: str) -> re.Pattern[str]:
    """Every spelling of the terms an audience never reads: each form changes, and no wording
    for that audience (its own or another term's) brings the word back."""
    wordings = " ".join(f"{t.wording(audience).singular} {t.wording(audience).plural}".lower()
                        for t in GLOSSARY.terms)
    forms = [
        r"\s+".join(re.escape(word) for word in form.split())
        for term, form, _ in FORMS
        if _changes(term, "singular", audience) and _changes(term, "plural", audience)
        and not re.search(rf"\b{re.escape(term.term.lower())}", wordings)
    ]
    pattern = "|".join(sorted(forms, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", re.IGNORECASE)


def assert_no_replaced_term_left_in_what_readers_read(text: str) -> None:
    for audience in OTHERS:
        output = ENGINE.rewrite_text(text, audience).text
        left = replaced_everywhere(audience).search(visible_text(output))
        assert left is None, f"{left.group()!r} is still read by {audience} in {output!r}"


def assert_rendering_keeps_code_and_attributes(text: str) -> None:
    """Whatever Python-Markdown renders as code, a URL or an attribute is the same for all."""
    try:
        prepared = ENGINE.prepare(text, "page.md")
    except GuidanceErrors:
        return
    code, attributes = rendered_facts(text)
    for audience in OTHERS:
        output = ENGINE.rewrite(prepared, audience).text
        new_code, new_attributes = rendered_facts(output)
        assert new_code == code, f"code rendered differently for {audience}: {output!r}"
        assert new_attributes == attributes, (
            f"links or attributes rendered differently for {audience}: {output!r}"
        )


# -- properties --------------------------------------------------------------------------------

@SETTINGS
@given(pages())
def test_generated_pages_keep_code_urls_and_html_and_rewrite_prose_terms(page: Page) -> None:
    check_page(page)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_what_python_markdown_renders_as_code_or_links_is_the_same_for_every_audience(
    page: Page,
) -> None:
    assert_rendering_keeps_code_and_attributes(page.text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_no_replaced_term_is_left_in_what_python_markdown_shows_readers(page: Page) -> None:
    assert_no_replaced_term_left_in_what_readers_read(page.text)


@settings(max_examples=150, deadline=None)
@given(MARKDOWN_SOUP)
def test_markdown_soup_renders_the_same_code_and_links_for_every_audience(text: str) -> None:
    assert_rendering_keeps_code_and_attributes(text)


@SETTINGS
@given(pages(terms=False))
def test_a_page_with_no_term_comes_out_identical_for_every_audience(page: Page) -> None:
    prepared = ENGINE.prepare(page.text, "page.md")
    for audience in GLOSSARY.ids:
        result = ENGINE.rewrite(prepared, audience)
        assert result.text == page.text
        assert result.substitutions == ()


@settings(max_examples=60, deadline=None)
@given(pages())
def test_crlf_pages_rewrite_as_their_lf_twins_and_keep_crlf(page: Page) -> None:
    lf = page.text
    crlf = lf.replace("\n", "\r\n")
    for audience in GLOSSARY.ids:
        assert ENGINE.rewrite_text(crlf, audience).text == \
            ENGINE.rewrite_text(lf, audience).text.replace("\n", "\r\n")


def _rewrite_all(text: str) -> tuple[PreparedPage, dict[str, Rewrite]] | None:
    """The prepared page and each audience's rewrite, or None when the page has a region error
    (GuidanceErrors)."""
    try:
        prepared = ENGINE.prepare(text, "page.md")
    except GuidanceErrors as errors:
        assert errors.errors, "GuidanceErrors with no error in it"
        for error in errors.errors:
            assert isinstance(error, GuidanceError)
            assert error.path == "page.md" and error.line is not None, str(error)
        return None
    return prepared, {audience: ENGINE.rewrite(prepared, audience) for audience in GLOSSARY.ids}


@settings(max_examples=300, deadline=None)
@given(ARBITRARY)
def test_arbitrary_text_never_raises_and_the_source_audience_reads_it_unchanged(
    text: str,
) -> None:
    rewritten = _rewrite_all(text)
    if rewritten is None:
        assert "<!--" in text, "a region error on a page without any comment"
        return
    prepared, results = rewritten
    assert results[GLOSSARY.source].text == text
    for result in results.values():
        assert_substitutions_point_at_source(text, result)
        if not result.dropped and "<!--" not in text:
            assert apply_substitutions(text, result, prepared) == result.text


NO_TERM_ALPHABET = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="aAiI\u0130\u0131\u212a",
).filter(lambda char: not set(char.lower() + char.upper() + char.casefold()) & set("aAiI"))


@settings(max_examples=200, deadline=None)
@given(st.text(NO_TERM_ALPHABET, max_size=300).filter(lambda text: "<!--" not in text))
def test_arbitrary_text_with_no_term_comes_out_identical(text: str) -> None:
    # Every term in the test glossary has an "a" or an "i", so this text holds none.
    assert all(set(form.lower()) & set("ai") for form in TERM_WORDS)
    for audience in GLOSSARY.ids:
        assert ENGINE.rewrite_text(text, audience).text == text


@pytest.mark.parametrize("audience", OTHERS)
def test_a_page_with_one_of_each_kind_is_rewritten_only_in_its_prose(audience: str) -> None:
    """A fixed page with one of everything, as a readable anchor for the properties above."""
    page = Page((
        kept("---\ntitle: "), Piece("term", "practitioner", "practitioner", "singular"),
        kept(" guide\ntemplate: practitioner.html\n---\n\n# "),
        Piece("term", "Practitioners", "practitioner", "plural"),
        kept(" {#practitioner-duties}\n\n!!! note\n    "),
        Piece("term", "child", "child", "singular"),
        kept(" `practitioner` <span title=\"practitioner\">x</span> "
             "<https://example.org/practitioner> [x](practitioner.md)\n"),
    ))
    check_page(page)
    assert ENGINE.rewrite_text(page.text, audience).text != page.text


# -- audience-only and verbatim regions (SPEC 4) -------------------------------------------------

@dataclass(frozen=True)
class Region:
    kind: str  # "audience", "not" or "verbatim"
    audiences: tuple[str, ...]
    sentinel: str  # a word only this region holds
    content: str


@st.composite
def region_pages(draw: st.DrawFn) -> tuple[str, list[Region]]:
    """Generated blocks, some wrapped in block or inline regions, each marked by a sentinel."""
    parts: list[str] = []
    regions: list[Region] = []
    for index in range(draw(st.integers(1, 5))):
        block_text = "".join(piece.text for piece in draw(block(True)))
        kind = draw(st.sampled_from(("none", "audience", "not", "verbatim")))
        if kind == "none":
            parts.append(block_text)
            continue
        sentinel = f"Zed{index}q"
        audiences = tuple(draw(st.lists(st.sampled_from(GLOSSARY.ids), min_size=1,
                                        max_size=3, unique=True)))
        opening = {"audience": f"<!-- audience: {', '.join(audiences)} -->",
                   "not": f"<!-- audience: not {', '.join(audiences)} -->",
                   "verbatim": "<!-- verbatim -->"}[kind]
        closing = "<!-- /verbatim -->" if kind == "verbatim" else "<!-- /audience -->"
        if draw(st.booleans()):  # a block region: markers on their own lines
            content = f"{sentinel} must.\n\n{block_text}"
            parts.append(f"{opening}\n{content}\n{closing}")
        else:  # an inline region inside a paragraph
            content = f"{sentinel} a practitioner's `practitioner`"
            parts.append(f"Before {opening}{content}{closing} after.")
        regions.append(Region(kind, audiences, sentinel, content))
    return "\n\n".join(parts) + "\n", regions


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(region_pages())
def test_regions_show_their_content_only_to_their_audiences_and_markers_never_show(
    page: tuple[str, list[Region]],
) -> None:
    text, regions = page
    prepared = ENGINE.prepare(text, "page.md")
    for audience in GLOSSARY.ids:
        result = ENGINE.rewrite(prepared, audience)
        assert "<!-- audience" not in result.text and "<!-- /audience" not in result.text
        assert "verbatim -->" not in result.text
        hidden = 0
        for region in regions:
            shown = region.kind == "verbatim" or (
                (audience in region.audiences) != (region.kind == "not"))
            assert (region.sentinel in result.text) == shown, (region, audience)
            hidden += not shown
            if region.kind == "verbatim":
                assert region.content in result.text, f"verbatim text changed for {audience}"
        assert len(result.dropped) == hidden
        assert_substitutions_point_at_source(text, result)


@st.composite
def broken_region_pages(draw: st.DrawFn) -> tuple[str, int]:
    """A page with one faulty region marker, and the line an error must name."""
    before = "".join(piece.text for piece in draw(block(True)))
    inside = "".join(piece.text for piece in draw(block(True)))
    fault = draw(st.sampled_from(("unknown id", "unclosed", "stray closing", "nested",
                                  "mismatched")))
    opening = "<!-- audience: police -->"
    lines = [before, "", ""]
    if fault == "unknown id":
        lines += ["<!-- audience: police, nobody -->", inside, "<!-- /audience -->"]
        faulty = 3
    elif fault == "unclosed":
        lines += [opening, inside]
        faulty = 3
    elif fault == "stray closing":
        lines += [inside, "<!-- /audience -->"]
        faulty = 4
    elif fault == "nested":
        lines += [opening, "<!-- verbatim -->", inside, "<!-- /verbatim -->",
                  "<!-- /audience -->"]
        faulty = 4
    else:
        lines += [opening, inside, "<!-- /verbatim -->"]
        faulty = 5
    text = "\n".join(lines) + "\n"
    return text, "\n".join(lines[:faulty]).count("\n") + 2  # the line lines[faulty] starts


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_region_pages())
def test_a_faulty_region_marker_is_an_error_naming_its_line(page: tuple[str, int]) -> None:
    text, line = page
    with pytest.raises(GuidanceErrors) as caught:
        ENGINE.prepare(text, "page.md")
    errors = caught.value.errors
    assert all(error.path == "page.md" and error.line and error.fix for error in errors)
    assert line in [error.line for error in errors], (line, [str(e) for e in errors])


# -- regressions: pages the properties above found where the engine and MkDocs disagreed -----

def test_a_shortcut_reference_link_named_by_a_term_still_links() -> None:
    """`[practitioner]` and `[child][]` link through definitions named by their own text."""
    assert_rendering_keeps_code_and_attributes(
        "See [practitioner] and [child][].\n\n"
        "[practitioner]: https://example.org/p\n[child]: https://example.org/c\n"
    )


def test_a_reference_definition_right_under_a_paragraph_keeps_its_label() -> None:
    """Python-Markdown reads a definition even on the line after a paragraph's text."""
    assert_rendering_keeps_code_and_attributes(
        "Read this.\n[practitioner]: https://example.org/p\n\nSee [the guide][practitioner].\n"
    )


def test_a_list_marker_inside_a_paragraph_does_not_turn_code_into_prose() -> None:
    """Without a blank line a list cannot interrupt a paragraph, so what follows is code."""
    assert_rendering_keeps_code_and_attributes("Steps\n- one\n\n    a practitioner\n")


def test_a_fence_closed_by_a_longer_fence_is_prose_for_superfences() -> None:
    """SuperFences closes a fence only with one of the same length; otherwise it is text."""
    text = "```\npractitioner\n````\n\nMore.\n"
    assert "police officer" in ENGINE.rewrite_text(text, "police").text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("> ~~~\n> practitioner\n> ~~~\n", id="tilde fence"),
        pytest.param("> ```\n> * practitioner\n> ```\n", id="backtick fence, list-like line"),
        pytest.param("> Read:\n>\n> ```\n> # practitioner\n> ```\n", id="heading-like line"),
    ],
)
def test_fenced_code_inside_a_block_quote_is_code(text: str) -> None:
    """SuperFences opens fences inside block quotes too; the engine must leave them alone."""
    assert_rendering_keeps_code_and_attributes(text)


def test_an_indented_fence_whose_lines_are_not_indented_is_text_readers_see() -> None:
    """SuperFences opens an indented fence only if the code lines are indented as far."""
    assert_no_replaced_term_left_in_what_readers_read(" ~~~\npractitioner\n ~~~\n")


@pytest.mark.parametrize("text", ["Open https://example.org/`a practitioner` now.\n",
                                  "https://`<practitioner`\n"])
def test_inline_code_right_after_a_bare_url_is_still_code(text: str) -> None:
    """Python-Markdown has no bare-URL links: the backticks after the URL open code."""
    assert_rendering_keeps_code_and_attributes(text)


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u3000*_aBé"), max_size=40))
def test_core_message_text_leads_back_to_the_characters_it_came_from(text: str) -> None:
    """normalise() and _Places, which undoes it to place a CM001 finding, agree everywhere."""
    normal = normalise(text)
    places = _Places(text)
    for index, char in enumerate(normal):
        if not char.isspace():
            assert text[places.offset(index)] == char
    assert " ".join(normal.split()) == " ".join(text.replace("*", "").replace("_", "").split())
