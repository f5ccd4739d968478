"""The engine: a page in the source wording, rewritten for any audience.

It knows Markdown and the glossary, and nothing of MkDocs, Jinja, the linter or the report, so any
site generator (or a Python-Markdown extension) can drive it. The names below are the API the rest
of the package uses; the modules behind them are free to change.
"""

from guidance.engine.errors import GuidanceError, GuidanceErrors
from guidance.engine.glossary import (
    Audience,
    Glossary,
    Term,
    Wording,
    default_plural,
    load_glossary,
)
from guidance.engine.markdown_scan import scan
from guidance.engine.pages import (
    DroppedRegion,
    Engine,
    PreparedPage,
    Rewrite,
    Substitution,
    apply_edits,
    line_starts,
)
from guidance.engine.regions import Region
from guidance.engine.rewrite import Occurrence
from guidance.engine.snippets import expand_snippets
from guidance.engine.textfiles import read_text

__all__ = [
    "Audience",
    "DroppedRegion",
    "Engine",
    "Glossary",
    "GuidanceError",
    "GuidanceErrors",
    "Occurrence",
    "PreparedPage",
    "Region",
    "Rewrite",
    "Substitution",
    "Term",
    "Wording",
    "apply_edits",
    "default_plural",
    "expand_snippets",
    "line_starts",
    "load_glossary",
    "read_text",
    "scan",
]
