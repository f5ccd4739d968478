"""`guidance combine`: the site from shards, each built by `GUIDANCE_SHARD=<ids> mkdocs build`.

When one machine is not enough, CI builds each audience (or group of audiences) in a job of
its own and a last job combines their outputs. A shard holds the chooser, its audiences'
folders and, in the shard with the first audience, the root 404 page; put together they are
file for file the site one `mkdocs build` writes. The result is published all at once, like a
build: a mistake leaves the previous site as it was. Each shard's record (`provenance`) says
which audiences it holds and what it was built from; shards built from different sources, and
shards holding anything a build does not write (a symbolic link), are refused.
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
from guidance.site.provenance import MARKER, SiteRecord, read_record, write_record
from guidance.site.staging import Staging


def combine(shards: Sequence[str | Path], out: str | Path, audience_ids: Sequence[str]) -> None:
    """Writes `out` from the shards; every audience must be in exactly one of them.

    `out` must be missing, empty (but for dotfiles, which are kept) or a site a build or combine
    wrote: anything else may be someone's work, and is never replaced.
    """
    _check_out(Path(out))
    sources: dict[str, Path] = {}  # name at the top of the site -> where it comes from
    built_from: dict[str, Path] = {}  # digest of the sources -> the first shard built from them
    for shard in map(Path, shards):
        record = read_record(shard)
        if record is None or not (shard / "index.html").is_file():
            raise GuidanceError(
                f"this is not the output of a shard build (it has no {MARKER} and index.html).",
                path=str(shard),
                fix="pass the folders written by `GUIDANCE_SHARD=<ids> mkdocs build -d FOLDER`, "
                    "copied with their hidden files (actions/upload-artifact: "
                    "include-hidden-files: true).")
        built_from.setdefault(record.built_from, shard)
        if len(built_from) > 1:
            first = next(iter(built_from.values()))
            raise GuidanceError(
                f"this shard was built from different pages, glossary or mkdocs.yml than {first}.",
                path=str(shard),
                fix="build every shard from the same commit with the same mkdocs.yml.")
        _refuse_links(shard)
        for entry in sorted(shard.iterdir()):
            if entry.name == MARKER:
                continue
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
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
        write_record(staging.site_dir, SiteRecord(tuple(audience_ids), next(iter(built_from))))
    except BaseException:
        staging.discard()
        raise
    staging.swap()


def _check_out(out: Path) -> None:
    """Refuses an output folder that holds anything but a site a build wrote (and dotfiles)."""
    if out.exists() and not out.is_dir():
        raise GuidanceError("is a file, not a folder.", path=str(out),
                            fix="name the folder the combined site should be written to.")
    if not out.is_dir() or read_record(out) is not None:
        return
    found = sorted(entry.name for entry in out.iterdir() if not entry.name.startswith("."))
    if found:
        shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
        raise GuidanceError(
            f"this folder holds {shown} and is not a site written by `mkdocs build` or "
            f"`guidance combine` (it has no {MARKER}), so combine will not replace it.",
            path=str(out),
            fix="name a new or empty folder, or the site folder a build wrote (e.g. --out site).")


def _refuse_links(shard: Path) -> None:
    """A build writes only files and folders: a symbolic link (or anything else) in a shard
    was put there by something else, and combine never publishes what it points to."""
    for folder, names, files in os.walk(shard):
        for name in [*names, *files]:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                raise GuidanceError(
                    f"is a symbolic link (to {os.readlink(path)}); a shard holds only the files "
                    "a build wrote, and combine never follows a link out of a shard.",
                    path=path, fix="rebuild the shard, or delete the link.")
            if not (os.path.isfile(path) or os.path.isdir(path)):
                raise GuidanceError(
                    "is not a file or a folder; a shard holds only the files a build wrote.",
                    path=path, fix="rebuild the shard, or delete it.")


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
