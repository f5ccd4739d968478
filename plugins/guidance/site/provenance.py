"""What a built site is, written in its root: which audiences it holds and what it was built from.

`guidance combine` reads it to know that a folder is a site a build wrote (so it may replace
it), which audiences a shard holds, and whether shards were built from the same sources: the
digest covers the pages, the glossary and mkdocs.yml, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MARKER = ".guidance-site.json"


@dataclass(frozen=True)
class SiteRecord:
    audiences: tuple[str, ...]  # the audiences' folders this site holds
    built_from: str  # digest of the sources


def source_digest(paths: Sequence[str | Path]) -> str:
    """A digest of files and folders (every file in them, by relative path and content)."""
    digest = hashlib.sha256()
    for number, root in enumerate(map(Path, paths)):
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            name = path.relative_to(root).as_posix() if path != root else root.name
            digest.update(f"{number}:{name}\0{path.stat().st_size}\0".encode())
            with path.open("rb") as content:
                while block := content.read(1 << 20):
                    digest.update(block)
    return "sha256:" + digest.hexdigest()


def write_record(site_dir: str | Path, record: SiteRecord) -> None:
    data = {"audiences": list(record.audiences), "built_from": record.built_from}
    Path(site_dir, MARKER).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def read_record(site_dir: str | Path) -> SiteRecord | None:
    """The record in a folder's root; None when there is none or it is not one of ours."""
    path = os.path.join(site_dir, MARKER)
    try:
        if os.path.islink(path):
            return None
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        return SiteRecord(tuple(str(a) for a in data["audiences"]), str(data["built_from"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
