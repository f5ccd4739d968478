"""Reading a text file a person edits, with a located message for every way it can fail."""

from __future__ import annotations

from pathlib import Path

from guidance.engine.errors import GuidanceError


def read_text(path: Path, shown: str, max_bytes: int | None = None) -> str:
    """The file's text (UTF-8, a byte-order mark dropped); `shown` is the path in messages."""
    try:
        if max_bytes is not None and (size := path.stat().st_size) > max_bytes:
            raise GuidanceError(f"is {size:,} bytes; the limit is {max_bytes:,}.", path=shown,
                                fix="split it into several smaller files.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise GuidanceError("file not found.", path=shown,
                            fix="check the path, relative to the folder you run from.") from None
    except IsADirectoryError:
        raise GuidanceError("is a folder, not a file.", path=shown,
                            fix="give the path of a file, or rename the folder.") from None
    except OSError as exc:
        raise GuidanceError(f"cannot be read ({exc.strerror}).", path=shown,
                            fix="check the file's permissions.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise GuidanceError("is not UTF-8 text.", path=shown, line=line, column=column,
                            fix="save the file as UTF-8 in your editor.") from None
