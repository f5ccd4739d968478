"""DF001: a definition that explains its headword with itself, as each audience reads it.

Swapping can make a sound definition circular: "local authority: The local council." reads, on a
site where "local authority" is "council", as "Council: The local council." So the check reads
each definition the way the glossary page and tooltips show it to each audience.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from guidance.engine import Engine, Glossary
from guidance.lint.context import Check
from guidance.lint.rules import Finding

FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.DOTALL)
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
WORD_CHAR = re.compile(r"[^\W_]")
_POSSESSIVE = re.compile(r"['\u2019]s$")
# Words that say nothing about what a headword means
SHORT_WORDS = frozenset(("a", "an", "the", "of", "or", "and", "in", "to", "for", "with", "on",
                         "at", "by", "your", "their", "its", "it"))
# A first sentence this many words longer than the headword, holding every word of it, explains
# more than the headword itself ("Support for the family." for "family support" does not).
SLACK = 4


class SelfDefinitions(Check):
    """DF001, for every term and every audience checked."""

    def glossary(self) -> Iterator[Finding]:
        return self_definitions(self.context.glossary, self.context.engine,
                                self.context.audiences)


def self_definitions(glossary: Glossary, engine: Engine,
                     audiences: Sequence[str]) -> Iterator[Finding]:
    """One finding per term and audience whose definition's first sentence uses the headword,
    or only the headword's own words, to explain it."""
    for term in glossary.terms:
        for audience in audiences:
            definition = engine.definition(term, audience)
            if definition is None:
                continue
            headword = term.wording(audience).singular
            sentence = first_sentence(definition)
            if explains_with_itself(headword, term.wording(audience).plural, sentence):
                yield Finding(
                    term.path, term.definition_line(audience), 1, "DF001",
                    f"{audience} read '{_capital(headword)}: {sentence}', which explains "
                    f"'{headword}' with itself; say what it is or does without those words, in "
                    f"a definition of its own for {audience} if need be ({audience}: ...).",
                    match=sentence, audience=audience)


def first_sentence(text: str) -> str:
    match = FIRST_SENTENCE.match(text.strip())
    return (match.group(1) if match else text).strip()


def explains_with_itself(singular: str, plural: str, sentence: str) -> bool:
    """The whole headword (or its plural) stands in the sentence, or the sentence is little
    more than the headword's own words rearranged."""
    lowered = " ".join(sentence.casefold().split())
    for form in dict.fromkeys((singular, plural)):
        if _holds_whole(lowered, " ".join(form.casefold().split())):
            return True
    head = {_stem(w) for w in _words(singular)} - SHORT_WORDS
    words = _words(sentence)
    return bool(head) and head <= {_stem(w) for w in words} and \
        len(words) <= len(_words(singular)) + SLACK


def _holds_whole(text: str, words: str) -> bool:
    """Whether the words stand in the text as whole words (both with single spaces)."""
    at = text.find(words)
    while words and at >= 0:
        end = at + len(words)
        if not (at and WORD_CHAR.match(text, at - 1)) and not WORD_CHAR.match(text, end):
            return True
        at = text.find(words, at + 1)
    return False


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _stem(word: str) -> str:
    """Enough stemming to see "families" in "family" and "council's" in "council"."""
    word = _POSSESSIVE.sub("", word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
