"""A Picture as Mermaid (the flowchart subset GitHub renders) or as a Graphviz digraph.

Every label is escaped for its format: Mermaid labels are quoted and every character
that could end the string, start a comment (``%%``), an icon (``fa:``), an entity,
markup or a markdown string is written as a ``#NNN;`` code; Graphviz labels are
quoted with ``\\`` and ``"`` escaped, so no ``\\N``-style sequence survives from a file.
"""

from __future__ import annotations

from collections.abc import Callable

from governance_lint.output.views.picture import EDGE_STYLES, Edge, Node, Picture

GRAPH_FORMATS = ("mermaid", "dot")
# What each edge says, on the edge itself, as the summary's finding diagrams name theirs
# (an owner edge runs from the decision to its owner).
EDGE_LABELS = {
    "reports_to": "reports to",
    "escalates_to": "escalates to",
    "owner": "owned by",
    "depends_on": "depends on",
    "member": "member",  # a body to its lead and members
}
_LINE_WORDS = {"solid": "solid", "dashed": "dashed", "dotted": "dotted", "plain": "plain line"}
_KIND_WORDS = {"role": "a role", "decision": "a decision", "person": "a person", "team": "a team"}
_MERMAID_SHAPE_WORDS = {
    "role": "box",
    "decision": "rounded",
    "person": "stadium",
    "team": "double box",
}
_DOT_SHAPE_WORDS = {"role": "box", "decision": "ellipse", "person": "oval", "team": "3-D box"}


def legend_lines(picture: Picture, shapes: dict[str, str]) -> list[str]:
    """The legend of what this picture draws: its shapes (named as ``shapes`` draws
    them), its lines and its marks."""
    kinds = {node.kind if node.kind in shapes else "team" for node in picture.nodes}
    lines = [f"{shapes[kind]}: {_KIND_WORDS[kind]}" for kind in _KIND_WORDS if kind in kinds]
    styles: dict[str, list[str]] = {}
    drawn = {edge.kind for edge in picture.edges}
    for kind in (kind for kind in EDGE_LABELS if kind in drawn):  # in the labels' order
        styles.setdefault(EDGE_STYLES[kind], []).append(EDGE_LABELS[kind])
    lines += [f"{_LINE_WORDS[style]}: {', '.join(words)}" for style, words in styles.items()]
    if any(edge.loop for edge in picture.edges):
        lines.append("red line: a loop a finding reports")
    if any(node.error for node in picture.nodes):
        lines.append("red outline: named by an error finding")
    if any(node.vacant for node in picture.nodes):
        lines.append("dashed outline: vacant")
    return lines


_SAFE_PUNCTUATION = frozenset(" .,-_()/'")
_RED = "#d1242f"

# -- Mermaid ---------------------------------------------------------------------------

_SHAPES = {"role": ('["', '"]'), "decision": ('("', '")'), "person": ('(["', '"])')}
_ARROWS = {"solid": "-->", "dashed": "-.->", "dotted": "-.->", "plain": "---"}
_LINE_STYLES = {
    "solid": "",
    "dashed": "stroke-dasharray:8 4",
    "dotted": "stroke-dasharray:2 3",
    "plain": "",
}


def mermaid_text(text: str, keep: frozenset[str] = _SAFE_PUNCTUATION) -> str:
    """Letters, digits and the punctuation in ``keep`` as they are; anything else as the
    numeric code Mermaid decodes (``#34;`` for ``"``), so no value can end a label, a node
    or the diagram. The one Mermaid escaper: pictures and finding diagrams both use it."""
    return "".join(char if char.isalnum() or char in keep else f"#{ord(char)};" for char in text)


def _mermaid_node(name: str, node: Node) -> str:
    start, end = _SHAPES.get(node.kind, ('[["', '"]]'))  # a team: a subroutine box
    label = "<br>".join(mermaid_text(line) for line in node.lines)
    return f"    {name}{start}{label}{end}"


def _node_class(node: Node) -> str | None:
    if node.vacant and node.error:
        return "vacantError"
    return "vacant" if node.vacant else "error" if node.error else None


