"""Verified suggestions: a help names an id to set only when that change fixes the finding.

A help that names an id to set (a tie-breaker, an override...) is a suggestion. Before
a help names a candidate, governance-lint applies the change to a copy of the
organization in memory and runs the rules again: the candidate passes when the finding
is gone (no finding has its identity any more, compared without ``#N``) and no finding
of severity error or warning appears whose identity was not there before. The check
runs the rules this run runs (the selection, severities and thresholds configured),
before inline suppressions, with helps off: while verifying, rules do not compute
suggestions (``helps_on``), so a check never starts another.

Candidates come in order: the rule's first candidate; then, for a role, the roles above
it along ``reports_to``, nearest first (stopping where the lines loop), then its peers
(the other roles with the same ``reports_to``) in sorted order; for a person, the roles
above and beside the first role they hold. A body, or a person who holds no role, is
followed by none. A candidate is passed over untried when it is the entry the finding is
about, a body that owns the decision the field would be set on, the same person as one
of the group it would arbitrate, of a kind the field does not accept, or already tried.

Only the rules of severity error or warning can refuse a candidate, besides the
finding's own rule: a try runs the own rule first and stops at the first reason to
refuse, and the baseline keeps only the errors and warnings.

Cost: one pass of the enabled rules over a rebuilt copy of the organization for the
baseline (once per organization and configuration), and one per candidate tried, at most
``MAX_TRIED`` (10) per finding. Each try copies only the mappings on the way to the
edited entry and merges the documents again (no file is read, no process started), so a
try costs about one run of the rules: verifying every finding would make a run quadratic
where such findings grow with the organization (200 roles with 198 consensus deadlocks:
8 s instead of 0.2 s). So each rule has a budget of tries, ``WORK`` divided by the
number of entries of the organization (records included): a rule's extra cost stays
below a fixed amount whatever the size (about a third of a second per rule, measured
on 700 entries), and the run stays linear. A 100-entry organization gives each rule 20
tries, a 2 000-entry one 1, a larger one none (the baseline run is then skipped too,
and its helps name no id). Findings are verified in
the order the rule reports them, so which ones are verified depends on the input alone;
past the budget, a help says what to do without naming an id, as when no candidate
passes. The budget is per rule, so it does not depend on how the rules are spread over
processes.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from governance_lint.model.modes import owning_body
from governance_lint.model.organization import Entity, Organization, accepted, merge
from governance_lint.model.terms import manager_of, roles_held, same_person

if TYPE_CHECKING:
    from governance_lint.config import Config
    from governance_lint.findings import Finding
    from governance_lint.model.index import Index
    from governance_lint.rules._rule import Rule

MAX_TRIED = 10  # candidates tried at most, per finding
WORK = 2_000  # a rule's tries times the organization's entries, at most

_HELPS: ContextVar[bool] = ContextVar("governance_lint_helps", default=True)


def helps_on() -> bool:
    """False while a suggestion is being verified: rules then skip their suggestions."""
    return _HELPS.get()


@contextmanager
def _helps_off() -> Iterator[None]:
    token = _HELPS.set(False)
    try:
        yield
    finally:
        _HELPS.reset(token)


# -- candidates ------------------------------------------------------------------------------


def candidates(org: Organization, first: str | None) -> Iterator[str]:
    """The candidates in order after the rule's first one (which comes first): a role's
    managers nearest first, stopping where the lines loop, then its peers in sorted
    order; for a person, those of the first role they hold (in sorted order)."""
    if first is None:
        return
    yield first
    kind = org.kind_of(first)
    if kind == "role":
        base = first
    elif kind == "person":
        held = roles_held(org, first)
        if not held:
            return
        base = held[0]
    else:
        return  # a body, or anything else: none follow
    seen = {base}
    manager = manager_of(org, base)
    up = manager
    while up is not None and up not in seen:
        yield up
        seen.add(up)
        up = manager_of(org, up)
    if manager is None:
        return  # no `reports_to` to share: no peers
    yield from sorted(
        role for role in org.roles if role != base and manager_of(org, role) == manager
    )


def passed_over(
    org: Organization,
    candidate: str,
    target: Entity,
    field: str,
    about: str,
    group: Iterable[str],
) -> bool:
    """A candidate not worth trying: the entry the finding is about, a body owning the
    decision the field goes on, one of the group it would arbitrate (the same person), or
    of a kind the field does not accept."""
    from governance_lint.schema.validate import fields

    entity = org.entities.get(candidate)
    if entity is None or candidate == about:
        return True
    spec = fields().get(target.kind, {}).get(field)
    if spec is None or not accepted(entity, spec.accepts):
        return True
    if target.kind == "decision" and entity.is_body:
        body = owning_body(org, target)
        if body is not None and body.id == candidate:
            return True
    return any(same_person(org, candidate, member) for member in group)


# -- the check -------------------------------------------------------------------------------


class Edits:
    """Copies of the documents a change touches, made on first touch: each mapping on the
    way to an edited entry is copied, the entry too, so nothing the organization merged
    changes and a change costs its path, not a file's data (rules never edit the data:
    the untouched parts are shared)."""

    def __init__(self) -> None:
        self.copies: dict[int, Any] = {}
        self._fresh: set[int] = set()  # the mappings copied here, safe to edit

    def _own(self, node: dict[Any, Any]) -> dict[Any, Any]:
        if id(node) in self._fresh:
            return node
        mine = dict(node)
        self._fresh.add(id(mine))
        return mine

    def entry(self, entity: Entity) -> dict[str, Any]:
        """The copy of an entry's mapping, to edit."""
        key = id(entity.doc)
        node = self.copies[key] = self._own(self.copies.get(key, entity.doc.data))
        for part in entity.path:
            node[part] = self._own(node[part])
            node = node[part]
        return node


