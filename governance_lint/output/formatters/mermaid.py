"""Small Mermaid flowcharts of the entities of one finding, for the markdown summary.

Labels keep letters, digits, spaces, ``-`` and ``_`` and write every other character as
a Mermaid entity code (``#35;``), so no value can end a label, a node or the diagram.
"""

from __future__ import annotations

from governance_lint.display import cut, escape_controls
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.model.terms import is_vacant
from governance_lint.output.views.names import body_rule
from governance_lint.output.views.picture_format import mermaid_text
from governance_lint.rules import ALL_RULES

# Rules declare `diagram=True` when their findings are about a chain, a loop or joint
# ownership: a picture says more than their text.
DIAGRAM_CODES = frozenset(rule.code for rule in ALL_RULES if rule.diagram)
# Reference fields drawn as edges between the entities of one finding.
EDGE_FIELDS = (
    "owner",
    "deciders",
    "holder",
    "escalates_to",
    "reports_to",
    "depends_on",
    "parent",
    "affects",
)
# A body's deciders, drawn too: a finding about a body (a vacancy, a chain ending there)
# names the roles and people who sit on it.
BODY_EDGE_FIELDS = ("lead", "members")
MAX_NODES = 25
MAX_LABEL = 40


_KEEP = frozenset(" -_")


def label(text: str) -> str:
    """Text as a quoted Mermaid label: letters, digits, spaces, ``-`` and ``_`` kept."""
    return mermaid_text(escape_controls(text), _KEEP)


def _node_text(org: Organization, entity_id: str) -> str:
    """A node's label: its id, its title or name, for a body how it decides, and `vacant`
    for a role nobody holds or a body with no held role or person among its deciders."""
    entity = org.entities.get(entity_id)
    if entity is None:
        return label(cut(entity_id, MAX_LABEL))
    words = [cut(entity_id, MAX_LABEL)]
    described = entity.get("title") or entity.get("name")
    if isinstance(described, str | int | float) and str(described).strip():
        words.append(cut(str(described), MAX_LABEL))
    if entity.is_body:
        words.append(f"body by {body_rule(org, entity_id)}")
    if entity.kind in ("role", "team") and is_vacant(org, entity_id):
        words.append("vacant")
    return " · ".join(label(word) for word in words)


def diagram(finding: Finding, org: Organization) -> tuple[str, int]:
    """A fenced ``mermaid`` flowchart of the finding's entities, and how many were left out."""
    unique = list(dict.fromkeys(finding.entities))
    shown, left_out = unique[:MAX_NODES], max(0, len(unique) - MAX_NODES)
    node = {entity_id: f"n{number}" for number, entity_id in enumerate(shown)}
    lines = ["```mermaid", "flowchart LR"]
    lines += [f'  {node[e]}["{_node_text(org, e)}"]' for e in shown]
    for source in shown:
        entity = org.entities.get(source)
        if entity is None:
            continue
        fields = (*EDGE_FIELDS, *BODY_EDGE_FIELDS) if entity.is_body else EDGE_FIELDS
        for field in fields:
            for target in dict.fromkeys(entity.ids(field)):
                if target in node:
                    lines.append(f"  {node[source]} -->|{field}| {node[target]}")
    if shown:
        lines.append(f"  style {node[shown[0]]} stroke-width:3px")
    lines.append("```")
    return "\n".join(lines) + "\n", left_out
