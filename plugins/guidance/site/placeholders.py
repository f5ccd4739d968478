"""Placeholders: one rendering of the site that every audience's version is cut from.

Rendering Markdown and templates is most of a build's cost, and audiences' pages differ only in
the words the glossary swaps. So each swapped phrase is rendered once as a placeholder, a short
run of Yi syllables (letters, so Markdown treats it like the word it stands for; a script no
guidance is written in), and each audience's output is the shared output with its own wording
put back, escaped as text, so glossary wording can never become markup.

Escaping once is not enough in a browser: Material's tooltips copy a `title` attribute, and the
text of a truncated header title, into the page as HTML, so what was text becomes markup. The
wording therefore reaches the site with no `<` or `>` at all (they become the angle quotation
marks U+2039 and U+203A), and is inert however many times a script unescapes it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence

_START = "\ua000"
START = _START  # every placeholder begins with it: text without it holds none
_END = "\ua001"
_DIGIT0 = 0xA010
_BASE = 64
RESERVED = re.compile("[\ua000-\ua04f]")
_TOKEN = re.compile(f"{_START}([\ua010-\ua04f]+){_END}")
_WHOLE_TOKEN = re.compile(f"({_START}[\ua010-\ua04f]+{_END})")
_JSON_TOKEN = re.compile(r"(\\ua000(?:\\ua0[1-4][0-9a-f])+\\ua001)")
# A tooltip whose definition is empty for this audience (`false` in the glossary): the word stays,
# the tooltip goes. Python-Markdown's abbr extension writes exactly this form.
_EMPTY_ABBR = re.compile(r'<abbr title="">(.*?)</abbr>', re.DOTALL)


def _encode(number: int) -> str:
    digits = []
    while True:
        number, digit = divmod(number, _BASE)
        digits.append(chr(_DIGIT0 + digit))
        if not number:
            return _START + "".join(reversed(digits)) + _END


def _decode(digits: str) -> int:
    number = 0
    for char in digits:
        number = number * _BASE + ord(char) - _DIGIT0
    return number


class Placeholders:
    """Placeholders with the source wording and each built audience's wording, in build order."""

    def __init__(self, audience_ids: Sequence[str]) -> None:
        self.audience_ids = tuple(audience_ids)
        self._index = {audience_id: n for n, audience_id in enumerate(self.audience_ids)}
        self._source: list[str] = []
        self._values: list[tuple[str, ...]] = []
        self._known: dict[tuple[str, tuple[str, ...], str | None], str] = {}
        self._terms: dict[str, str] = {}

    def token(self, source: str, values: Sequence[str], term: str | None = None) -> str:
        """The placeholder for a phrase written `source` and worded `values` by each audience.

        `term`, the glossary term the phrase is an occurrence of, asks for a placeholder that
        carries the term's definition as a tooltip.
        """
        values = tuple(values)
        if len(values) != len(self.audience_ids):
            raise ValueError("one value is needed for each audience")
        key = (source, values, term)
        token = self._known.get(key)
        if token is None:
            token = _encode(len(self._values))
            self._source.append(source)
            self._values.append(values)
            self._known[key] = token
            if term is not None:
                self._terms[token] = term
        return token

    def plain(self, text: str, wording: Callable[[str, str], str]) -> str:
        """`text` itself when every audience words it the same, else a placeholder for it."""
        values = tuple(wording(text, audience_id) for audience_id in self.audience_ids)
        if all(value == text for value in values):
            return text
        return self.token(text, values)

    def per_audience(self, values: Callable[[str], str], source: str = "") -> str:
        """A placeholder standing for something each audience has its own of (name, id)."""
        return self.token(source, [values(audience_id) for audience_id in self.audience_ids])

    def __len__(self) -> int:
        return len(self._values)

    def since(self, start: int) -> list[tuple[str, tuple[str, ...], str | None]]:
        """What the placeholders from number `start` on stand for (to `adopt` elsewhere)."""
        return [(self._source[n], self._values[n], self._terms.get(_encode(n)))
                for n in range(start, len(self._values))]

    def adopt(
        self, start: int, entries: Sequence[tuple[str, tuple[str, ...], str | None]]
    ) -> Callable[[str], str]:
        """Takes in the placeholders a forked copy of this object made from number `start`
        on (`since`), and returns what rewrites text written with them into these."""
        theirs_to_ours = {}
        for number, (source, values, term) in enumerate(entries, start):
            ours, theirs = self.token(source, values, term), _encode(number)
            if ours != theirs:
                theirs_to_ours[theirs] = ours
        if not theirs_to_ours:
            return lambda text: text
        return lambda text: _TOKEN.sub(
            lambda match: theirs_to_ours.get(match.group(0), match.group(0)), text)

    def terms_in(self, text: str) -> dict[str, str]:
        """The placeholders in text that stand for glossary terms, with their terms."""
        return {
            match.group(0): self._terms[match.group(0)]
            for match in _TOKEN.finditer(text)
            if match.group(0) in self._terms
        }

    def term_tokens(self) -> dict[str, str]:
        """Every placeholder that stands for a glossary term, with its term."""
        return dict(self._terms)

    def to_source(self, text: str) -> str:
        """The text as the source wording has it (for heading ids that never change)."""
        return _TOKEN.sub(lambda match: self._source[_decode(match.group(1))], text)

    def to_audience(self, text: str, audience_id: str) -> str:
        """The text in the audience's words, unescaped (for checking against the engine)."""
        n = self._index[audience_id]
        return _TOKEN.sub(lambda match: self._values[_decode(match.group(1))][n], text)

    def versions(self, text: str, audience_ids: Sequence[str]) -> dict[str, str]:
        """`to_audience` for several audiences, each placeholder decoded once."""
        parts = _TOKEN.split(text)  # text, digits, text, ..., text
        numbers = [_decode(digits) for digits in parts[1::2]]
        versions = {}
        for audience_id in audience_ids:
            n = self._index[audience_id]
            parts[1::2] = [self._values[number][n] for number in numbers]
            versions[audience_id] = "".join(parts)
        return versions

    def writer(self, audience_id: str) -> AudienceWriter:
        """Puts one audience's words back into rendered output."""
        n = self._index[audience_id]
        return AudienceWriter([values[n] for values in self._values])


