"""Documents -> one Organization of typed entries.                          GL004 GL005

Besides the fields as written, each entry answers the format's typed questions: a
person's ``status``, a role's ``holders`` (one id or a shared seat), whether a team is
a group or a body, and a body's own fields (``Body``).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from governance_lint.display import shown
from governance_lint.document import Document
from governance_lint.findings import Finding, Location, NodePath, Related
from governance_lint.rules.inputs import DUPLICATE_ID, UNKNOWN_REFERENCE
from governance_lint.schema.format import MEMO_RECORD, RECORD, RECORDS
from governance_lint.schema.validate import KIND_WORDS, SECTIONS, fields

if TYPE_CHECKING:
    from governance_lint.model.index import Index
    from governance_lint.model.records import Record


# What a body may write that a plain team may not, besides `decides_by`.
BODY_FIELDS = (
    "threshold",
    "quorum",
    "on_no_agreement",
    "decide_within",
    "tie_breaker",
    "escalates_to",
)
BODY = "body"  # in a field's accepted kinds: a team with `decides_by`


def kind_word(kind: str) -> str:
    """How messages name a kind: "role", "definition of ready"."""
    return KIND_WORDS.get(kind, kind)


@dataclass(eq=False)
class Entity:
    """One entry of a section (a role, a decision...), or the `organization` mapping.

    ``broken`` names the fields with a GL002 finding (a wrong shape): every rule that
    reads them stays silent. ``unresolved`` names the fields with a GL005 finding (an
    unknown id or kind): rules that follow them stay silent, rules that read them as
    written (counting entries, DR002) do not (rules.md, "Broken references and shape").
    """

    kind: str
    id: str
    data: dict[str, Any]
    doc: Document
    path: NodePath
    broken: set[str] = field(default_factory=set)
    unresolved: set[str] = field(default_factory=set)
    # a role's holders: the distinct defined people its `holder` names, in written order,
    # leaving out items with a GL002 or GL005 finding (set when merged)
    holders: tuple[str, ...] = ()
    _ids: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def get(self, name: str) -> Any:
        return self.data.get(name)

    def ids(self, name: str) -> tuple[str, ...]:
        """The ids a reference field names: one id or a list, as written (nulls dropped).

        Rules ask this hundreds of thousands of times on a large organization; entries do
        not change once merged, so each answer is kept."""
        found = self._ids.get(name)
        if found is None:
            value = self.data.get(name)
            if isinstance(value, str):
                found = (value,)
            elif isinstance(value, list):
                found = tuple(item for item in value if isinstance(item, str))
            else:
                found = ()
            self._ids[name] = found
        return found

    def sound(self, name: str) -> bool:
        """True when the field had no GL002 or GL005 finding: it can be followed."""
        if not self.broken and not self.unresolved:  # nearly every entry
            return True
        return name not in self.broken and name not in self.unresolved

    def well_formed(self, name: str) -> bool:
        """True when the field had no GL002 finding: it can be read as written."""
        return name not in self.broken

    def locate(self, name: str | None = None) -> Location:
        """The entry's key, or a field as rules.md defines it (its value when on the key's line)."""
        if name is None:
            return self.doc.key_location(self.path)
        if name not in self.data:
            return self.doc.key_location(self.path)
        return self.doc.field_location((*self.path, name))

    def locate_item(self, name: str, target: str) -> Location:
        """The list item of ``name`` naming ``target``; the field itself when it is one id."""
        value = self.data.get(name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if item == target:
                    return self.doc.value_location((*self.path, name, index))
        return self.locate(name)

    def has(self, name: str) -> bool:
        """The field is written with a value other than null."""
        return self.data.get(name) is not None

    @property
    def status(self) -> str:
        """A person's status: ``alumni`` only when written so; everyone else is active."""
        alumni = self.data.get("status") == "alumni" and self.well_formed("status")
        return "alumni" if alumni else "active"

    @property
    def is_group(self) -> bool:
        """A team written ``kind: group``: a list that owns and decides nothing. A `kind`
        with a GL002 finding counts as ``team``."""
        return self.kind == "team" and self.data.get("kind") == "group"

    @property
    def is_body(self) -> bool:
        """A team that writes `decides_by` (even a wrong value) and is not a group: it
        decides as one, and is accepted where a body is."""
        return self.kind == "team" and self.has("decides_by") and not self.is_group

    def body(self) -> Body | None:
        """A body's own fields, each None when not written or not sound; None for any
        entry that is not a body."""
        if not self.is_body:
            return None

        def own(name: str) -> Any:
            return self.data.get(name) if self.sound(name) else None

        quorum = own("quorum")
        return Body(
            decides_by=own("decides_by"),
            threshold=own("threshold"),
            quorum=quorum if type(quorum) is int else None,
            on_no_agreement=own("on_no_agreement"),
            decide_within=own("decide_within"),
            tie_breaker=own("tie_breaker"),
            escalates_to=own("escalates_to"),
        )


