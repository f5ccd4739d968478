"""What a glossary is: its audiences and terms as immutable objects, and English plurals.

`glossary_files.py` reads them from `audiences.yml` and `terms/*.yml`; `load_glossary` imports
it when first called, so a run whose compiled glossary comes from the lint's cache never
imports the YAML library.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from guidance.engine.errors import GuidanceError

if TYPE_CHECKING:
    import inflect

AUDIENCE_ID = re.compile(r"[a-z][a-z0-9-]{0,63}\Z")  # a folder name on every system
DEFAULT_KEY = "default"  # in a term's `definition:` mapping, the one for every audience


@dataclass(frozen=True)
class Audience:
    id: str
    name: str
    reader: str
    path: str
    line: int


@dataclass(frozen=True)
class Wording:
    singular: str
    plural: str


@dataclass(frozen=True)
class Term:
    term: str
    plural: str
    definition: str  # the default, in the source wording
    swap: Mapping[str, Wording]
    variants: tuple[str, ...]
    path: str
    line: int
    # An audience's own definition, in its own words; None (`false`) leaves the term out of
    # that audience's glossary page and tooltips, as for the reader's own role.
    definitions: Mapping[str, str | None] = field(default_factory=lambda: MappingProxyType({}))
    # The line of each audience's own definition, for messages about it
    definition_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def wording(self, audience_id: str) -> Wording:
        """The words this audience uses; the source audience uses the term itself."""
        return self.swap.get(audience_id) or Wording(self.term, self.plural)

    def definition_for(self, audience_id: str) -> str | None:
        """The definition this audience reads, None for none: its own (as written) or else the
        default (in the source wording; `Engine.definition` puts it in the audience's words)."""
        return self.definitions.get(audience_id, self.definition)

    def defines_own(self, audience_id: str) -> bool:
        """Whether the glossary gives this audience a definition (or `false`) of its own."""
        return audience_id in self.definitions

    def definition_line(self, audience_id: str) -> int:
        """The line of the definition this audience reads: its own, or the default."""
        return self.definition_lines.get(audience_id) or \
            self.definition_lines.get(DEFAULT_KEY, self.line)


@dataclass(frozen=True)
class Glossary:
    directory: Path
    source: str
    audiences: tuple[Audience, ...]
    terms: tuple[Term, ...]
    # Problems that do not stop a build, for the linter to report: a value cut short by ' #',
    # a wording still marked '# unreviewed', a missing wording a preview stands in for
    warnings: tuple[GuidanceError, ...] = ()
    _by_id: Mapping[str, Audience] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = MappingProxyType({audience.id: audience for audience in self.audiences})
        object.__setattr__(self, "_by_id", by_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def audience(self, audience_id: str) -> Audience:
        try:
            return self._by_id[audience_id]
        except KeyError:
            raise unknown_audience_error(audience_id, self.ids) from None


def unknown_audience_error(
    audience_id: str,
    known: tuple[str, ...] | list[str],
    *,
    path: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> GuidanceError:
    return GuidanceError(
        f"'{audience_id}' is not an audience.",
        path=path,
        line=line,
        column=column,
        fix=f"use one of {', '.join(known)}{did_you_mean(audience_id, known)}.",
        code="UNKNOWN_AUDIENCE",
    )


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


@cache
def inflector() -> inflect.engine:
    """Imported when first needed: a lint whose checks come from the cache may never need it."""
    import inflect

    return inflect.engine()


PREPOSITIONS = frozenset(("in", "of", "around", "for", "with", "at", "on", "to", "from", "under"))


def default_plural(singular: str) -> str:
    """The English plural of a word or phrase, used when the glossary gives none.

    Only the head noun changes: the last word, or the word before a preposition ("children in
    need", "teams around the family"); the other words keep their spelling and capitals.
    """
    words = singular.split(" ")
    head = next((index - 1 for index, word in enumerate(words)
                 if index > 0 and word.lower() in PREPOSITIONS), len(words) - 1)
    words[head] = _plural_word(words[head])
    return " ".join(words)


def _plural_word(word: str) -> str:
    if not word or word[-1].isdigit() or (len(word) > 1 and word.isupper()):
        return word + "s"  # names and acronyms: "section 47s", "LAs"
    lower = word.lower()
    plural = inflector().plural_noun(lower) or lower + "s"
    singular = inflector().singular_noun(lower)
    if plural == lower + "s" and singular and inflector().plural_noun(singular) == lower:
        return word  # already plural: "children", "services" (but "basis" becomes "bases")
    return word[:1] + plural[1:] if word[:1].isupper() else plural


def load_glossary(directory: str | Path, *, allow_missing: bool = False) -> Glossary:
    """Reads and checks a glossary folder; raises GuidanceErrors listing every problem.

    With `allow_missing` (the preview, `guidance swap`) a term with no wording for an audience
    is a warning, and that audience reads "[no ID wording for 'term']" in its place: an editor
    adding an audience sees the gaps instead of a refusal."""
    from guidance.engine.glossary_files import read_glossary

    return read_glossary(Path(directory), allow_missing=allow_missing)
