"""Publishing all or nothing: the site is built beside site/ and swapped in only when complete.

A failed, interrupted or killed build leaves the previous site/ as it was. The swap exchanges
the two folders in one step where the system can (Linux), so there is never a moment without
site/; elsewhere it is two renames, and a build killed between them is finished by the next
build or combine before anything is deleted. Dotfiles in site/ (`.git`, `.nojekyll`) are kept,
as plain MkDocs keeps them. A symbolic link site/ has its target replaced; a site/ that is a
mount point has its contents replaced in place (not all at once: the folder cannot be swapped).

What is no longer needed (the previous site, the work folder of a killed build) is renamed out
of the way at once and deleted by a background process: a site of several audiences is
thousands of files, and nobody should wait for them to be deleted.

GUIDANCE_FAULT names a point of the swap at which the process kills itself: tests use it to
check what a kill at the worst moment leaves.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

STALE_SECONDS = 600  # a deletion still going after this long was cut short
FAULT_VARIABLE = "GUIDANCE_FAULT"
TWO_RENAMES = "between-renames"  # the fault point that exists only when swapping in two steps
_JOURNAL = "swapping"  # in the work folder once the swap starts: the new site's inode
_DELETE = "import shutil, sys\nfor path in sys.argv[1:]: shutil.rmtree(path, ignore_errors=True)"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class Staging:
    """A work folder beside the site folder: `render/` for MkDocs, `site/` for the result."""

    def __init__(self, site_dir: str) -> None:
        # A symbolic link keeps pointing where it did: the folder it points to is replaced.
        self.target = os.path.realpath(site_dir)
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
        """Puts the finished site in place of the previous one, keeping the previous dotfiles."""
        new, previous = self.site_dir, os.path.join(self.work, "previous")
        if not os.path.lexists(self.target):
            os.rename(new, self.target)
        elif os.path.ismount(self.target):
            _replace_contents(new, self.target)
        else:
            with open(os.path.join(self.work, _JOURNAL), "w", encoding="utf-8") as journal:
                journal.write(str(os.stat(new).st_ino))
            _fault("before-swap")
            try:
                if os.environ.get(FAULT_VARIABLE) != TWO_RENAMES and _exchange(new, self.target):
                    os.rename(new, previous)  # the exchange left the previous site here
                else:
                    os.rename(self.target, previous)
                    _fault(TWO_RENAMES)
                    os.rename(new, self.target)
            except OSError as error:
                if error.errno not in (errno.EBUSY, errno.EXDEV):
                    raise
                _replace_contents(new, self.target)  # a mount point that ismount cannot see
            else:
                _fault("after-swap")
                _keep_dotfiles(previous, self.target)
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
        """Deletes work folders left by builds whose process no longer runs, first finishing
        a swap one of them was killed in."""
        leftovers = []
        for name in sorted(os.listdir(self.parent)):
            path = os.path.join(self.parent, name)
            if name.startswith(self._deleting):
                if time.time() - os.path.getmtime(path) > STALE_SECONDS:
                    leftovers.append(path)  # a deletion that was cut short: finish it
            elif name.startswith(self._building):
                pid = name[len(self._building):].split("-", 1)[0]
                if pid.isdigit() and not _running(int(pid)):
                    self._finish_swap(path)
                    leftovers.append(self._out_of_the_way(path))
        if leftovers:
            _delete(leftovers)

    def _finish_swap(self, work: str) -> None:
        """Completes the swap a killed build had started, so nothing of the site is lost."""
        try:
            with open(os.path.join(work, _JOURNAL), encoding="utf-8") as journal:
                new_inode = int(journal.read())
        except (OSError, ValueError):
            return  # the swap had not started: site/ is the previous site, whole
        new, previous = os.path.join(work, "site"), os.path.join(work, "previous")
        if not os.path.lexists(self.target) and os.path.isdir(new):
            os.rename(new, self.target)  # killed between the two renames
        if not os.path.isdir(previous) and os.path.isdir(new) and os.path.isdir(self.target) \
                and os.stat(self.target).st_ino == new_inode:
            previous = new  # killed just after the exchange
        if os.path.isdir(previous) and os.path.isdir(self.target):
            _keep_dotfiles(previous, self.target)


def _exchange(first: str, second: str) -> bool:
    """Swaps two paths in one step (Linux's renameat2); False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # not supported by this file system: rename twice instead
    raise OSError(code, os.strerror(code), second)


def _keep_dotfiles(previous: str, target: str) -> None:
    """Moves the previous site's dotfiles (.git, .nojekyll…) that the new site lacks into it."""
    for name in os.listdir(previous):
        if name.startswith(".") and not os.path.lexists(os.path.join(target, name)):
            os.rename(os.path.join(previous, name), os.path.join(target, name))


def _replace_contents(new: str, target: str) -> None:
    """For a site/ that cannot be renamed (a mount point): its entries, dotfiles apart,
    replaced by the new site's."""
    for name in os.listdir(target):
        if not name.startswith("."):
            path = os.path.join(target, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
    for name in os.listdir(new):
        source, destination = os.path.join(new, name), os.path.join(target, name)
        if name.startswith(".") and os.path.lexists(destination):
            continue
        if os.path.isdir(source):
            shutil.copytree(source, destination, symlinks=True)
        else:
            shutil.copy2(source, destination)


def _fault(point: str) -> None:
    """Kills this process at the named point when GUIDANCE_FAULT asks for it (tests only)."""
    if os.environ.get(FAULT_VARIABLE) == point:
        os.kill(os.getpid(), signal.SIGKILL)


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
