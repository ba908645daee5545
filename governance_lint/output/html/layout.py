"""A layered picture of the reporting tree with escalation lines over it, laid out in
Python so the page needs no program to draw it. Boxes never overlap: every subtree owns
a band of columns that no other subtree uses, and each layer is its own row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from governance_lint.findings import Finding
from governance_lint.model.escalation import next_hop
from governance_lint.model.graph import loops, relation
from governance_lint.model.organization import Organization
from governance_lint.model.terms import (
    final_authority,
    is_body,
    is_vacant,
    managers,
    team_lead,
    team_members,
)
from governance_lint.output.views.names import Show, body_rule, entity_text, role_lines
from governance_lint.output.views.picture import LOOP_OF, loop_edges

BOX_WIDTH = 180
BOX_HEIGHT = 70
GAP_X = 16
GAP_Y = 54
MARGIN = 16
LINE_CHARS = 19  # characters of a title line that fit a box at the page's font size
MAX_ROLES = 120  # past this the picture keeps the roles that matter and their managers
MAX_COLUMNS = 9  # boxes side by side that still print legibly across a landscape A4
MAX_HEIGHT = 900  # past this (about seven rows) a picture prints too small to read
MAX_PICTURES = 64  # branch pictures at most; past this the deepest branches stay whole
STACK_FROM = 4  # roles under one, none with anyone under them, drawn as a column
STACK_INDENT = 0.25  # of a column: how far right a stacked column sits under its manager
MAX_FOCUSED = 8  # a problem naming more roles than this gets no small picture


@dataclass(frozen=True)
class Box:
    id: str
    x: float
    y: float
    title: tuple[str, ...]  # one or two lines, cut to fit
    name: str
    full: str  # the whole title and name, for the tooltip
    vacant: bool
    mark: str | None  # "error" or "warning": the role is named in such a finding
    top: bool  # the final authority
    body: bool = False  # a body: its name, and how it decides in place of a holder
    load: str = ""  # "owns 8 · signs 7": the decisions that name it so

    @property
    def center(self) -> float:
        return self.x + BOX_WIDTH / 2


@dataclass(frozen=True)
class Line:
    path: str
    kind: str  # "reports_to", "escalates_to", "member" (a body to its lead and members),
    # "approvals" or "override" (an owner's box to the box that signs off on its decisions)
    faulty: bool


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: tuple[Box, ...]
    lines: tuple[Line, ...]
    total: int = 0  # roles in the organization, when the picture shows fewer
    focus: str = ""  # which roles a reduced picture keeps: "findings", "top" or "branch"
    title: str = ""  # a branch's picture: the title of the role it starts from


def wrap(text: str, width: int = LINE_CHARS, lines: int = 2) -> tuple[str, ...]:
    """Words into at most ``lines`` lines of ``width`` characters; the rest cut with …."""
    found: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
            continue
        if current:
            found.append(current)
        current = word
    if current or not found:
        found.append(current)
    if len(found) > lines:
        found = [*found[: lines - 1], " ".join(found[lines - 1 :])]
    return tuple(line if len(line) <= width else line[: width - 1] + "…" for line in found)


def _groups(org: Organization, keep: set[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Roles grouped for layout: a reporting loop is one group (its members side by side),
    every other role its own; and each group's parent group. ``keep`` is closed under
    managers, so every parent is kept too."""
    reports = relation(org, "reports_to", "role")
    group_of = {role: role for role in org.roles if role in keep}
    members: dict[str, tuple[str, ...]] = {role: (role,) for role in group_of}
    for loop in loops(reports):
        inside = tuple(member for member in loop.members if member in keep)
        if not inside:
            continue
        key = inside[0]
        for member in inside:
            members.pop(member, None)
            group_of[member] = key
        members[key] = inside
    parent: dict[str, str] = {}
    for key, group in members.items():
        for member in group:
            for manager in reports.successors(member) if member in reports else ():
                if manager in group_of and group_of[manager] != key:
                    parent[key] = group_of[manager]
    return members, parent


