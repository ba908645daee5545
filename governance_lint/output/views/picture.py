"""The organization as a picture (`graph`): nodes, edges and marked findings.

The model knows nothing of Mermaid or Graphviz; ``picture_format`` writes it out.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace

from governance_lint.findings import Finding, GovernanceLintError
from governance_lint.model.escalation import next_hop
from governance_lint.model.graph import relation
from governance_lint.model.organization import Organization, kind_word
from governance_lint.model.terms import (
    final_authority,
    is_body,
    is_vacant,
    roles_held,
    team_lead,
    team_members,
)
from governance_lint.output.views.names import Show, body_rule, entity_text, role_lines
from governance_lint.rules import ALL_RULES

# The line each edge kind is drawn with.
EDGE_STYLES = {
    "reports_to": "solid",
    "escalates_to": "dashed",
    "owner": "dotted",
    "depends_on": "dotted",
    "member": "plain",  # a body to its lead and members: a line, no arrow
}
# The relation each loop rule reports loops of (ES002's escalation lines, OR001's reporting
# lines, DL005's dependencies; team parents are not drawn).
LOOP_OF = {rule.code: rule.loop for rule in ALL_RULES if rule.loop}


@dataclass(frozen=True)
class Node:
    """A box; ``lines`` are its label as raw text (cut and control-escaped by ``show``)."""

    id: str
    kind: str
    lines: tuple[str, ...]
    vacant: bool = False
    error: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    loop: bool = False

    @property
    def style(self) -> str:
        return EDGE_STYLES[self.kind]


@dataclass(frozen=True)
class Picture:
    """Nodes sorted by id and edges sorted by (source, target, kind)."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _decision_edges(org: Organization) -> list[Edge]:
    return [
        Edge(source, target, kind)
        for kind in ("owner", "escalates_to", "depends_on")
        for source, target in relation(org, kind, "decision").edges()
    ]


def loop_edges(org: Organization, findings: Sequence[Finding]) -> set[tuple[str, str, str]]:
    """(source, target, kind) of the edges inside each loop a finding reports: the
    escalation lines for ES002, reporting lines for OR001, dependencies for DL005."""
    marked: set[tuple[str, str, str]] = set()
    reports = relation(org, "reports_to", "role")
    depends = relation(org, "depends_on", "decision")
    views = {"reports_to": reports, "depends_on": depends}
    for finding in findings:
        loop = LOOP_OF.get(finding.code, "")
        if loop not in ("escalates_to", *views):
            continue
        members = set(finding.entities)
        for member in sorted(members):
            if loop == "escalates_to" and (member in org.roles or is_body(org, member)):
                target, field = next_hop(org, member)
                if target in members and field:
                    marked.add((member, target, field))
            view = views.get(loop)
            if view is not None and member in view:
                marked.update((member, t, loop) for t in view.successors(member) if t in members)
    return marked


def _body_edges(org: Organization, bodies: set[str]) -> list[Edge]:
    """Each drawn body's lines to its lead and direct members, who decide in it."""
    edges = []
    for body in sorted(bodies):
        lead = team_lead(org, body)
        for member in dict.fromkeys((*((lead,) if lead else ()), *team_members(org, body))):
            edges.append(Edge(body, member, "member"))
    return edges


def build_picture(org: Organization, findings: Sequence[Finding], show: Show) -> Picture:
    """Every role and decision; people and teams only where a decision names them as
    owner or escalation target, and bodies where a role's or body's escalation line or
    the final authority names them, each body with its lines to its lead and members;
    findings marked."""
    edges = [
        Edge(source, target, kind)
        for kind in ("reports_to", "escalates_to")
        for source, target in relation(org, kind, "role").edges()
    ]
    edges += _decision_edges(org)
    # a body's own line up (a plain team writing `escalates_to` is GL002, never followed)
    edges += [Edge(s, t, "escalates_to") for s, t in relation(org, "escalates_to", "team").edges()]
    authority = final_authority(org)
    named = {e.target for e in edges} | {e.source for e in edges}
    bodies = {i for i in named | {authority or ""} if is_body(org, i)}
    edges += _body_edges(org, bodies)
    looped = loop_edges(org, findings)
    edges = [replace(e, loop=(e.source, e.target, e.kind) in looped) for e in dict.fromkeys(edges)]
    ids = set(org.roles) | set(org.decisions) | bodies | {e.target for e in edges}
    errors = {i for f in findings if f.severity == "error" for i in f.entities}
    nodes = []
    for node_id in sorted(ids):
        kind = org.entities[node_id].kind
        rule = body_rule(org, node_id) if kind == "team" else None
        if kind == "role":
            lines: tuple[str, ...] = role_lines(org, node_id, show)
        elif rule is not None:
            lines = (entity_text(org, node_id, show), show(rule))
        else:
            lines = (entity_text(org, node_id, show),)
        vacant = kind in ("role", "team") and is_vacant(org, node_id)
        nodes.append(Node(node_id, kind, lines, vacant, node_id in errors))
    ordered = sorted(edges, key=lambda e: (e.source, e.target, e.kind))
    return Picture(tuple(nodes), tuple(ordered))


def focus(org: Organization, picture: Picture, node_id: str, depth: int) -> Picture:
    """``node_id`` and every node within ``depth`` edges of it, in either direction."""
    drawn = {node.id for node in picture.nodes}
    if node_id not in drawn:
        kind = org.kind_of(node_id)
        if kind is None:
            raise GovernanceLintError(f"--focus `{node_id}` is not defined in these files")
        hint = ""
        if kind == "person" and roles_held(org, node_id):
            roles = ", ".join(f"`{r}`" for r in roles_held(org, node_id))
            hint = f"; focus on a role they hold: {roles}"
        raise GovernanceLintError(
            f"--focus `{node_id}` is a {kind_word(kind)} that is not in the graph (it shows "
            f"roles, decisions, and the people and teams decisions name){hint}"
        )
    neighbours: dict[str, set[str]] = {node: set() for node in drawn}
    for edge in picture.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    distance = {node_id: 0}
    queue = deque([node_id])
    while queue:
        current = queue.popleft()
        if distance[current] == depth:
            continue
        for other in sorted(neighbours[current]):
            if other not in distance:
                distance[other] = distance[current] + 1
                queue.append(other)
    return Picture(
        tuple(node for node in picture.nodes if node.id in distance),
        tuple(e for e in picture.edges if e.source in distance and e.target in distance),
    )