@dataclass(frozen=True)
class Body:
    """What a body (a team with `decides_by`) gives the decisions it owns, and where its
    own unresolved decisions go. ``decides_by`` is None when its value has a GL002
    finding: the body's mode is then unknown."""

    decides_by: str | None
    threshold: str | None
    quorum: int | None
    on_no_agreement: str | None
    decide_within: str | None
    tie_breaker: str | None
    escalates_to: str | None


@dataclass
class Organization:
    """Every entry of every governance file, merged; lookups by id and by kind."""

    documents: list[Document] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    by_kind: dict[str, dict[str, Entity]] = field(
        default_factory=lambda: {kind: {} for kind in SECTIONS.values()}
    )
    organization: Entity | None = None
    problems: list[Finding] = field(default_factory=list)  # found before the rules run
    suppressions: list[Any] = field(default_factory=list)  # inline comments, see suppressions
    unread_files: int = 0
    # what it was merged from, each document with its fields that had a GL002 finding:
    # verified suggestions merge an edited copy again (rules._suggest)
    sources: list[tuple[Document, set[NodePath]]] = field(default_factory=list)
    # records (what happened to decisions) by id, in their own namespace: every record
    # entry as merged (the first definition of an id), and the typed records the
    # indicators and record rules read (those whose decision, dates are sound)
    record_entries: dict[str, Entity] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    _index: Index | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def index(self) -> Index:
        """The facts derived from this organization, each computed on first use."""
        if self._index is None:
            from governance_lint.model.index import Index

            self._index = Index(self)
        return self._index

    @property
    def people(self) -> dict[str, Entity]:
        return self.by_kind["person"]

    @property
    def roles(self) -> dict[str, Entity]:
        return self.by_kind["role"]

    @property
    def teams(self) -> dict[str, Entity]:
        return self.by_kind["team"]

    @property
    def decisions(self) -> dict[str, Entity]:
        return self.by_kind["decision"]

    @property
    def readies(self) -> dict[str, Entity]:
        return self.by_kind["ready"]

    @property
    def cadences(self) -> dict[str, Entity]:
        return self.by_kind["cadence"]

    @property
    def metrics(self) -> dict[str, Entity]:
        return self.by_kind["metric"]

    def kind_of(self, entity_id: str) -> str | None:
        entity = self.entities.get(entity_id)
        return entity.kind if entity else None

    def having(self, kind: str, *names: str) -> list[Entity]:
        """The entries of ``kind`` that write one of the fields ``names`` (not null), in
        sorted order: a rule about vetoes need not look at the decisions without any."""
        table = self.index.having
        found = table.get((kind, names))
        if found is None:
            found = table[kind, names] = [
                entity
                for entity in self.by_kind[kind].values()
                if any(entity.data.get(name) is not None for name in names)
            ]
        return found

    def problems_of(self, code: str) -> Iterator[Finding]:
        """Findings of an input rule (GL001...), found while loading, validating, merging."""
        return (problem for problem in self.problems if problem.code == code)


def merge(
    checked: Iterable[tuple[Document, set[NodePath]]], unread_files: int, limit: int
) -> Organization:
    """Merge documents in file order; the first definition of an id wins (GL004)."""
    org = Organization(unread_files=unread_files)
    for doc, broken in checked:
        org.documents.append(doc)
        org.sources.append((doc, broken))
        _merge_document(org, doc, broken)
    for kind, entries in org.by_kind.items():
        org.by_kind[kind] = dict(sorted(entries.items()))
    org.record_entries = dict(sorted(org.record_entries.items()))
    org.problems.extend(_unknown_references(org, limit))
    for role in org.roles.values():
        role.holders = _holders(org, role)
    from governance_lint.model.records import typed_records

    org.records = typed_records(org)
    return org


