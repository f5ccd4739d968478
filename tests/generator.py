"""The site generator the site tests build with: MkDocs, or ProperDocs (its maintained fork)
when `GUIDANCE_GENERATOR=properdocs`. CI runs the site tests once with each."""

from __future__ import annotations

import os
import sys

GENERATORS = ("mkdocs", "properdocs")
GENERATOR = os.environ.get("GUIDANCE_GENERATOR", "mkdocs")
if GENERATOR not in GENERATORS:
    raise SystemExit(f"GUIDANCE_GENERATOR={GENERATOR}: use one of {', '.join(GENERATORS)}")


def build_command(*args: str) -> list[str]:
    """`mkdocs build` (or `properdocs build`) with args, run by this Python."""
    return [sys.executable, "-m", GENERATOR, "build", *args]