def _place(
    members: dict[str, tuple[str, ...]],
    parent: dict[str, str],
    first: str | None,
    stack: bool = False,
) -> dict[str, tuple[float, int]]:
    """Each role's (column, layer): a subtree spans max(own width, its children's) columns."""
    children: dict[str, list[str]] = {key: [] for key in members}
    for key, up in parent.items():
        children[up].append(key)
    span: dict[str, float] = {}

    def stacked(key: str) -> bool:
        """Many roles under one that have no one under them: drawn as a column below
        it, not side by side, so a wide organization keeps to the width of a page."""
        kids = children[key]
        return (
            stack
            and len(kids) >= STACK_FROM
            and len(members[key]) == 1
            and all(not children[kid] and len(members[kid]) == 1 for kid in kids)
        )

    def measure(key: str) -> float:
        if stacked(key):
            span[key] = 1 + STACK_INDENT
            for kid in children[key]:
                span[kid] = 1.0
            return span[key]
        total = sum(measure(child) for child in sorted(children[key]))
        span[key] = max(float(len(members[key])), total)
        return span[key]

    roots = sorted(
        (key for key in members if key not in parent),
        key=lambda key: (first not in members[key], key),
    )
    for root in roots:
        measure(root)
    placed: dict[str, tuple[float, int]] = {}

    def put(key: str, left: float, layer: int) -> None:
        if stacked(key):
            placed[members[key][0]] = (left, layer)
            for index, kid in enumerate(sorted(children[key]), start=1):
                placed[kid] = (left + STACK_INDENT, layer + index)
            return
        own = len(members[key])
        start = left + (span[key] - own) / 2
        for index, member in enumerate(members[key]):
            placed[member] = (start + index, layer)
        kids = sorted(children[key])
        cursor = left + (span[key] - sum(span[c] for c in kids)) / 2
        for child in kids:
            put(child, cursor, layer + 1)
            cursor += span[child]

    left = 0.0
    for root in roots:
        put(root, left, 0)
        left += span[root]
    return placed


def _faulty(org: Organization, findings: Sequence[Finding]) -> set[tuple[str, str, str]]:
    """Loop edges, and each step of an escalation chain an ES finding names."""
    faulty = {edge for edge in loop_edges(org, findings) if edge[2] != "depends_on"}
    for finding in findings:
        if not finding.code.startswith("ES"):
            continue
        for source, target in zip(finding.entities, finding.entities[1:], strict=False):
            if _on_chains(org, source) and _on_chains(org, target):
                hop, field = next_hop(org, source)
                if hop == target and field:
                    faulty.add((source, target, field))
    return faulty


def _on_chains(org: Organization, entity_id: str) -> bool:
    """A role or a body: what escalation chains pass through."""
    return entity_id in org.roles or is_body(org, entity_id)


def _bodies(org: Organization, roles: set[str]) -> list[str]:
    """The bodies on the escalation structure: the final authority when it is one, and
    each body a drawn role's or such a body's `escalates_to` names; the final authority
    first, then in sorted order."""
    authority = final_authority(org)
    found: set[str] = {authority} if authority and is_body(org, authority) else set()
    pending = [*sorted(roles), *sorted(found)]
    while pending:
        target, field = next_hop(org, pending.pop())
        if field == "escalates_to" and target and is_body(org, target) and target not in found:
            found.add(target)
            pending.append(target)
    return sorted(found, key=lambda body: (body != authority, body))


def _body_lines(
    org: Organization, bodies: list[str], drawn: set[str]
) -> list[tuple[str, str, str]]:
    """(source, target, kind): escalation lines from a body (a role's line to a body is
    drawn with the other roles' lines), and each body's lines to its lead and members."""
    found = []
    for source in sorted(drawn):
        target, field = next_hop(org, source)
        if field == "escalates_to" and target in drawn and source in bodies:
            found.append((source, target, "escalates_to"))
    for body in bodies:
        lead = team_lead(org, body)
        for member in dict.fromkeys((*((lead,) if lead else ()), *team_members(org, body))):
            if member in drawn:
                found.append((body, member, "member"))
    return found