def _holders(org: Organization, role: Entity) -> tuple[str, ...]:
    """The distinct defined people a role's `holder` names, in written order: an item
    that is not a valid id or not a person (GL002, GL005) is left out."""
    people = org.people
    return tuple(dict.fromkeys(person for person in role.ids("holder") if person in people))


def accepted(entity: Entity, kinds: tuple[str, ...]) -> bool:
    """Whether a reference to ``entity`` fits a field accepting ``kinds`` (a body is a
    team with `decides_by`, accepted where ``body`` is)."""
    return entity.kind in kinds or (BODY in kinds and entity.is_body)


def _merge_document(org: Organization, doc: Document, broken: set[NodePath]) -> None:
    data = doc.data
    if "organization" in data and isinstance(data["organization"], dict | type(None)):
        entity = Entity("organization", "", data["organization"] or {}, doc, ("organization",))
        entity.broken = {str(path[1]) for path in broken if path[:1] == ("organization",)}
        if org.organization is None:
            org.organization = entity
        else:
            first = org.organization.locate()
            org.problems.append(
                Finding(
                    DUPLICATE_ID.code,
                    entity.locate(),
                    f"`organization` is defined twice; the first definition ({first}) is used",
                    "keep one `organization` entry and delete the other",
                    related=(Related(first, "first definition of `organization`"),),
                )
            )
    broken_fields: dict[NodePath, set[str]] = defaultdict(set)  # entry -> its unsound fields
    for broken_path in broken:
        if len(broken_path) > 2:
            broken_fields[broken_path[:2]].add(str(broken_path[2]))
        if len(broken_path) == 2 and broken_path[0] == MEMO_RECORD:
            broken_fields[(MEMO_RECORD,)].add(str(broken_path[1]))
    _merge_records(org, doc, broken, broken_fields)
    for section, kind in SECTIONS.items():
        body = data.get(section)
        if not isinstance(body, dict):
            continue
        for entity_id, value in body.items():
            path = (section, entity_id)
            if not isinstance(value, dict) or path in broken:
                continue  # not a mapping, or a bad id: GL002 said so
            entity = Entity(kind, entity_id, value, doc, path)
            entity.broken = set(broken_fields.get(path, ()))
            defined = org.entities.get(entity_id)
            if defined is None:
                org.entities[entity_id] = entity
                org.by_kind[kind][entity_id] = entity
                continue
            where = defined.locate()
            org.problems.append(
                Finding(
                    DUPLICATE_ID.code,
                    entity.locate(),
                    f"`{entity_id}` is defined twice: as a {kind_word(kind)} here and as a "
                    f"{kind_word(defined.kind)} at {where}; the first definition is used",
                    "rename one of them: ids are unique across all sections",
                    entities=(entity_id,),
                    related=(Related(where, f"first definition of `{entity_id}`"),),
                )
            )


def _merge_records(
    org: Organization,
    doc: Document,
    broken: set[NodePath],
    broken_fields: dict[NodePath, set[str]],
) -> None:
    """A document's records (its `records` section, or a memo's `record`): record ids
    clash only with record ids (GL004)."""
    from governance_lint.reading.memo import is_memo, memo_id

    data = doc.data
    found: list[tuple[str, NodePath, Any]] = []
    if is_memo(doc.path):
        if (MEMO_RECORD,) not in broken:
            found.append((memo_id(doc.path), (MEMO_RECORD,), data.get(MEMO_RECORD)))
    elif isinstance(data.get(RECORDS), dict):
        found.extend(
            (record_id, (RECORDS, record_id), value) for record_id, value in data[RECORDS].items()
        )
    for record_id, path, value in found:
        if not isinstance(value, dict) or path in broken:
            continue
        entity = Entity(RECORD, record_id, value, doc, path)
        entity.broken = set(broken_fields.get(path, ()))
        defined = org.record_entries.get(record_id)
        if defined is None:
            org.record_entries[record_id] = entity
            continue
        where = defined.locate()
        org.problems.append(
            Finding(
                DUPLICATE_ID.code,
                entity.locate(),
                f"record `{record_id}` is defined twice: here and at {where}; the first "
                "definition is used",
                "rename one of them: record ids are unique among records (a memo's id is "
                "its file name)",
                entities=(record_id,),
                related=(Related(where, f"first definition of record `{record_id}`"),),
            )
        )


