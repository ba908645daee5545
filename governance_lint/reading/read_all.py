"""Reading every file of a run: fetch, look up the cache, parse and validate the rest.

Each file gives one Outcome (outcome.py); ``read_all`` gathers them into one Reading,
the named value the reading stage hands the model. On a large cold run the files
still to parse are shared with a forked worker (_speed.py), so both cores parse;
results are put back in file order, so output never depends on how the work was split.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from governance_lint._speed import in_parallel
from governance_lint.bounds import Bounds
from governance_lint.config import Config
from governance_lint.display import escape_controls, line_start, shown
from governance_lint.document import Document
from governance_lint.findings import Finding, NodePath
from governance_lint.reading.cache import Cache
from governance_lint.reading.discover import Source
from governance_lint.reading.loader import decode, fetch_source, load_bytes
from governance_lint.reading.memo import SKIPPED, Skipped, front_matter, is_memo, memo_id
from governance_lint.reading.outcome import Outcome
from governance_lint.rules.inputs import MISSING_VERSION, SCHEMA_VIOLATION
from governance_lint.schema.format import ALL_SECTIONS, MEMO_RECORD, entry_entities
from governance_lint.schema.normalize import normalize
from governance_lint.schema.validate import check_version, validate

# (source, bounds) -> its bytes, or the Document of a file that could not be read
Fetcher = Callable[[Source, Bounds], "bytes | Document"]

# progress(stage, done, total): told after each file read
Progress = Callable[[str, int, int], None]

# Parsing in a second process pays for forking it and for moving the results back only
# when there is a lot to parse (measured: about 1 MB of YAML breaks even).
PARALLEL_FROM_BYTES = 2_000_000
# The worker's share of the bytes: a little less than half, as it also pickles its
# results (without positions: see Spans, rebuilt here only for a file a finding is in).
WORKER_SHARE = 0.45


def _meant_as_governance(doc: Document) -> Finding | None:
    """GL008 for a YAML file without `governance` that looks like one, at its first
    section key (other than `organization`) mapping ids to mappings."""
    for key, value in doc.data.items():
        if (
            key in ALL_SECTIONS
            and isinstance(value, dict)
            and value
            and all(isinstance(entry, dict) for entry in value.values())
        ):
            return Finding(
                MISSING_VERSION.code,
                doc.key_location((key,)),
                "this file has governance sections but no `governance: 1`; it is read as version 1",
                "add `governance: 1` as the first line",
            )
    return None


def classify(doc: Document, limit: int) -> Outcome:
    """What one read document brings: its findings so far, and whether it is merged."""
    if doc.failure is not None:
        return Outcome(doc, [doc.failure], None, unread=True)
    if not isinstance(doc.data, dict):
        return Outcome(doc, [], None)
    if is_memo(doc.path):
        return _classify_memo(doc, limit)
    problems: list[Finding] = []
    if "governance" in doc.data:
        unsupported = check_version(doc, limit)
        if unsupported is not None:
            return Outcome(doc, [unsupported], None)
    else:
        missing = _meant_as_governance(doc)
        if missing is None:
            return Outcome(doc, [], None)
        problems.append(missing)
    traps = normalize(doc)  # the one step that changes the data: YAML 1.1 repaired
    checked = validate(doc, limit, traps)
    problems.extend(checked.findings)
    problems.extend(
        replace(problem, entities=entry_entities(problem.location.path)) for problem in doc.problems
    )
    return Outcome(doc, problems, checked.broken)


_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}\Z")


def _classify_memo(doc: Document, limit: int) -> Outcome:
    """A memo's front matter: a governance file of its own shape (never GL008), whose
    record's id is the file name."""
    if "governance" not in doc.data:
        return Outcome(doc, [], None)
    unsupported = check_version(doc, limit)
    if unsupported is not None:
        return Outcome(doc, [unsupported], None)
    record_id = memo_id(doc.path)
    valid = _ID.match(record_id) is not None
    traps = normalize(doc)
    checked = validate(doc, limit, traps, memo=True, memo_id=record_id if valid else None)
    problems = list(checked.findings)
    if not valid and MEMO_RECORD in doc.data:
        problems.append(
            Finding(
                SCHEMA_VIOLATION.code,
                doc.key_location((MEMO_RECORD,)),
                f"the memo's file name gives the record id `{shown(record_id, limit)}`, "
                "which is not a valid id",
                "rename the file: a record id is lowercase letters, digits, `.`, `_` and `-`, "
                "starting with a letter or digit, at most 100 characters",
            )
        )
        checked.broken.add((MEMO_RECORD,))
    problems.extend(doc.problems)  # GL003 in the front matter
    problems.sort(key=Finding.sort_key)
    return Outcome(doc, problems, checked.broken)