class Cut:
    """A rendered file cut at its placeholders once: every audience's copy is then one join.

    Both kinds are cut at: placeholders as written, and JSON-escaped ones (`\\ua000…`, in a
    script's `tojson` or the search index), which hold no character of the other kind."""

    __slots__ = ("pieces",)

    def __init__(self, text: str) -> None:
        # text, placeholder, text, placeholder, ..., text; the JSON-escaped kind is rare and
        # looked for only where it is.
        pieces = _WHOLE_TOKEN.split(text)
        if "\\ua000" in text:
            pieces = [cut for n, piece in enumerate(pieces)
                      for cut in ((piece,) if n % 2 else _json_cut(piece))]
        self.pieces = pieces


def _json_cut(text: str) -> list[str]:
    return _JSON_TOKEN.split(text) if "\\ua000" in text else [text]


class AudienceWriter:
    """One audience's words, escaped once for each kind of output they go back into."""

    def __init__(self, words: Sequence[str]) -> None:
        words = [inert(word) for word in words]
        tokens = [_encode(n) for n in range(len(words))]
        escaped = [_json_escape(token) for token in tokens]
        # In HTML or XML: words as escaped text; in scripts (templates' `tojson`), as JSON
        self._html = {t: html.escape(w) for t, w in zip(tokens, words, strict=True)}
        self._html.update(zip(escaped, (_html_safe_json(w) for w in words), strict=True))
        # In the search index: JSON strings holding escaped HTML text
        self._search = dict(
            zip(escaped, (_html_safe_json(html.escape(w, quote=False)) for w in words), strict=True)
        )

    def html(self, text: str | Cut) -> str:
        """HTML or XML with the audience's words."""
        text = _fill(text if isinstance(text, Cut) else Cut(text), self._html)
        return _EMPTY_ABBR.sub(r"\1", text) if '<abbr title="">' in text else text

    def search_index(self, text: str | Cut) -> str:
        """The search index with the audience's words (only JSON-escaped placeholders)."""
        return _fill(text if isinstance(text, Cut) else Cut(text), self._search)


def _fill(cut: Cut, words: dict[str, str]) -> str:
    """The cut text with each placeholder replaced by its word; one without a word is left,
    for `leftover` to find."""
    pieces = cut.pieces
    if len(pieces) == 1:
        return pieces[0]
    out = pieces.copy()
    out[1::2] = [words.get(token, token) for token in pieces[1::2]]
    return "".join(out)


def inert(text: str) -> str:
    """Text that no script can turn into markup, even after unescaping it once: no `<`, `>`."""
    return text.replace("<", "\u2039").replace(">", "\u203a")


def _json_escape(token: str) -> str:
    return json.dumps(token)[1:-1]


def _html_safe_json(text: str) -> str:
    """A JSON string body that is also safe inside an HTML <script> (as Jinja's tojson)."""
    body = json.dumps(text)[1:-1]
    return body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace(
        "'", "\\u0027"
    )


def leftover(text: str) -> bool:
    """Whether text still holds a placeholder (or its JSON escape) after substitution."""
    return _START in text or "\\ua000" in text
