"""The values every stage shares: where something is, what is wrong with it, how bad."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

NodePath = tuple[str | int, ...]


class GovernanceLintError(Exception):
    """The tool cannot do its job (bad option, bad configuration, no files): status 2."""


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a file, as GitHub shows it.

    ``width`` is how many columns the offending node covers on that line (for the
    ``^`` marker); ``path`` is the node's place in the file's data (for JSON
    Pointers and entry-level suppressions). Neither takes part in ordering.
    """

    file: str
    line: int
    column: int
    width: int = field(default=1, compare=False)
    path: NodePath = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Related:
    """Another place a finding involves (the first definition of a duplicate id...)."""

    location: Location
    message: str


@dataclass(frozen=True)
class Group:
    """What a finding that lists entries (a vacant role's decisions...) says about them,
    kept so that a suppression at one listed entry can take it out and the finding be
    said again without it (``rules._grouped``). ``entries`` are parallel to the
    finding's first related locations; ``details`` hold what each entry adds to the
    message (DL007: the capacities in which a decision names the role). ``one`` and
    ``many`` are the message for one entry and for several, ``help`` the help, each with
    ``{n}``, ``{entries}`` and ``{capacities}`` to fill in."""

    entries: tuple[str, ...]
    details: tuple[tuple[str, ...], ...]
    one: str
    many: str
    help: str


@dataclass(frozen=True)
class Finding:
    """One fault, at one place, with the entities it is about and what to do."""

    code: str
    location: Location
    message: str
    help: str
    entities: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    severity: Severity = "error"
    name: str = ""
    group: Group | None = field(default=None, compare=False, repr=False)
    # the verified change the help proposes ("set `tie_breaker: coo`"), None when it names none
    suggestion: str | None = field(default=None, compare=False, repr=False)

    def sort_key(self) -> tuple[str, int, int, str, tuple[str, ...], str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.entities, self.message)