@dataclass(frozen=True)
class Reading:
    """What the reading stage hands the model: every file of a run, read."""

    merged: list[tuple[Document, set[NodePath]]]  # governance documents, with broken fields
    problems: list[Finding]  # found on the way: GL001, GL002, GL003, GL006, GL008
    documents: dict[str, Document]  # every document read, by path (for excerpts)
    unread: int  # files that could not be read
    files: int = 0  # files read or reported: memos that are not governance files left out


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress hook: say nothing."""


def read_all(
    sources: Sequence[Source],
    config: Config,
    debug: bool = False,
    progress: Progress = _silent,
    fetch: Fetcher = fetch_source,
    cache: Cache | None = None,
) -> Reading:
    """Read every file: the documents to merge, the findings on the way, every document
    read (for excerpts), and how many files could not be read."""
    merged: list[tuple[Document, set[NodePath]]] = []
    problems: list[Finding] = []
    documents: dict[str, Document] = {}
    unread = files = 0
    outcomes = read_outcomes(sources, config, fetch, cache)
    for done, outcome in enumerate(outcomes, 1):
        progress("files read", done, len(sources))
        if outcome.skipped:
            continue
        files += 1
        doc = outcome.doc
        documents[doc.path] = doc
        if debug:
            print(
                f"{line_start(escape_controls(doc.path))}: {doc.events} events, {doc.nodes} nodes",
                file=sys.stderr,
            )
        problems.extend(outcome.problems)
        unread += outcome.unread
        if outcome.broken is not None:
            merged.append((doc, outcome.broken))
    return Reading(merged, problems, documents, unread, files)


class _Pending:
    """A file fetched and not found in the cache: what is needed to parse it."""

    __slots__ = ("key", "raw", "shown")

    def __init__(self, shown: str, raw: bytes, key: str | None) -> None:
        self.shown, self.raw, self.key = shown, raw, key


def read_outcomes(
    sources: Sequence[Source],
    config: Config,
    fetch: Fetcher = fetch_source,
    cache: Cache | None = None,
) -> list[Outcome]:
    """Every file's Outcome, in the order of ``sources``."""
    bounds = config.bounds
    outcomes: list[Outcome | None] = []
    pending: dict[int, _Pending] = {}
    for index, source in enumerate(sources):
        fetched = fetch(source, bounds)
        if is_memo(source.shown):
            # a memo met in a walk that cannot be read is skipped, as a non-governance one
            read: bytes | Document | Skipped = (
                (SKIPPED if source.walked else fetched)
                if isinstance(fetched, Document)
                else front_matter(source.shown, fetched, bounds.max_file_bytes)
            )
            if isinstance(read, Skipped):
                skipped = Document(source.shown, "", None)
                outcomes.append(Outcome(skipped, [], None, skipped=not read.candidate))
                continue
            fetched = read
        if isinstance(fetched, Document):
            outcomes.append(classify(fetched, bounds.max_scalar_shown))
            continue
        key = None
        if cache is not None and len(fetched) <= bounds.max_file_bytes:
            text = decode(fetched)
            if isinstance(text, str):
                key = cache.key(source.shown, fetched)
                hit = cache.load(key, source.shown, text)
                if hit is not None:
                    outcomes.append(hit)
                    continue
        outcomes.append(None)
        pending[index] = _Pending(source.shown, fetched, key)
    for index, outcome in _parse_all(pending, bounds, cache).items():
        outcomes[index] = outcome
    assert all(outcome is not None for outcome in outcomes)
    return outcomes  # type: ignore[return-value]


def _parse(item: _Pending, bounds: Bounds, cache: Cache | None) -> Outcome:
    outcome = classify(load_bytes(item.shown, item.raw, bounds), bounds.max_scalar_shown)
    if cache is not None and item.key is not None:
        cache.store(item.key, outcome)
    return outcome


def _parse_all(
    pending: dict[int, _Pending], bounds: Bounds, cache: Cache | None
) -> dict[int, Outcome]:
    """Parse the pending files, a share of them in a forked worker when that pays."""
    order = sorted(pending)
    size = sum(len(pending[index].raw) for index in order)
    if size < PARALLEL_FROM_BYTES:
        return {index: _parse(pending[index], bounds, cache) for index in order}
    theirs, total = set(), 0
    for index in sorted(order, key=lambda i: -len(pending[i].raw)):
        if total < size * WORKER_SHARE:
            theirs.add(index)
            total += len(pending[index].raw)
    mine, found = in_parallel(
        lambda: {i: _parse(pending[i], bounds, cache) for i in order if i not in theirs},
        lambda: {i: _parse(pending[i], bounds, cache) for i in sorted(theirs)},
    )
    return dict(sorted({**mine, **found}.items()))