def _unknown_references(org: Organization, limit: int) -> Iterator[Finding]:
    """GL005 for every reference to an undefined id or to a kind its field does not accept."""
    table = fields()
    suffix = f" ({org.unread_files} files could not be read)" if org.unread_files else ""
    candidates: dict[tuple[str, ...], dict[str, list[str]]] = {}
    entries = [
        *([org.organization] if org.organization else []),
        *(e for kind in org.by_kind.values() for e in kind.values()),
        *org.record_entries.values(),
    ]
    references = {
        kind: {name: spec for name, spec in specs.items() if spec.accepts}
        for kind, specs in table.items()
    }
    # this runs over every field of every entry and record: the common case (one id, of
    # a kind the field accepts) is decided with as few calls as possible
    record_entries, entities = org.record_entries, org.entities
    for entity in entries:
        kind_references = references[entity.kind]
        data = entity.data
        clean = not entity.broken and not entity.unresolved
        for name in [name for name in data if name in kind_references]:
            spec = kind_references[name]
            if not clean and not entity.sound(name):
                continue
            kinds = spec.accepts
            defined = record_entries if kinds == (RECORD,) else entities
            value = data[name]
            for target in (value,) if isinstance(value, str) else entity.ids(name):
                found = defined.get(target)
                if found is not None and (found.kind in kinds or (BODY in kinds and found.is_body)):
                    continue
                entity.unresolved.add(name)
                whose = (
                    f"`{name}` of {kind_word(entity.kind)} `{entity.id}`"
                    if entity.id
                    else (f"`{name}` of `organization`")
                )
                # a body is named only where a group is met: a plain team there keeps
                # the words of files that have no bodies
                accepts = " or ".join(kind_word(kind) for kind in spec.accepts if kind != BODY)
                if found is None:
                    pool = candidates.setdefault(spec.accepts, _by_initial(org, spec.accepts))
                    guess = _closest(target, pool)
                    message = f"{whose} names `{shown(target, limit)}`, which is not defined"
                    help = (
                        f"did you mean `{guess}`?"
                        if guess
                        else f"define `{shown(target, limit)}` as a {accepts}, or fix the id"
                    )
                elif found.kind == "team" and not found.is_group and BODY in spec.accepts:
                    # only a body is accepted among teams: a plain team needs `decides_by`
                    message = f"{whose}: `{target}` is a team, not a body: give it `decides_by`"
                    help = (
                        f"give `{target}` `decides_by` to make it a body, or name a {accepts} here"
                    )
                elif found.is_group and BODY in spec.accepts:
                    message = (
                        f"{whose} names `{target}`, a group, not a body: a group decides nothing"
                    )
                    help = f"name a {accepts} or a body (a team with `decides_by`) here"
                else:
                    message = (
                        f"{whose} names `{target}`, a {kind_word(found.kind)}; it "
                        f"accepts a {accepts}"
                    )
                    help = f"name a {accepts} here"
                yield Finding(
                    UNKNOWN_REFERENCE.code,
                    entity.locate_item(name, target),
                    message + suffix,
                    help,
                    entities=(entity.id, target) if entity.id else (target,),
                )


def _by_initial(org: Organization, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = defaultdict(list)
    for kind in kinds:
        if kind == RECORD:
            for record_id in org.record_entries:
                pool[record_id[:1]].append(record_id)
            continue
        if kind == BODY:
            for team_id, team in org.teams.items():
                if team.is_body:
                    pool[team_id[:1]].append(team_id)
            continue
        for entity_id in org.by_kind[kind]:
            pool[entity_id[:1]].append(entity_id)
    return pool


def _closest(target: str, pool: dict[str, list[str]]) -> str | None:
    """The most similar defined id, looked for among ids with the same first character."""
    if not target:
        return None
    near = [c for c in pool.get(target[:1].lower(), ()) if abs(len(c) - len(target)) <= 3]
    matches = difflib.get_close_matches(target.lower(), near, n=1, cutoff=0.6)
    return matches[0] if matches else None
