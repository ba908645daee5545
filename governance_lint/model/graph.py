"""Every networkx call: the relation graphs, loops, reachability.

Each reference field (``owner``, ``reports_to``, ``escalates_to``...) gives a directed
graph of people, roles, teams, decisions, definitions of ready, cadences and metrics,
from each entry to the entries it names. Only references of fields with no GL002 or
GL005 finding that resolve to an accepted kind become edges: rules never follow a
broken field.
networkx is imported on first use, so commands that never build a graph stay fast.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from governance_lint.model.organization import Organization, accepted
from governance_lint.schema.validate import fields

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Loop:
    """A strongly connected component, reported once (rules.md, "Loops").

    ``cycle`` is a shortest cycle through the smallest member, in edge order from it;
    ``members`` every member in sorted order.
    """

    cycle: tuple[str, ...]
    members: tuple[str, ...]

    @property
    def entities(self) -> tuple[str, ...]:
        rest = sorted(set(self.members) - set(self.cycle))
        return (*self.cycle, *rest)

    @property
    def start(self) -> str:
        return self.cycle[0]

    @property
    def next(self) -> str:
        """The member the loop's first edge leads to (itself for a self-loop)."""
        return self.cycle[1] if len(self.cycle) > 1 else self.cycle[0]


def _edges(org: Organization, name: str) -> list[tuple[str, str]]:
    """Resolved references one field makes, from fields with no GL002 or GL005 finding,
    in sorted order (built once per field: most runs ask for a few fields only)."""
    edges = org.index.edges
    if name not in edges:
        table = fields()
        found: list[tuple[str, str]] = []
        for kind, entries in org.by_kind.items():
            spec = table[kind].get(name)
            if spec is None or not spec.accepts:
                continue
            for entity_id, entity in entries.items():
                if entity.get(name) is None or not entity.sound(name):
                    continue  # a field with a GL002 or GL005 finding is not followed
                for target in entity.ids(name):
                    other = org.entities.get(target)
                    if other is not None and accepted(other, spec.accepts):
                        found.append((entity_id, target))
        edges[name] = sorted(found)
    return edges[name]


def relation(org: Organization, name: str, kind: str | None = None) -> nx.DiGraph[str]:
    """The edges one field makes (``reports_to``), optionally only from entries of ``kind``."""
    relations = org.index.relations
    if (name, kind) not in relations:
        import networkx as nx

        view: nx.DiGraph[str] = nx.DiGraph()
        view.add_edges_from(
            (source, target)
            for source, target in _edges(org, name)
            if kind is None or org.entities[source].kind == kind
        )
        relations[name, kind] = view
    return relations[name, kind]


def digraph(pairs: list[tuple[str, str]]) -> nx.DiGraph[str]:
    """A DiGraph of the given edges (for relations a rule derives, like escalation hops)."""
    import networkx as nx

    built: nx.DiGraph[str] = nx.DiGraph()
    built.add_edges_from(pairs)
    return built


def loops(view: nx.DiGraph[str]) -> list[Loop]:
    """One Loop per strongly connected component that holds a cycle, in sorted order."""
    import networkx as nx

    found: list[Loop] = []
    for component in nx.strongly_connected_components(view):
        smallest = min(component)
        if len(component) == 1 and not view.has_edge(smallest, smallest):
            continue
        found.append(Loop(_shortest_cycle(view, smallest, component), tuple(sorted(component))))
    return sorted(found, key=lambda loop: loop.members)


def _shortest_cycle(view: nx.DiGraph[str], start: str, component: set[str]) -> tuple[str, ...]:
    """Breadth-first from ``start``, smallest next id first, back to ``start``."""
    if view.has_edge(start, start):
        return (start,)
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in sorted(view.successors(node)):
            if successor not in component:
                continue
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return tuple(reversed(path))
            if successor not in parent:
                parent[successor] = node
                queue.append(successor)
    raise AssertionError("a strongly connected component always holds a cycle")


def reachable(view: nx.DiGraph[str], node: str) -> set[str]:
    """Every node reachable from ``node`` along the view's edges (not ``node`` itself
    unless it lies on a cycle)."""
    import networkx as nx

    if node not in view:
        return set()
    found: set[str] = nx.descendants(view, node)
    return found


def reaching(view: nx.DiGraph[str], targets: set[str]) -> set[str]:
    """Every node from which one of ``targets`` can be reached, ``targets`` included."""
    import networkx as nx

    reverse = view.reverse(copy=False)
    found = set(targets)
    for target in sorted(targets):
        if target in view:
            found |= nx.descendants(reverse, target)
    return found
