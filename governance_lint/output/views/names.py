"""How people-facing views name entities: titles and names, never bare ids alone."""

from __future__ import annotations

from collections.abc import Callable

from governance_lint.model.organization import Organization
from governance_lint.model.terms import holders, is_vacant

Show = Callable[[object], str]


def person_name(org: Organization, person_id: str) -> str:
    """A person's name as written, else their id."""
    name = org.people[person_id].get("name") if person_id in org.people else None
    return name if isinstance(name, str) else person_id


def role_lines(org: Organization, role_id: str, show: Show) -> tuple[str, str]:
    """A role's title (else its id) and its holder's name, or ``vacant``; a shared seat's
    holders' names, in the order written: each of them holds it."""
    role = org.roles[role_id]
    title = role.get("title")
    people = holders(org, role_id)
    if people:
        name = ", ".join(person_name(org, person) for person in people)
    else:
        name = "vacant" if is_vacant(org, role_id) else "holder not defined"
    return (show(title) if isinstance(title, str) else role_id, show(name))


def seat_label(org: Organization, role_id: str, show: Show) -> str | None:
    """A shared seat as a reader names it, "Co-chairs: Ann Lee, Bo Park"; None for a
    role with one holder or none."""
    if len(holders(org, role_id)) < 2:
        return None
    title, names = role_lines(org, role_id, show)
    return f"{title}: {names}"


def body_rule(org: Organization, team_id: str) -> str | None:
    """How a body decides, as a reader says it: "vote, two-thirds, quorum 3", "consent";
    "mode unknown" when its `decides_by` has a finding. None for a team that is no body."""
    team = org.teams.get(team_id)
    body = team.body() if team is not None else None
    if body is None:
        return None
    if body.decides_by is None:
        return "mode unknown"
    parts = [body.decides_by]
    if body.decides_by == "vote":
        parts.append(body.threshold or "majority")
        if body.quorum is not None:
            parts.append(f"quorum {body.quorum}")
    return ", ".join(parts)


def body_label(org: Organization, team_id: str, show: Show) -> str:
    """A body with its decision rule: "Board (vote, two-thirds)"."""
    rule = body_rule(org, team_id)
    name = entity_text(org, team_id, show)
    return f"{name} ({show(rule)})" if rule else name


def entity_text(org: Organization, entity_id: str, show: Show) -> str:
    """A decision, cadence, metric or definition of ready's title (a ready's artifact);
    a person or team's name; else the id."""
    entity = org.entities.get(entity_id)
    if entity is None:
        return show(entity_id)
    if entity.kind == "role":
        return role_lines(org, entity_id, show)[0]
    field = {"person": "name", "team": "name", "ready": "artifact"}.get(entity.kind, "title")
    text = entity.get(field)
    return show(text) if isinstance(text, str) else entity_id


def describe(org: Organization, entity_id: str, show: Show) -> str:
    """One phrase a reader recognises: "Chief Technology Officer (Sam Okafor)",
    "Sam Okafor", "the decision “Pricing”"."""
    kind = org.kind_of(entity_id)
    if kind == "role":
        title, name = role_lines(org, entity_id, show)
        return f"{title} ({name})"
    if kind in (None, "person"):
        return entity_text(org, entity_id, show)
    if kind == "team" and body_rule(org, entity_id) is not None:
        return f"the body “{body_label(org, entity_id, show)}”"
    word = {"ready": "the definition of ready", "team": "the team"}.get(kind, f"the {kind}")
    return f"{word} “{entity_text(org, entity_id, show)}”"
