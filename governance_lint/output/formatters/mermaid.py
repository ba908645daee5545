"""Small Mermaid flowcharts of the entities of one finding, for the markdown summary.

Labels keep letters, digits, spaces, ``-`` and ``_`` and write every other character as
a Mermaid entity code (``#35;``), so no value can end a label, a node or the diagram.
"""

from __future__ import annotations

from governance_lint.display import cut, escape_controls
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
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
MAX_NODES = 25
MAX_LABEL = 40


_KEEP = frozenset(" -_")


def label(text: str) -> str:
    """Text as a quoted Mermaid label: letters, digits, spaces, ``-`` and ``_`` kept."""
    return mermaid_text(escape_controls(text), _KEEP)


def _node_text(org: Organization, entity_id: str) -> str:
    """A node's label: its id, its title or name, and `vacant` for a role nobody holds."""
    entity = org.entities.get(entity_id)
    if entity is None:
        return label(cut(entity_id, MAX_LABEL))
    words = [cut(entity_id, MAX_LABEL)]
    described = entity.get("title") or entity.get("name")
    if isinstance(described, str | int | float) and str(described).strip():
        words.append(cut(str(described), MAX_LABEL))
    if entity.kind == "role" and not entity.has("holder"):
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
        for field in EDGE_FIELDS:
            for target in dict.fromkeys(entity.ids(field)):
                if target in node:
                    lines.append(f"  {node[source]} -->|{field}| {node[target]}")
    if shown:
        lines.append(f"  style {node[shown[0]]} stroke-width:3px")
    lines.append("```")
    return "\n".join(lines) + "\n", left_out
