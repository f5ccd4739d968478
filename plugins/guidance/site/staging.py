"""Publishing all or nothing: the site is built beside site/ and swapped in only when complete.

A failed, interrupted or killed build leaves the previous site/ exactly as it was. What is no
longer needed (the previous site, the work folder of a build that was killed) is renamed out of
the way at once and deleted by a background process: a site of several audiences is thousands
of files, and nobody should wait for them to be deleted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time

STALE_SECONDS = 600  # a deletion still going after this long was cut short
_DELETE = "import shutil, sys\nfor path in sys.argv[1:]: shutil.rmtree(path, ignore_errors=True)"


class Staging:
    """A work folder beside the site folder: `render/` for MkDocs, `site/` for the result."""

    def __init__(self, site_dir: str) -> None:
        self.target = os.path.abspath(site_dir)
        self.parent, name = os.path.split(self.target)
        os.makedirs(self.parent, exist_ok=True)
        self._building = f".{name}.building-"
        self._deleting = f".{name}.deleting-"
        self._remove_abandoned()
        self.work = tempfile.mkdtemp(prefix=f"{self._building}{os.getpid()}-", dir=self.parent)
        self.render_dir = os.path.join(self.work, "render")
        self.site_dir = os.path.join(self.work, "site")
        os.makedirs(self.site_dir)

    def swap(self) -> None:
        """Puts the finished site in place of the previous one."""
        if os.path.lexists(self.target):
            os.rename(self.target, os.path.join(self.work, "previous"))
        os.rename(self.site_dir, self.target)
        self.discard()

    def discard(self) -> None:
        """Removes the work folder (and the previous site, after a swap)."""
        if os.path.isdir(self.work):
            _delete([self._out_of_the_way(self.work)])

    def _out_of_the_way(self, path: str) -> str:
        trash = tempfile.mkdtemp(prefix=f"{self._deleting}{os.getpid()}-", dir=self.parent)
        os.rename(path, os.path.join(trash, "old"))
        return trash

    def _remove_abandoned(self) -> None:
        """Deletes work folders left by builds whose process no longer runs."""
        leftovers = []
        for name in os.listdir(self.parent):
            path = os.path.join(self.parent, name)
            if name.startswith(self._deleting):
                if time.time() - os.path.getmtime(path) > STALE_SECONDS:
                    leftovers.append(path)  # a deletion that was cut short: finish it
            elif name.startswith(self._building):
                pid = name[len(self._building):].split("-", 1)[0]
                if pid.isdigit() and not _running(int(pid)):
                    leftovers.append(self._out_of_the_way(path))
        if leftovers:
            _delete(leftovers)


def _delete(paths: list[str]) -> None:
    """Deletes folders in a process of their own, or here if none can be started."""
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE, *paths],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
