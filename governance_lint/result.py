"""The run's result, the ``--base`` comparison, and what a formatter is told about its
destination: the values the pipeline hands to the output stage.

A formatter reads only these: never the git module, standard output, the environment
or the current folder, so the same result and options always give the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from governance_lint.display import shown

if TYPE_CHECKING:
    from governance_lint.config import Config
    from governance_lint.document import Document
    from governance_lint.findings import Finding
    from governance_lint.model.organization import Organization
    from governance_lint.suppressions import Suppressed


@dataclass(frozen=True)
class Comparison:
    """How the current findings compare with those at a git ref (``--base GIT-REF``)."""

    ref: str
    every: tuple[Finding, ...]  # every unsuppressed finding of the current tree
    new: int
    fixed: int
    persisting: int
    changed: frozenset[str]  # shown paths of files that differ from the base

    def counts_line(self, escape: Callable[[str], str] = lambda ref: shown(ref, 200)) -> str:
        """``compared with REF: N new, N fixed, N persisting``, REF escaped for the output."""
        return (
            f"compared with {escape(self.ref)}: {self.new} new, {self.fixed} fixed, "
            f"{self.persisting} persisting"
        )


@dataclass(frozen=True)
class Result:
    """What a run found, sorted, with what formatters need to show it.

    Frozen, and its sequences typed read-only: the ``--base`` comparison makes a new
    result (``dataclasses.replace``) instead of changing the one the linter returned."""

    findings: Sequence[Finding]
    suppressed: Sequence[Suppressed]
    files: int
    documents: Mapping[str, Document]
    org: Organization
    config: Config
    comparison: Comparison | None = None  # set by ``--base``: findings are then the new ones

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


@dataclass(frozen=True)
class RenderOptions:
    """What a formatter is told about where its text goes, so it never looks itself.

    ``colour``: ANSI colour codes are wanted (the command line decides per destination:
    only standard output on a terminal, without NO_COLOR). ``cwd``: the folder shown
    paths are relative to, for outputs that name files from the project root."""

    colour: bool
    cwd: str
