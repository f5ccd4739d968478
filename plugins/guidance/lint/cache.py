"""The compiled checker, kept between runs of `guidance lint`.

Reading the glossary and the word lists and compiling them into the checks costs more than
linting a small project's pages. So the finished `Checker` is kept in the user's cache folder
(`$XDG_CACHE_HOME/guidance/`, or `~/.cache/guidance/`), one file per glossary folder and
installation, with the glossary's own findings, and used again while nothing it was made from
has changed: every file of the glossary folder (compared by content), the package's own code
and word lists, the libraries that read and inflect the glossary, Python, and the run's
options. Anything else (a missing, unreadable or stale file) means compiling again; a cache that
cannot be written is passed over. Pages and their findings are never cached: every run reads
every page.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator, Sequence
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when loading: the syllable cache finds its folder here too
    from guidance.lint.checks import Checker

NO_CACHE_VARIABLE = "GUIDANCE_NO_CACHE"  # set (to anything but "" or "0") to switch it off
_PACKAGE = Path(__file__).resolve().parent.parent  # guidance/
_CODE = ("engine", "lint")  # the code a checker is made by
_LIBRARIES = ("yaml", "inflect")


def _mapping_proxy(items: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(items)


# The glossary's read-only mappings are kept as plain dicts and made read-only again on loading
copyreg.pickle(MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))


def enabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "") in ("", "0")


def cache_folder() -> Path:
    """Where the linter keeps what it may reuse: $XDG_CACHE_HOME/guidance, or ~/.cache/guidance."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "guidance"


class CheckerCache:
    """Where one glossary folder's checker is kept, and what it must have been made from."""

    def __init__(self, glossary_dir: Path, audiences: Sequence[str] | None,
                 builtin_jargon: bool) -> None:
        folder = glossary_dir.resolve()
        options = repr((str(folder), tuple(audiences or ()), builtin_jargon))
        # One file per glossary folder and installation (a pre-commit hook's own environment,
        # say), so that two installations linting one project do not replace each other's
        where = f"{options}\0{_PACKAGE}\0{sys.version}"
        name = hashlib.blake2b(where.encode(), digest_size=8).hexdigest()
        self.path = cache_folder() / f"checker-{name}.pickle"
        self._folder = folder
        self._options = options
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        """A digest of everything the checker is made from."""
        if self._key is None:
            digest = hashlib.blake2b(digest_size=20)
            digest.update(f"{sys.version}\0{self._options}\0".encode())
            for label, data in _sources(self._folder):
                digest.update(f"{label}\0{len(data)}\0".encode())
                digest.update(data)
            self._key = digest.digest()
        return self._key

    def load(self) -> Checker | None:
        """The kept checker if it was made from exactly what is there now, else None."""
        from guidance.lint.checks import Checker

        try:
            with open(self.path, "rb") as stored:
                if pickle.load(stored) != self.key:
                    return None
                checker = pickle.load(stored)
        except Exception:  # missing, unreadable, cut short, or made by other code: compile
            return None
        return checker if isinstance(checker, Checker) else None

    def save(self, checker: Checker) -> None:
        """Keeps a freshly made checker (before it has read any page); passes over a cache
        folder that cannot be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".checker-")
            try:
                with os.fdopen(handle, "wb") as out:
                    pickle.dump(self.key, out, protocol=pickle.HIGHEST_PROTOCOL)
                    pickle.dump(checker, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass


def _sources(folder: Path) -> Iterator[tuple[str, bytes]]:
    """The glossary folder's files by content; the code, word lists and libraries by size and
    modification time (reading them all would cost what the cache saves)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield f"glossary/{path.relative_to(folder).as_posix()}", path.read_bytes()
    for part in _CODE:
        for path in sorted((_PACKAGE / part).rglob("*")):
            if path.suffix != ".pyc" and path.is_file():
                yield f"guidance/{path.relative_to(_PACKAGE).as_posix()}", _stamp(path)
    for library in _LIBRARIES:
        spec = find_spec(library)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        yield library, _stamp(origin) if origin is not None else b"missing"


def _stamp(path: Path) -> bytes:
    try:
        status = path.stat()
    except OSError:
        return b"missing"
    return f"{status.st_size}:{status.st_mtime_ns}".encode()
