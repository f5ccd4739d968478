"""Publishing all or nothing: the site is built beside site/ and swapped in only when complete.

A failed, interrupted or killed build leaves the previous site/ exactly as it was; its unfinished
folder is removed by the next build.
"""

from __future__ import annotations

import os
import shutil
import tempfile


class Staging:
    """A work folder beside the site folder: `render/` for MkDocs, `site/` for the result."""

    def __init__(self, site_dir: str) -> None:
        self.target = os.path.abspath(site_dir)
        parent, name = os.path.split(self.target)
        os.makedirs(parent, exist_ok=True)
        self._prefix = f".{name}.building-"
        _remove_abandoned(parent, self._prefix)
        self.work = tempfile.mkdtemp(prefix=f"{self._prefix}{os.getpid()}-", dir=parent)
        self.render_dir = os.path.join(self.work, "render")
        self.site_dir = os.path.join(self.work, "site")
        os.makedirs(self.site_dir)

    def swap(self) -> None:
        """Puts the finished site in place of the previous one."""
        previous = os.path.join(self.work, "previous")
        if os.path.lexists(self.target):
            os.rename(self.target, previous)
        os.rename(self.site_dir, self.target)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def _remove_abandoned(parent: str, prefix: str) -> None:
    """Removes work folders left by builds whose process no longer runs."""
    for name in os.listdir(parent):
        if not name.startswith(prefix):
            continue
        pid = name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
