"""Links to sections, checked in every audience's site, not only in the one MkDocs checks.

An audience-only region can drop a heading: a link to it then works for the audiences that
read the region and leads nowhere for the others. MkDocs records, for every rendering of a page,
the anchors it holds and the links to anchors it makes; this module holds those records for
each audience's version of each page and finds the links that lead nowhere.

MkDocs also warns of links to pages that do not exist, once per rendering: a page rendered in
three versions would report the same link three times. Those warnings are held back while a
version renders and reported once at the end, naming the audiences whose version has the link.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

MKDOCS_PAGES_LOGGER = "mkdocs.structure.pages"  # where MkDocs warns of links while rendering


@dataclass(frozen=True)
class PageLinks:
    """What one rendering of a page offers and asks for."""

    anchors: frozenset[str]
    # page linked to (its src_uri) -> anchor -> the link as the author wrote it
    links: Mapping[str, Mapping[str, str]]
    # what MkDocs logged while rendering it: (level, message)
    said: tuple[tuple[int, str], ...] = ()


class HeldBack(logging.Filter):
    """Holds MkDocs's messages about links while a rendering is collected, instead of
    printing them (on the logger `mkdocs.structure.pages`)."""

    def __init__(self) -> None:
        super().__init__()
        self._said: list[tuple[int, str]] | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self._said is None:
            return True
        self._said.append((record.levelno, record.getMessage()))
        return False

    def start(self) -> None:
        self._said = []

    def stop(self) -> tuple[tuple[int, str], ...]:
        said, self._said = self._said or [], None
        return tuple(said)

    @contextmanager
    def collecting(self) -> Iterator[list[tuple[int, str]]]:
        """What is logged inside the block, held back and given to the caller."""
        said: list[tuple[int, str]] = []
        self.start()
        try:
            yield said
        finally:
            said.extend(self.stop())


def link_messages(
    renderings: Mapping[str, Mapping[str, PageLinks]], audience_ids: Sequence[str]
) -> list[tuple[int, str]]:
    """Each message MkDocs logged while rendering a page, once, naming the audiences whose
    version of the page it was logged for."""
    found: dict[tuple[int, str], list[str]] = {}
    for page in sorted(renderings):
        for audience_id in audience_ids:
            rendering = renderings[page].get(audience_id)
            for said in dict.fromkeys(rendering.said if rendering else ()):
                found.setdefault(said, []).append(audience_id)
    return [(level, f"{message} (in the version for {', '.join(audiences)})")
            for (level, message), audiences in found.items()]


@dataclass(frozen=True)
class BrokenLink:
    page: str  # src_uri of the page with the link
    link: str  # as written
    target: str  # src_uri of the page linked to
    anchor: str
    audiences: tuple[str, ...]  # whose version of the target lacks the anchor
    found_in: tuple[str, ...]  # whose version has it


def broken_links(
    renderings: Mapping[str, Mapping[str, PageLinks]], audience_ids: Sequence[str]
) -> list[BrokenLink]:
    """Every link to an anchor that some audience's version of the target page lacks.

    `renderings` maps each page to each audience's rendering of it; a link is followed in the
    linking audience's own site.
    """
    found: dict[tuple[str, str, str, str], list[str]] = {}
    for page, by_audience in renderings.items():
        for audience_id in audience_ids:
            rendering = by_audience.get(audience_id)
            if rendering is None:
                continue
            for target, anchors in rendering.links.items():
                versions = renderings.get(target, {})
                version = versions.get(audience_id)
                if version is None:
                    continue  # not a page of this build (a draft, a page MkDocs left out)
                for anchor, link in anchors.items():
                    if anchor not in version.anchors:
                        found.setdefault((page, link, target, anchor), []).append(audience_id)
    return [
        BrokenLink(page, link, target, anchor, tuple(audiences), tuple(
            a for a in audience_ids
            if anchor in getattr(renderings[target].get(a), "anchors", ())
        ))
        for (page, link, target, anchor), audiences in sorted(found.items())
    ]


def describe(broken: BrokenLink) -> str:
    """A message for editors: what the link is, who it fails, and why."""
    target = "this page" if broken.target == broken.page else broken.target
    if broken.found_in:
        who = ", ".join(broken.audiences)
        return (
            f"the link '{broken.link}' leads nowhere for {who}: their version of {target} "
            f"has no section '#{broken.anchor}', which only {', '.join(broken.found_in)} "
            "read (an audience region leaves it out). Fix: link to a section every audience "
            "reads, or put the link in a region for the audiences that have the section."
        )
    return (
        f"the link '{broken.link}' leads nowhere: no audience's version of {target} has a "
        f"section '#{broken.anchor}'. Fix: use the id of an existing heading (the contents "
        "list links to each one)."
    )
