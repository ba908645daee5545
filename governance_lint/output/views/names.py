"""How people-facing views name entities: titles and names, never bare ids alone."""

from __future__ import annotations

from collections.abc import Callable

from governance_lint.model.organization import Organization
from governance_lint.model.terms import holder, is_vacant

Show = Callable[[object], str]


def role_lines(org: Organization, role_id: str, show: Show) -> tuple[str, str]:
    """A role's title (else its id) and its holder's name, or ``vacant``."""
    role = org.roles[role_id]
    title = role.get("title")
    person = holder(org, role_id)
    name = org.people[person].get("name") if person else None
    if person is None:
        name = "vacant" if is_vacant(org, role_id) else "holder not defined"
    elif not isinstance(name, str):
        name = person
    return (show(title) if isinstance(title, str) else role_id, show(name))


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
    word = {"ready": "the definition of ready", "team": "the team"}.get(kind, f"the {kind}")
    return f"{word} “{entity_text(org, entity_id, show)}”"