Apply = Callable[[Edits, str], None]


def set_field(target: Entity, field: str) -> Apply:
    """The change "set ``field: X`` on ``target``"."""
    return set_on([target], field)


def _rebuilt(org: Organization, config: Config, edits: Edits) -> Organization:
    """The organization merged again from its documents, the edited ones replaced."""
    checked = [
        (replace(doc, data=edits.copies[id(doc)]) if id(doc) in edits.copies else doc, broken)
        for doc, broken in org.sources
    ]
    return merge(checked, org.unread_files, config.bounds.max_scalar_shown)


def _identifier(org: Organization) -> Callable[[Finding], str]:
    """A finding's identity in ``org``, as --base compares them (without ``#N``); the
    current folder is looked up once, not for each finding."""
    from governance_lint.output.identity import subject

    documents = {doc.path: doc for doc in org.documents}
    here = os.getcwd()
    return lambda finding: "\n".join((finding.code, *subject(finding, documents, here, here)))


def _serious(rule: Rule, config: Config) -> bool:
    return config.severity_of(rule) in ("error", "warning")


def _checked(config: Config) -> list[Rule]:
    """The rules a check runs: the enabled ones, but those that run after suppressions."""
    return [rule for rule in config.enabled_rules() if rule.phase != "after-suppressions"]


def _run(org: Organization, config: Config) -> frozenset[str]:
    """The identities of the errors and warnings the rules find, before inline
    suppressions, helps off. An identity starts with its rule's code, so a finding of an
    error or warning rule can only share one with another finding of that rule."""
    serious: set[str] = set()
    identity = _identifier(org)
    with _helps_off():
        for rule in _checked(config):
            if _serious(rule, config):
                serious.update(map(identity, rule.check(org, config)))
    return frozenset(serious)


_BASELINES: weakref.WeakKeyDictionary[Index, dict[int, tuple[Config, frozenset[str]]]] = (
    weakref.WeakKeyDictionary()
)


def _baseline(org: Organization, config: Config) -> frozenset[str]:
    """The errors and warnings of the unedited organization, merged again the same way:
    once per run."""
    kept = _BASELINES.setdefault(org.index, {})
    found = kept.get(id(config))
    if found is None or found[0] is not config:
        found = kept[id(config)] = (config, _run(_rebuilt(org, config, Edits()), config))
    return found[1]


_BUDGETS: weakref.WeakKeyDictionary[Index, dict[str, int]] = weakref.WeakKeyDictionary()


def _budget(org: Organization) -> int:
    """A rule's tries in all: ``WORK`` over the organization's entries, records included."""
    return WORK // max(1, len(org.entities) + len(org.record_entries))


def _spend(org: Organization, code: str) -> bool:
    """Take one try from the budget of the rule ``code``; False when none is left."""
    budgets = _BUDGETS.setdefault(org.index, {})
    left = budgets.get(code)
    if left is None:
        left = _budget(org)
    if left <= 0:
        return False
    budgets[code] = left - 1
    return True


def verified(
    org: Organization,
    config: Config,
    finding: Finding,
    candidates: Iterable[str],
    apply: Apply,
) -> str | None:
    """The first candidate whose change makes ``finding`` go away and adds no error or
    warning, trying at most ``MAX_TRIED`` distinct candidates within the rule's budget;
    None when none passes, when the budget is spent, or while a suggestion is being
    verified (never recursive)."""
    if not helps_on() or not org.sources or not _budget_left(org, finding.code):
        return None
    gone = _identifier(org)(finding)
    tried: set[str] = set()
    for candidate in candidates:
        if candidate in tried:
            continue
        if len(tried) >= MAX_TRIED or not _spend(org, finding.code):
            break
        tried.add(candidate)
        before = _baseline(org, config)  # once per run, and only when something is tried
        edits = Edits()
        apply(edits, candidate)
        if _fixes(_rebuilt(org, config, edits), config, finding.code, gone, before):
            return candidate
    return None