def _curve(x0: float, y0: float, x1: float, y1: float, dx: float, dy: float) -> str:
    """A cubic curve leaving (x0, y0) towards (+dx, +dy) and arriving at (x1, y1) from the
    mirrored direction."""
    return (
        f"M{x0:.1f},{y0:.1f} C{x0 + dx:.1f},{y0 + dy:.1f} "
        f"{x1 + dx:.1f},{y1 - dy:.1f} {x1:.1f},{y1:.1f}"
    )


def _path(source: Box, target: Box, kind: str) -> str:
    """An elbow from a box up to its manager; a curve for everything else."""
    sx, tx = source.center, target.center
    if (
        kind == "reports_to"
        and target.y + BOX_HEIGHT + GAP_Y < source.y
        and target.x < source.x < target.x + BOX_WIDTH
    ):
        # a stacked role: along a rail at the left of its manager's column
        rail = target.x + STACK_INDENT * (BOX_WIDTH + GAP_X) / 2
        middle = source.y + BOX_HEIGHT / 2
        return f"M{source.x:.1f},{middle:.1f} H{rail:.1f} V{target.y + BOX_HEIGHT:.1f}"
    if kind == "reports_to" and target.y < source.y:
        middle = source.y - GAP_Y / 2
        return f"M{sx:.1f},{source.y:.1f} V{middle:.1f} H{tx:.1f} V{target.y + BOX_HEIGHT:.1f}"
    offset = BOX_WIDTH / 4
    if target.y < source.y:  # up, beside the reporting line
        bottom = target.y + BOX_HEIGHT
        return _curve(sx + offset, source.y, tx + offset, bottom, GAP_Y, -GAP_Y)
    if target.y > source.y:  # down
        bottom = source.y + BOX_HEIGHT
        return _curve(sx - offset, bottom, tx - offset, target.y, -GAP_Y, GAP_Y)
    # Same layer: an arc over the row going right, under it going left, so two roles
    # that point at each other get two arcs that do not cover each other.
    lift = GAP_Y * 0.8 + abs(tx - sx) / 8
    side = offset if tx > sx else -offset
    y = source.y if tx >= sx else source.y + BOX_HEIGHT
    bend = -lift if tx >= sx else lift
    return (
        f"M{sx + side:.1f},{y:.1f} C{sx + side:.1f},{y + bend:.1f} "
        f"{tx - side:.1f},{y + bend:.1f} {tx - side:.1f},{y:.1f}"
    )


def _kept(org: Organization, findings: Sequence[Finding]) -> tuple[set[str], str]:
    """Every role, or for a large organization the roles findings name and their
    managers; where those are too many (or none), the top layers that fit."""
    if len(org.roles) <= MAX_ROLES:
        return set(org.roles), ""
    named = {e for finding in findings for e in finding.entities if e in org.roles}
    keep = {up for role in named for up in (role, *managers(org, role))}
    authority = final_authority(org)
    if keep and len(keep) < MAX_ROLES:
        return keep | ({authority} if authority else set()), "findings"
    members, parent = _groups(org, set(org.roles))
    layer_of = {role: layer for role, (_, layer) in _place(members, parent, authority).items()}
    counts = Counter(layer_of.values())
    limit = shown = 0
    for layer in sorted(counts):
        if layer and shown + counts[layer] > MAX_ROLES:
            break
        shown += counts[layer]
        limit = layer + 1
    chosen = {role for role in org.roles if layer_of[role] < limit}
    return chosen, "top"


# The escalation family: its findings list whole chains, drawn as faulty lines; marking
# every box on them would mark most of the picture.
_ESCALATION = "ES"
SIGN_OFF_LINES = ("approvals", "override")


def marks(org: Organization, findings: Sequence[Finding]) -> dict[str, str]:
    """The roles and bodies a finding names ("error" over "warning"); of a finding that
    lists an escalation chain, only its subject (the chain's lines are marked), and of
    a loop its members; notes mark nothing."""
    found: dict[str, str] = {}
    for finding in findings:
        if finding.severity not in ("error", "warning"):
            continue
        named = finding.entities
        if finding.code.startswith(_ESCALATION) and finding.code not in LOOP_OF:
            named = named[:1]  # a chain: only its subject, when it is a role or body
        for entity in named:
            if _on_chains(org, entity) and found.get(entity) != "error":
                found[entity] = finding.severity
    return found


