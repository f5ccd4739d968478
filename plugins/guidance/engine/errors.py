"""Mistakes a person can make and fix: each names the file, the line and what to do.

The engine raises these; the command line and the MkDocs plugin turn them into one line each,
never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable


class GuidanceError(Exception):
    """One problem in a glossary or a page, located so an editor can go straight to it."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        fix: str | None = None,
        code: str = "ERROR",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.fix = fix
        self.code = code

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


class GuidanceErrors(Exception):
    """Every problem found in one pass, so an editor can fix them all before trying again."""

    def __init__(self, errors: Iterable[GuidanceError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)
