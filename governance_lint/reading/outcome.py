"""Outcome: what reading one file hands the rest of the pipeline (and what the cache keeps)."""

from __future__ import annotations

from dataclasses import dataclass

from governance_lint.document import Document
from governance_lint.findings import Finding, NodePath


@dataclass
class Outcome:
    """What reading one file gives the rest of the pipeline.

    ``broken`` is None when the document is not merged (not a governance file, or one
    that could not be read or has an unsupported version)."""

    doc: Document
    problems: list[Finding]
    broken: set[NodePath] | None
    unread: bool = False
    # a `.md` file that is not a governance memo (or, met in a walk, cannot be read):
    # skipped silently, neither counted nor reported
    skipped: bool = False