def box_loads(org: Organization) -> dict[str, str]:
    """What each role or body box carries, as the decisions written name it: owner, and
    sign-off (approver, veto holder, tie-breaker or override), each decision counted once."""
    owned: Counter[str] = Counter()
    signs: Counter[str] = Counter()
    for decision in org.decisions.values():
        if decision.sound("owner"):
            owned.update(set(decision.ids("owner")))
        named: set[str] = set()
        for field in ("approvals", "vetoes", "tie_breaker", "override"):
            if decision.sound(field):
                named.update(decision.ids(field))
        signs.update(named)
    found = {}
    for seat in set(owned) | set(signs):
        parts = [
            f"owns {owned[seat]}" if owned[seat] else "",
            f"signs {signs[seat]}" if signs[seat] else "",
        ]
        found[seat] = " · ".join(part for part in parts if part)
    return found


def _sign_off_edges(org: Organization, drawn: set[str]) -> list[tuple[str, str, str]]:
    """(owner, signer, field): each owner box to each box that approves or may override
    its decisions, once per pair and field."""
    found: set[tuple[str, str, str]] = set()
    for decision in org.decisions.values():
        if not decision.sound("owner"):
            continue
        owners = [owner for owner in decision.ids("owner") if owner in drawn]
        for field in SIGN_OFF_LINES:
            if not decision.sound(field):
                continue
            for signer in decision.ids(field):
                if signer in drawn:
                    found.update((o, signer, field) for o in owners if o != signer)
    return sorted(found)


def layout(
    org: Organization,
    findings: Sequence[Finding],
    show: Show,
    only: set[str] | None = None,
    focus: str = "",
    heading: str = "",
) -> Layout:
    """The picture of every role (a large organization's reduced by ``_kept``), or of
    the roles and bodies in ``only``: a branch, or what a problem names."""
    if only is None:
        keep, focus = _kept(org, findings)
    else:
        keep = {entity for entity in only if entity in org.roles}
    members, parent = _groups(org, keep)
    authority = final_authority(org)
    placed = _place(members, parent, authority)
    if max((column for column, _ in placed.values()), default=0) + 1 > MAX_COLUMNS:
        placed = _place(members, parent, authority, stack=True)
    marked = marks(org, findings)
    loads = box_loads(org)
    bodies = _bodies(org, set(placed))
    if only is not None:
        bodies = [body for body in bodies if body in only]
        bodies += sorted(e for e in only if is_body(org, e) and e not in bodies)
    shift = 1 if bodies else 0  # the bodies take the first row
    boxes: dict[str, Box] = {}
    for place, body in enumerate(bodies):
        title, rule = entity_text(org, body, show), show(body_rule(org, body) or "")
        boxes[body] = Box(
            body,
            MARGIN + place * (BOX_WIDTH + GAP_X),
            MARGIN + GAP_Y / 2,
            wrap(title),
            wrap(rule, lines=1)[0],
            f"{title} — decides by {rule}",
            is_vacant(org, body),
            marked.get(body),
            body == authority,
            body=True,
            load=loads.get(body, ""),
        )
    for role_id in sorted(placed):
        column, layer = placed[role_id]
        title, name = role_lines(org, role_id, show)
        boxes[role_id] = Box(
            role_id,
            MARGIN + column * (BOX_WIDTH + GAP_X),
            MARGIN + GAP_Y / 2 + (layer + shift) * (BOX_HEIGHT + GAP_Y),
            wrap(title),
            wrap(name, lines=1)[0],
            f"{title} — {name}",
            is_vacant(org, role_id),
            marked.get(role_id),
            role_id == authority,
            load=loads.get(role_id, ""),
        )
    faulty = _faulty(org, findings)
    lines = [
        Line(_path(boxes[s], boxes[t], kind), kind, (s, t, kind) in faulty)
        for kind in ("reports_to", "escalates_to")
        for s, t in sorted(relation(org, kind, "role").edges())
        if s in boxes and t in boxes
    ]
    lines += [
        Line(_path(boxes[s], boxes[t], kind), kind, (s, t, kind) in faulty)
        for s, t, kind in _body_lines(org, bodies, set(boxes))
    ]
    lines += [
        Line(_path(boxes[s], boxes[t], kind), kind, False)
        for s, t, kind in _sign_off_edges(org, set(boxes))
    ]
    lines.sort(key=lambda line: line.faulty)  # faulty lines drawn last, on top
    columns = max((column for column, _ in placed.values()), default=-1) + 1
    columns = max(columns, len(bodies))
    layers = max((layer for _, layer in placed.values()), default=-1) + 1 + shift
    width = 2 * MARGIN + columns * (BOX_WIDTH + GAP_X) - GAP_X
    # room under the last row for the arcs between boxes of one row that point left
    height = 2 * MARGIN + GAP_Y + layers * (BOX_HEIGHT + GAP_Y) - GAP_Y / 2
    ordered = tuple(sorted(boxes.values(), key=lambda box: (box.y, box.x)))
    total = len(org.roles) if focus else 0
    return Layout(max(width, 0), max(height, 0), ordered, tuple(lines), total, focus, heading)