def _fixes(org: Organization, config: Config, code: str, gone: str, before: frozenset[str]) -> bool:
    """Whether the edited organization no longer has the finding ``gone`` (of the rule
    ``code``) and has no error or warning that ``before`` lacks. The finding's own rule
    runs first, as most candidates that fail are refused by it; then the error and warning
    rules, up to the first new finding. Other rules cannot change the verdict: they are
    not run."""
    identity = _identifier(org)
    rules = [rule for rule in _checked(config) if rule.code == code or _serious(rule, config)]
    rules.sort(key=lambda rule: rule.code != code)  # stable: the rest keep their order
    with _helps_off():
        for rule in rules:
            serious = _serious(rule, config)
            for finding in rule.check(org, config):
                found = identity(finding)
                if found == gone or (serious and found not in before):
                    return False
    return True


def suggest(
    org: Organization,
    config: Config,
    finding: Finding,
    target: Entity,
    field: str,
    first: str | None,
    group: Sequence[str] = (),
) -> str | None:
    """The verified id to set as ``field`` on ``target`` for ``finding``: the candidates
    after ``first`` (``candidates``), those ``passed_over`` left out untried (one already
    tried is skipped by ``verified``)."""
    return suggest_with(org, config, finding, target, field, first, group, set_field(target, field))


def helped(finding: Finding, help: str) -> Finding:
    """The finding with ``help``, a verified suggestion, in place of its own help: also as
    its group's help, so that narrowing the group keeps it; the change it names (its first
    alternative, between ", or", that makes one) is kept as the finding's ``suggestion``."""
    group = finding.group and replace(
        finding.group, help=help.replace("{", "{{").replace("}", "}}")
    )
    change = next((part for part in help.split(", or ") if names_change(part)), None)
    return replace(finding, help=help, group=group, suggestion=change)


def suggesting(finding: Finding) -> Finding:
    """A grouped finding whose help ends with its verified change, ", or set ... on
    {entries}", said for its entries: that last alternative is its ``suggestion``."""
    return replace(finding, suggestion=finding.help.rsplit(", or ", 1)[-1])


def names_change(help: str) -> bool:
    """The help begins with a change to make (set, add or remove an id), as a verified
    suggestion does; the helps given when no candidate passes begin otherwise."""
    return help.startswith(("set `", "add `", "remove `"))


def above_all(org: Organization, candidate: str, group: Iterable[str]) -> bool:
    """The candidate is at or above every one of the group: the help may say so."""
    from governance_lint.model.terms import at_or_above

    return all(at_or_above(org, candidate, member) for member in group)


def suggest_with(
    org: Organization,
    config: Config,
    finding: Finding,
    target: Entity,
    field: str,
    first: str | None,
    group: Sequence[str],
    apply: Apply,
) -> str | None:
    """``suggest`` for a change other than setting one field (an item put in place of
    another): ``field`` is the field the candidate goes in, for the kinds it accepts."""
    return suggest_at(org, config, finding, [(target, field)], first, apply, group)


def override_help(
    org: Organization, config: Config, finding: Finding, decision: Entity, senior: str | None
) -> str:
    """The help of an `override` that is not above the owners or is one of them: the
    verified role to set, the first candidate the lowest role above every owner."""
    owners = org.index.facts(decision).owners
    if senior is None:
        return "remove the `override`: no role is above every owner of this decision"
    chosen = suggest(org, config, finding, decision, "override", senior, owners)
    if chosen is None:
        return "set an `override` above every owner of this decision, or remove it"
    if chosen == senior:
        return f"set `override: {chosen}`, the lowest role above every owner"
    if above_all(org, chosen, owners):
        return f"set `override: {chosen}`, who is above every owner"
    return f"set `override: {chosen}`"


# -- changes on several entries, on items of list fields, and new entries ---------------------

Place = tuple[Entity, str]  # an entry and the field of it a change writes


