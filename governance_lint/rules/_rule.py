"""What a rule is: one typed declaration the rest of the program reads, and the families.

Every rule module ends with ``RULE = Rule(...)``. The linter, suppressions, identities,
diagrams, configuration and pages read each fact about a rule from that object, never
from a list of codes kept elsewhere. This module imports nothing of the pipeline at run
time, so any stage may import a declaration without importing rule logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from governance_lint.config import Config
    from governance_lint.findings import Finding
    from governance_lint.model.organization import Organization

Check = Callable[["Organization", "Config"], Iterable["Finding"]]

# When a rule's findings are made: while reading and merging the files ("input"), by its
# check once the organization is built ("rules"), or by its check after the inline
# suppressions were applied, because it reports on the comments themselves.
Phase = Literal["input", "rules", "after-suppressions"]

# What stays the same about a finding when entries move (SARIF fingerprints, --base):
#   first-entity             the first entity named, else the file and JSON pointer
#   first-two                the first two entities named, else the file and JSON pointer
#   loop                     every member of the loop, sorted, else the file and pointer
#   scope                    the scope value at the finding, else as first-entity
#   every-entity             every entity named, sorted
#   nothing                  the code alone: one finding per organization
#   first-entity-or-nothing  the first entity named, else the code alone
#   location                 the file and JSON pointer
Identity = Literal[
    "first-entity",
    "first-two",
    "loop",
    "scope",
    "every-entity",
    "nothing",
    "first-entity-or-nothing",
    "location",
]

# Where the rule runs on a large organization: in this process ("main") or in the forked
# child ("forked", see _speed.py). The forked share was measured to take about half of
# the rules' time, so both cores finish together; moving a rule moves that balance.
Cost = Literal["main", "forked"]

Severity = Literal["error", "warning", "info"]

_CODE = re.compile(r"[A-Z]{2}[0-9]{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


@dataclass(frozen=True)
class Family:
    """Rules whose codes share a prefix, and how the HTML report introduces them."""

    prefix: str
    title: str
    blurb: str
    about_the_files: bool = False  # shown after the families about the organization


# Catalogue order: `rules` lists, pages and SARIF follow it; the default selection is all.
FAMILIES = (
    Family(
        "GL",
        "The files themselves",
        "Problems reading the governance files; fix these first.",
        about_the_files=True,
    ),
    Family("DR", "Decision rights", "Who owns each decision, and who signs it off."),
    Family(
        "ES",
        "Escalation",
        "Where a stuck or contested decision goes, and whether it gets there.",
    ),
    Family("DL", "Deadlocks", "Group decisions that can stall with nobody able to settle them."),
    Family("RD", "Handoffs", "Work passed between teams without an agreed definition of ready."),
    Family(
        "CD",
        "Rhythm and indicators",
        "Meetings, what they review, and the numbers they watch.",
    ),
    Family("OR", "Structure", "Reporting lines, tops, teams and people without a place."),
    Family(
        "RC",
        "Decisions in practice",
        "What the decision records show: decisions pulled up, closed late, escalated by "
        "habit, redone, and meetings that never decide.",
    ),
)
_FAMILY = {family.prefix: family for family in FAMILIES}


# eq=False: each rule is one object, compared and hashed by identity (its thresholds are
# a dict, and the linter keeps rules in sets and dict keys).
@dataclass(frozen=True, eq=False)
class Rule:
    """One rule: its code, name, default severity, check and page, and how it runs.

    ``doc`` is the rule module's docstring: the page ``explain`` prints and ``rules/``
    holds. ``loop`` names the relation whose loops the rule reports (the escalation
    picture marks their edges); ``diagram`` asks the markdown summary for a small
    flowchart of each finding's entities. A declaration writes only what differs from
    the defaults: no thresholds, checked once the organization is built, identified by its
    first entity, no diagram, suppressible, run in this process.
    """

    code: str
    name: str
    severity: Severity
    check: Check
    doc: str | None
    thresholds: Mapping[str, float] = field(default_factory=dict)
    phase: Phase = "rules"
    identity: Identity = "first-entity"
    diagram: bool = False
    loop: str = ""
    suppressible: bool = True
    cost: Cost = "main"
    # the matrix lists a finding on the row of every decision its entities name, not only
    # of its first entity (findings about a vacant role, a body or an alumni person)
    decision_rows: bool = False

    def __post_init__(self) -> None:
        """A malformed declaration fails on import, naming the rule, not in some run."""
        if not _CODE.fullmatch(self.code) or self.code[:2] not in _FAMILY:
            raise ValueError(f"rule code `{self.code}` is not a known family and 3 digits")
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"{self.code}: name `{self.name}` is not lower-case-with-dashes")
        if not (self.doc or "").strip():
            raise ValueError(f"{self.code}: the module docstring (the rule's page) is empty")

    @property
    def family(self) -> Family:
        return _FAMILY[self.code[:2]]

    def sort_key(self) -> tuple[int, str]:
        """Catalogue order: family order, then code."""
        return FAMILIES.index(self.family), self.code


def found_while_reading(code: str) -> Check:
    """The check of an input rule: the findings reading, validating and merging made."""

    def check(org: Organization, config: Config) -> Iterable[Finding]:
        return org.problems_of(code)

    return check
