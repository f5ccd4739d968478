"""Finding glossary terms in prose and writing them in an audience's words.

Matching depends only on the source wording, so it runs once per page; what each audience
reads is then decided per occurrence from its recorded form (plural, possessive, apostrophe),
its case and whether it starts a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache

from guidance.engine.glossary import Term, Wording, default_plural, inflector
from guidance.engine.markdown_scan import Prose

APOSTROPHES = ("'", "\u2019")
SHORT_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
     "or", "the", "to", "with")
)
ARTICLE_BEFORE = re.compile(r"(?<![^\W_])(an?)(\s+)$", re.IGNORECASE)
LETTER_NAMES_WITH_VOWEL_SOUND = frozenset("AEFHILMNORSX")
WORD_PARTS = re.compile(r"[\s-]+")
# A word joined to letters or digits by `.`, `_`, `/` or `::` is part of an identifier or a path
# (`my_practitioner.py`, `guidance.practitioner`, `docs/practitioner/`), never a term.
NOT_AFTER_WORD = r"(?<![^\W_])(?<![^\W_][._/])(?<![^\W_]::)"
NOT_BEFORE_WORD = r"(?![^\W_])(?![._/][^\W_])(?!::[^\W_])"
# Between the words of a term: white space, and across a line break the markers that continue a
# block quote (`> `), so a term wrapped inside a quote still matches.
WORD_GAP = r"\s+(?:(?<=\n)[ \t]*(?:>[ \t]?)+\s*)?"
QUOTE_CONTINUATION = re.compile(r"\n[ \t]*(?:>[ \t]?)+")


class Form(Enum):
    SINGULAR = "singular"
    PLURAL = "plural"
    SINGULAR_POSSESSIVE = "singular possessive"
    PLURAL_POSSESSIVE = "plural possessive"


class Case(Enum):
    AS_WRITTEN = "as written"
    CAPITAL = "capital"
    TITLE = "title"
    UPPER = "upper"


@dataclass(frozen=True)
class Occurrence:
    """One use of a term in a page: everything about it that does not depend on the audience."""

    start: int  # of the article when there is one, so the pair is replaced together
    end: int
    term: int  # index into the matcher's terms
    form: Form
    apostrophe: str
    case: Case
    sentence_start: bool
    article: str  # "", or the "a"/"an" before the term as written
    article_gap: str  # the white space between article and term


class Matcher:
    """One regular expression for every form of every term, built as a trie for speed."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = tuple(terms)
        self.forms: dict[str, tuple[int, Form]] = {}
        for index, term in enumerate(self.terms):
            for singular in (term.term, *term.variants):
                self._add(singular, index, Form.SINGULAR)
                for apostrophe in APOSTROPHES:
                    self._add(singular + apostrophe + "s", index, Form.SINGULAR_POSSESSIVE)
            plurals = [term.plural, *(default_plural(variant) for variant in term.variants)]
            for plural in plurals:
                self._add(plural, index, Form.PLURAL)
                for apostrophe in APOSTROPHES:
                    ending = apostrophe if plural.lower().endswith("s") else apostrophe + "s"
                    self._add(plural + ending, index, Form.PLURAL_POSSESSIVE)
        self.pattern = _trie_pattern(self.forms) if self.forms else None
        # what a matched string is (term, form, apostrophe, case): pages repeat their terms
        self._seen: dict[str, tuple[int, Form, str, Case]] = {}

    def _add(self, form: str, index: int, kind: Form) -> None:
        self.forms.setdefault(_key(form), (index, kind))

    def find(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        if self.pattern is not None:
            yield from self.pattern.finditer(text, start, end)

    def occurrence(self, match: re.Match[str], span: Prose) -> Occurrence:
        matched = match.group()
        seen = self._seen.get(matched)
        if seen is None:
            found = _unquoted(matched)
            index, form = self.forms[_key(found)]
            apostrophe = next((mark for mark in APOSTROPHES if mark in found[-2:]), "'")
            seen = self._seen[matched] = (index, form, apostrophe, _case_of(found))
        index, form, apostrophe, case = seen
        text = match.string
        article = ARTICLE_BEFORE.search(text, max(span.start, match.start() - 12), match.start())
        start = match.start() - len(article.group()) if article else match.start()
        return Occurrence(
            start=start,
            end=match.end(),
            term=index,
            form=form,
            apostrophe=apostrophe,
            case=case,
            sentence_start=sentence_starts_at(text, start, span.start, span.block_start),
            article=article.group(1) if article else "",
            article_gap=article.group(2) if article else "",
        )

    def replacement(self, occurrence: Occurrence, wording: Wording) -> str:
        """What the audience reads in place of the occurrence (and its article)."""
        term = self.terms[occurrence.term]
        words = _inflect_form(wording, occurrence.form, occurrence.apostrophe)
        if term.term != term.term.lower():  # an acronym or a name: its case is the glossary's
            if occurrence.sentence_start and not occurrence.article:
                words = words[:1].upper() + words[1:]
        else:
            words = _apply_case(words, occurrence.case)
        if occurrence.article:
            article = indefinite_article(words)
            if occurrence.article.isupper() and len(occurrence.article) > 1:
                article = article.upper()
            elif occurrence.article[0].isupper():
                article = article.capitalize()
            return article + occurrence.article_gap + words
        return words


def _key(form: str) -> str:
    return " ".join(_unquoted(form).lower().replace("\u2019", "'").split())


def _unquoted(found: str) -> str:
    """A match with the block quote markers that continue its lines taken out."""
    return QUOTE_CONTINUATION.sub(" ", found) if "\n" in found else found


def _trie_pattern(forms: dict[str, tuple[int, Form]]) -> re.Pattern[str]:
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    body = _trie_regex(trie)
    first = re.escape("".join(sorted(trie)))  # a cheap test before the lookbehinds, for speed
    return re.compile(rf"(?=[{first}]){NOT_AFTER_WORD}{body}{NOT_BEFORE_WORD}", re.IGNORECASE)


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = []
    for char in sorted((char for char in node if char), key=lambda char: (char == " ", char)):
        if char == " ":
            atom = WORD_GAP
        elif char == "'":
            atom = "['\u2019]"
        else:
            atom = re.escape(char)
        branches.append(atom + _trie_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # greedy: the longer form is tried first, the shorter one on backtracking
        return f"(?:{body})?"
    return body


def _case_of(found: str) -> Case:
    letters = [char for char in found if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return Case.UPPER
    words = WORD_PARTS.split(found)
    if not words[0][:1].isupper():
        return Case.AS_WRITTEN
    if len(words) > 1 and all(
        word[:1].isupper() or word.lower() in SHORT_WORDS for word in words[1:]
    ):
        return Case.TITLE
    return Case.CAPITAL


def _apply_case(words: str, case: Case) -> str:
    if case is Case.UPPER:
        return words.upper()
    if case is Case.CAPITAL:
        return words[:1].upper() + words[1:]
    if case is Case.TITLE:
        parts = re.split(r"([\s-]+)", words)
        return "".join(
            part if index and part.lower() in SHORT_WORDS else part[:1].upper() + part[1:]
            for index, part in enumerate(parts)
        )
    return words


def _inflect_form(wording: Wording, form: Form, apostrophe: str) -> str:
    if form is Form.SINGULAR:
        return wording.singular
    if form is Form.PLURAL:
        return wording.plural
    if form is Form.SINGULAR_POSSESSIVE:
        return wording.singular + apostrophe + "s"
    ending = apostrophe if wording.plural.lower().endswith("s") else apostrophe + "s"
    return wording.plural + ending


@cache
def indefinite_article(words: str) -> str:
    """'a' or 'an' for how the words sound: 'an LA', 'a one-off', 'an hour', 'a union'."""
    first = words.split()[0] if words.split() else words
    letters = first.strip("\"'([")
    if 1 < len(letters) <= 3 and letters.isalpha() and letters.isupper():
        return "an" if letters[0] in LETTER_NAMES_WITH_VOWEL_SOUND else "a"  # said letter by letter
    return inflector().a(words).split()[0].lower()


def sentence_starts_at(text: str, position: int, span_start: int, block_start: bool) -> bool:
    """True where a capital belongs: a block's first word, or after '.', '!' or '?'."""
    index = position - 1
    while index >= span_start:
        char = text[index]
        if char in ".!?" and not text.startswith("![", index):  # `![` opens an image
            return True
        if char.isalnum() or char in ",;:":
            return False
        index -= 1
    return block_start
