"""`guidance build --generator zensical`: the options, and the build loaded only when it runs
(it brings in the site's templates and the linter, which other commands need not wait for)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from typing import Any

from guidance.engine import GuidanceError


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "build",
        help="build every audience's site with another generator (Zensical)",
        description="Build every audience's site into SITE/<id>/ and the chooser into "
        "SITE/index.html with Zensical, from the same mkdocs.yml, docs and glossary as "
        "`mkdocs build`. The old site is replaced only when every audience is built.",
    )
    parser.add_argument("--generator", required=True, choices=["zensical"],
                        help="the site generator (for MkDocs, run `mkdocs build`)")
    parser.add_argument("--config", metavar="FILE", default="mkdocs.yml",
                        help="the site's config (default: %(default)s)")
    parser.add_argument("--strict", action="store_true",
                        help="stop on a terminology error or a broken link, as "
                        "mkdocs build --strict does")
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="audiences built at the same time (default: %(default)s)")
    parser.set_defaults(run=_run)


def _run(arguments: argparse.Namespace) -> int:
    if importlib.util.find_spec("zensical") is None:
        raise GuidanceError(
            "Zensical is not installed.",
            fix="Install it with: pip install -e \".[zensical]\" (from the project folder).")
    from guidance.export import Project
    from guidance.site.selection import AUDIENCES_VARIABLE
    from guidance.zensical.build import ZensicalBuild

    project = Project.load(arguments.config)
    site_dir = project.root / str(project.config.get("site_dir", "site"))
    started = time.perf_counter()
    # A preview of some audiences, as GUIDANCE_AUDIENCES gives `mkdocs build`
    chosen = tuple(a.strip() for a in os.environ.get(AUDIENCES_VARIABLE, "").split(",")
                   if a.strip())
    for audience in chosen:
        try:
            project.engine.glossary.audience(audience)
        except GuidanceError as error:
            raise GuidanceError(f"The {AUDIENCES_VARIABLE} environment variable names an "
                                f"unknown audience. {error}") from None
    build = ZensicalBuild(project, workers=arguments.workers, strict=arguments.strict,
                          chosen=chosen)
    written = {audience for audience, _, _ in build.run(site_dir)}
    built = [a for a in project.engine.glossary.ids if a in written]
    print(f"Built {', '.join(built)} under {site_dir} with Zensical "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