def _items(value: object) -> list[Any]:
    """A field's value as a list of items: a list as written, one scalar as one item,
    nothing when absent or ``null``."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def set_on(targets: Sequence[Entity], field: str) -> Apply:
    """The change "set ``field: X`` on each of ``targets``"."""

    def apply(edits: Edits, candidate: str) -> None:
        for target in targets:
            edits.entry(target)[field] = candidate

    return apply


def add_item(target: Entity, field: str) -> Apply:
    """The change "add X to the list field ``field`` of ``target``" (nothing added where X
    is already listed)."""

    def apply(edits: Edits, candidate: str) -> None:
        entry = edits.entry(target)
        items = _items(entry.get(field))
        entry[field] = items if candidate in items else [*items, candidate]

    return apply


def _put_in_place(changes: Sequence[tuple[Entity, str, str]]) -> Apply:
    """The change "X in place of OLD in FIELD" for each (entry, FIELD, OLD): a field that
    is OLD becomes X; in a list, the item OLD becomes X (listed once, where X was already
    there)."""

    def apply(edits: Edits, candidate: str) -> None:
        for target, field, old in changes:
            entry = edits.entry(target)
            value = entry.get(field)
            if not isinstance(value, list):
                entry[field] = candidate if value == old else value
                continue
            entry[field] = list(dict.fromkeys(candidate if item == old else item for item in value))

    return apply


def replace_items(changes: Sequence[tuple[Entity, str]], field: str) -> Apply:
    """X in place of ``old`` in ``field`` of each (entry, old)."""
    return _put_in_place([(entry, field, old) for entry, old in changes])


def replace_item(entries: Sequence[Entity], field: str, old: str) -> Apply:
    """X in place of ``old`` in ``field`` of each of ``entries``."""
    return _put_in_place([(entry, field, old) for entry in entries])


def replace_at(places: Sequence[Place], old: str) -> Apply:
    """X in place of ``old`` in each field of ``places``."""
    return _put_in_place([(entry, field, old) for entry, field in places])


def top_mapping(edits: Edits, doc: Any) -> dict[Any, Any] | None:
    """The editable top-level mapping of a document, to add an entry or a section to;
    None when the document's data is not a mapping."""
    data = edits.copies.get(id(doc), doc.data)
    if not isinstance(data, dict):
        return None
    node = edits.copies[id(doc)] = edits._own(data)
    return node


def section_mapping(edits: Edits, doc: Any, section: str) -> dict[Any, Any] | None:
    """The editable mapping of ``section`` in a document, made when absent or null; None
    when the section holds something else (the change then cannot be written there)."""
    top = top_mapping(edits, doc)
    if top is None:
        return None
    value = top.get(section)
    if value is None:
        value = {}
    if not isinstance(value, dict):
        return None
    node = top[section] = edits._own(value)
    return node


def _budget_left(org: Organization, code: str) -> bool:
    """The rule ``code`` has tries left (none is taken): a rule that looks its candidates
    up one by one does not look when none could be tried."""
    left = _BUDGETS.get(org.index, {}).get(code)
    return (_budget(org) if left is None else left) > 0


def suggest_listed(
    org: Organization,
    config: Config,
    finding: Finding,
    places: Sequence[Place],
    listed: Iterable[str],
    apply: Apply,
    group: Sequence[str] = (),
) -> str | None:
    """The first of ``listed`` (looked at lazily, in order) whose change ``apply`` passes
    the check, those ``passed_over`` at any of ``places`` left out untried; None when
    none passes, helps are off or the rule's budget is spent."""
    if not helps_on() or not places or not _budget_left(org, finding.code):
        return None
    about = finding.entities[0] if finding.entities else ""
    chosen = (
        candidate
        for candidate in listed
        if not any(
            passed_over(org, candidate, target, field, about, group) for target, field in places
        )
    )
    return verified(org, config, finding, chosen, apply)


def suggest_among(
    org: Organization,
    config: Config,
    finding: Finding,
    targets: Sequence[Entity],
    field: str,
    ordered: Iterable[str],
    group: Sequence[str],
    apply: Apply,
) -> str | None:
    """``suggest_listed`` for one field set on each of ``targets``; ``ordered`` is
    ``candidates(org, first)``, or the candidates a rule lists."""
    places = [(target, field) for target in targets]
    return suggest_listed(org, config, finding, places, ordered, apply, group)


def suggest_at(
    org: Organization,
    config: Config,
    finding: Finding,
    places: Sequence[Place],
    first: str | None,
    apply: Apply,
    group: Sequence[str] = (),
) -> str | None:
    """``suggest_listed`` over the candidates that follow ``first`` (``candidates``): for a
    change written on several entries, or one other than setting a field."""
    return suggest_listed(org, config, finding, places, candidates(org, first), apply, group)


def regrouped(finding: Finding, template: str) -> Finding:
    """A grouped finding with ``template`` (``{entries}`` and ``{n}`` still to fill) as its
    group's help and its help said from it: narrowing the group keeps the suggestion and
    says only the entries left. Its last alternative (", or ...") is the verified change,
    kept as its ``suggestion``."""
    from governance_lint.rules._grouped import said

    if finding.group is None:
        return finding
    group = replace(finding.group, help=template)
    _, help = said(group, range(len(group.entries)))
    return replace(finding, help=help, group=group, suggestion=help.rsplit(", or ", 1)[-1])
