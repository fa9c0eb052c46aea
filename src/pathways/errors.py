"""One exception hierarchy: every error a user can cause is a PathwaysError, caught once at the CLI."""

from __future__ import annotations

from dataclasses import dataclass


class PathwaysError(Exception):
    """Base of every error `pathways` raises on purpose; the message is one line for the user."""

    exit_code = 1


class UsageError(PathwaysError):
    """The user asked for something that does not exist (unknown node, figure, format)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the format allows."""

    file: str
    where: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error", "warning" (listed, not failing) or "info"

    def __str__(self) -> str:
        """`file:line: where: message`, one line, with any escape sequence or control
        character from the data (or a file name) removed: printing it cannot drive the
        terminal."""
        from .quoting import terminal_text

        place = f"{self.file}:{self.line}" if self.line else self.file
        where = "" if self.where in ("", self.file) else f"{self.where}: "  # a whole file
        return terminal_text(f"{place}: {where}{self.message}").replace("\n", " ")


class DataError(PathwaysError):
    """The files under graphs/ are invalid; carries every problem found, not just the first."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.severity == "error"]
        first = self.problems[0] if self.problems else None
        more = len(self.problems) - 1
        plural = "s" if more != 1 else ""
        suffix = f" (and {more} more problem{plural}; run `pathways check`)" if more > 0 else ""
        super().__init__(f"{first}{suffix}")


class GraphvizNotFound(PathwaysError):
    """The Graphviz programs are not installed."""

    exit_code = 3

    def __init__(self, program: str = "dot") -> None:
        super().__init__(
            f"Graphviz `{program}` not found on PATH: install Graphviz (Debian/Ubuntu: "
            "`apt-get install graphviz fonts-liberation`; macOS: `brew install graphviz`)"
        )


class RenderError(PathwaysError):
    """Graphviz failed or timed out on a figure."""

    exit_code = 1


class OutputError(PathwaysError):
    """A file or folder cannot be written: read-only or full disk, a file where a folder should
    be, another build holding the output folder."""

    exit_code = 1
