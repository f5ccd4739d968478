"""`guidance combine`: the site from shards, each built by `GUIDANCE_SHARD=<ids> mkdocs build`.

When one machine is not enough, CI builds each audience (or group of audiences) in a job of
its own and a last job combines their outputs. A shard holds the chooser, its audiences'
folders and, in the shard with the first audience, the root 404 page; put together they are
file for file the site one `mkdocs build` writes. The result is published all at once, like a
build: a mistake leaves the previous site as it was.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from guidance.engine import GuidanceError, load_glossary
from guidance.site.staging import Staging


def combine(shards: Sequence[str | Path], out: str | Path, audience_ids: Sequence[str]) -> None:
    """Writes `out` from the shards; every audience must be in exactly one of them."""
    sources: dict[str, Path] = {}  # name at the top of the site -> where it comes from
    for shard in map(Path, shards):
        if not (shard / "index.html").is_file():
            raise GuidanceError(
                "this is not the output of a shard build (it has no index.html).", path=str(shard),
                fix="pass the folders written by `GUIDANCE_SHARD=<ids> mkdocs build -d FOLDER`.")
        for entry in sorted(shard.iterdir()):
            earlier = sources.setdefault(entry.name, entry)
            if earlier is entry:
                continue
            if entry.is_dir() or earlier.is_dir():
                raise GuidanceError(
                    f"'{entry.name}' is in two shards, {earlier.parent} and {shard}.",
                    path=str(entry), fix="build each audience in one shard only.")
            if not filecmp.cmp(earlier, entry, shallow=False):
                raise GuidanceError(
                    f"differs from {earlier}: the shards were built from different sources "
                    "or settings.", path=str(entry),
                    fix="build every shard from the same commit with the same mkdocs.yml.")
    missing = [a for a in audience_ids if not (a in sources and sources[a].is_dir())]
    if missing:
        raise GuidanceError(
            f"none of the shards holds the site of {', '.join(missing)}.",
            fix=f"build it with GUIDANCE_SHARD={','.join(missing)} mkdocs build -d FOLDER "
                "and pass that folder too.")
    staging = Staging(str(out))
    try:
        for name, source in sources.items():
            target = os.path.join(staging.site_dir, name)
            if source.is_dir():
                shutil.copytree(source, target, symlinks=True)
            else:
                shutil.copy2(source, target)
    except BaseException:
        staging.discard()
        raise
    staging.swap()


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "combine", help="put shards built by separate `mkdocs build` runs together into one site",
        description="Combine the outputs of `GUIDANCE_SHARD=<ids> mkdocs build -d FOLDER` "
                    "into the site one `mkdocs build` writes. Every audience in the glossary "
                    "must be in exactly one shard.")
    parser.add_argument("shards", nargs="+", metavar="SHARD", help="a shard's output folder")
    parser.add_argument("--out", default="site", metavar="DIR",
                        help="the site folder to write (default: %(default)s)")
    parser.add_argument("--glossary", default="glossary", metavar="DIR",
                        help="the glossary folder, to check every audience is there "
                             "(default: %(default)s)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    combine(args.shards, args.out, load_glossary(args.glossary).ids)
    print(f"Combined {len(args.shards)} shards into {args.out}", file=sys.stderr)
    return 0
