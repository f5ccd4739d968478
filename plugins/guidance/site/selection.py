"""Which audiences a build has and which of them it writes: the whole site, a shard of it
(GUIDANCE_SHARD) or a preview (GUIDANCE_AUDIENCES, the plugin's options, `mkdocs serve`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mkdocs.exceptions import PluginError

from guidance.engine import Glossary, GuidanceError

AUDIENCES_VARIABLE = "GUIDANCE_AUDIENCES"
SHARD_VARIABLE = "GUIDANCE_SHARD"


def chosen_audiences(
    glossary: Glossary,
    *,
    command: str,
    configured: Sequence[str],
    preview: str | None,
    environ: Mapping[str, str],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The audiences the site has and those whose folders this build writes, in the
    glossary's order.

    A shard writes some audiences' folders of the whole site: its pages, switcher and chooser
    are those of a full build, so shards combine into one. A preview is a smaller site of its
    own.
    """
    variable = environ.get(AUDIENCES_VARIABLE, "").strip()
    shard = environ.get(SHARD_VARIABLE, "").strip()
    if shard and variable:
        raise PluginError(
            f"Both {SHARD_VARIABLE} and {AUDIENCES_VARIABLE} are set. Fix: set "
            f"{SHARD_VARIABLE} to build part of the published site, or "
            f"{AUDIENCES_VARIABLE} to preview some audiences, not both.")
    if shard:
        origin = f"The {SHARD_VARIABLE} environment variable"
        return glossary.ids, known_audiences(glossary, _listed(shard), origin)
    if variable:
        wanted, origin = _listed(variable), f"The {AUDIENCES_VARIABLE} environment variable"
    elif configured:
        wanted, origin = list(configured), "The 'audiences' option of the plugin"
    elif command == "serve":
        wanted, origin = [preview or glossary.source], "The 'preview' option of the plugin"
    else:
        return glossary.ids, glossary.ids
    chosen = known_audiences(glossary, wanted, origin)
    return chosen, chosen


def known_audiences(glossary: Glossary, wanted: Sequence[str], origin: str) -> tuple[str, ...]:
    """The wanted audience ids in the glossary's order; an unknown one stops the build."""
    for audience_id in wanted:
        try:
            glossary.audience(audience_id)
        except GuidanceError as error:
            raise PluginError(f"{origin} names an unknown audience. {error}") from None
    return tuple(a for a in glossary.ids if a in wanted)


def _listed(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]