def _edge_style(edge: Edge) -> str:
    parts = [_LINE_STYLES[edge.style]] if _LINE_STYLES[edge.style] else []
    if edge.loop:
        parts = [f"stroke:{_RED}", "stroke-width:3px", *parts]
    return ",".join(parts)


def render_mermaid(picture: Picture) -> str:
    names = {node.id: f"n{index}" for index, node in enumerate(picture.nodes)}
    lines = ["flowchart BT"]
    lines += [_mermaid_node(names[node.id], node) for node in picture.nodes]
    lines += [
        f"    {names[e.source]} {_ARROWS[e.style]}|{EDGE_LABELS[e.kind]}| {names[e.target]}"
        for e in picture.edges
    ]
    legend = legend_lines(picture, _MERMAID_SHAPE_WORDS)
    if legend:  # a node of its own, named so no entity's node can be: theirs are n0, n1...
        text = "<br>".join(mermaid_text(line) for line in legend)
        lines.append(f'    legend["Legend<br>{text}"]')
    classes: dict[str, list[str]] = {}
    for node in picture.nodes:
        chosen = _node_class(node)
        if chosen:
            classes.setdefault(chosen, []).append(names[node.id])
    definitions = {
        "vacant": "stroke-dasharray:5 5",
        "error": f"stroke:{_RED},stroke-width:3px",
        "vacantError": f"stroke:{_RED},stroke-width:3px,stroke-dasharray:5 5",
    }
    for name in sorted(classes):
        lines.append(f"    classDef {name} {definitions[name]}")
        lines.append(f"    class {','.join(classes[name])} {name}")
    styles: dict[str, list[int]] = {}
    for index, edge in enumerate(picture.edges):
        style = _edge_style(edge)
        if style:
            styles.setdefault(style, []).append(index)
    for style, indexes in sorted(styles.items(), key=lambda item: item[1][0]):
        lines.append(f"    linkStyle {','.join(map(str, indexes))} {style}")
    return "\n".join(lines) + "\n"


# -- Graphviz ---------------------------------------------------------------------------

_DOT_SHAPES = {"role": "box", "decision": "ellipse", "person": "oval", "team": "box3d"}


def dot_quote(text: str) -> str:
    """A double-quoted DOT string: backslashes doubled and quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_attributes(pairs: list[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{key}={value}" for key, value in pairs) + "]"


def _dot_node(node: Node) -> str:
    label = "\\n".join(dot_quote(line)[1:-1] for line in node.lines)
    pairs = [("label", f'"{label}"'), ("shape", _DOT_SHAPES.get(node.kind, "box"))]
    if node.vacant:
        pairs.append(("style", "dashed"))
    if node.error:
        pairs += [("color", f'"{_RED}"'), ("penwidth", "2")]
    return f"    {dot_quote(node.id)} {_dot_attributes(pairs)};"


def _dot_edge(edge: Edge) -> str:
    # a body's line to a member has no arrow: membership has no direction
    pairs = (
        [("style", "solid"), ("dir", "none")] if edge.style == "plain" else [("style", edge.style)]
    )
    pairs.append(("label", dot_quote(EDGE_LABELS[edge.kind])))
    if edge.loop:
        pairs += [("color", f'"{_RED}"'), ("penwidth", "2")]
    return f"    {dot_quote(edge.source)} -> {dot_quote(edge.target)} {_dot_attributes(pairs)};"


def render_dot(picture: Picture) -> str:
    lines = [
        "digraph governance {",
        "    rankdir=BT;",
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [arrowsize=0.7, fontname="Helvetica", fontsize=9];',
    ]
    lines += [_dot_node(node) for node in picture.nodes]
    lines += [_dot_edge(edge) for edge in picture.edges]
    legend = legend_lines(picture, _DOT_SHAPE_WORDS)
    if legend:  # "Legend" is no entity's id: ids are lower case
        text = "".join(dot_quote(line)[1:-1] + "\\l" for line in ["Legend", *legend])
        lines += [
            "    subgraph cluster_legend {",
            '        style=dashed; color="#888888";',
            f'        "Legend" [label="{text}", shape=note];',
            "    }",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Picture], str]] = {"mermaid": render_mermaid, "dot": render_dot}