def focused(org: Organization, findings: Sequence[Finding], show: Show) -> Layout | None:
    """The small picture of a problem: the roles and bodies its findings name, with
    their direct managers; None when it names fewer than two (nothing to relate)."""
    named = {e for finding in findings for e in finding.entities if _on_chains(org, e)}
    if not named or len(named) > MAX_FOCUSED:
        return None
    if len(named) < 2 and not any(f.code in LOOP_OF for f in findings):
        return None
    keep = set(named)
    for role in named & set(org.roles):
        if org.roles[role].sound("reports_to"):
            keep.update(org.roles[role].ids("reports_to"))
    return layout(org, findings, show, only=keep, focus="problem")


def columns(picture: Layout) -> int:
    return round((picture.width - 2 * MARGIN + GAP_X) / (BOX_WIDTH + GAP_X))


def pictures(org: Organization, findings: Sequence[Finding], show: Show) -> list[Layout]:
    """The structure as one picture when it fits the width of a printed page; else one
    picture for the top (the top roles and their direct reports) and one per top-level
    branch, a branch still too wide split the same way one level down."""
    whole = layout(org, findings, show)
    if columns(whole) <= MAX_COLUMNS and whole.height <= MAX_HEIGHT:
        return [whole]
    keep = (
        {box.id for box in whole.boxes if box.id in org.roles}
        if whole.focus == "findings"
        else set(org.roles)
    )
    reports = relation(org, "reports_to", "role")
    children: dict[str, list[str]] = {role: [] for role in keep}
    for source, target in reports.edges():
        if source in keep and target in keep and source != target:
            children[target].append(source)
    managed = {kid for kids in children.values() for kid in kids}
    tops = sorted(keep - managed)
    if not tops:  # everything is in one reporting loop: nothing to split by
        return [whole]
    focus = whole.focus or "branch"
    found: list[Layout] = []

    def below(head: str) -> set[str]:
        seen, pending = {head}, [head]
        while pending:
            for child in children[pending.pop()]:
                if child not in seen:
                    seen.add(child)
                    pending.append(child)
        return seen

    def split(heads: list[str], depth: int) -> None:
        for head in heads:
            title = entity_text(org, head, show)
            picture = layout(org, findings, show, only=below(head), focus=focus, heading=title)
            kids = sorted(children[head])
            fits = columns(picture) <= MAX_COLUMNS and picture.height <= MAX_HEIGHT
            if fits or not kids or depth >= 3 or len(found) >= MAX_PICTURES:
                found.append(picture)
                continue
            top = {head, *kids}
            found.append(layout(org, findings, show, only=top, focus=focus, heading=title))
            split(kids, depth + 1)

    top_roles = set(tops) | {kid for top in tops for kid in children[top]}
    authority = final_authority(org)
    bodies = set(_bodies(org, top_roles))
    if authority and is_body(org, authority):
        bodies.add(authority)
    top = layout(org, findings, show, only=top_roles | bodies, focus=focus, heading="The top")
    found.append(top)
    split(sorted(kid for top in tops for kid in children[top]), 1)
    return found
