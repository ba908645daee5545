"""lint(paths, config) -> Report: the pipeline, in order, and nothing else.

discover -> read -> classify -> validate -> merge -> rules -> suppressions -> sort
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from types import ModuleType

from governance_lint.cache import Cache, Outcome
from governance_lint.config import Config
from governance_lint.discovery import Source, discover
from governance_lint.display import escape_controls
from governance_lint.document import Document
from governance_lint.exclude import excluder
from governance_lint.findings import Finding, GovernanceLintError, NodePath
from governance_lint.loader import Bounds, decode, fetch_source, load_bytes
from governance_lint.model import Organization, merge
from governance_lint.schema import SECTIONS, check_version, entry_entities, validate
from governance_lint.suppressions import Suppressed, apply_suppressions, read_suppressions

# progress(stage, done, total): told after each file read and each rule run.
ProgressHook = Callable[[str, int, int], None]


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress hook: say nothing."""


@dataclass
class Report:
    """What a run found, sorted, with what formatters need to show it."""

    findings: list[Finding]
    suppressed: list[Suppressed]
    files: int
    documents: dict[str, Document]
    org: Organization
    config: Config
    base: dict[str, object] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def _meant_as_governance(doc: Document) -> Finding | None:
    """GL008 for a YAML file without `governance` that looks like one, at its first
    section key (other than `organization`) mapping ids to mappings."""
    for key, value in doc.data.items():
        if (
            key in SECTIONS
            and isinstance(value, dict)
            and value
            and all(isinstance(entry, dict) for entry in value.values())
        ):
            return Finding(
                "GL008",
                doc.key_location((key,)),
                "this file has governance sections but no `governance: 1`; it is read as version 1",
                "add `governance: 1` as the first line",
            )
    return None


# (source, bounds) -> its bytes, or the Document of a file that could not be read
Fetcher = Callable[[Source, Bounds], "bytes | Document"]


def classify(doc: Document, limit: int) -> Outcome:
    """What one read document brings: its findings so far, and whether it is merged."""
    if doc.failure is not None:
        return Outcome(doc, [doc.failure], None, unread=True)
    if not isinstance(doc.data, dict):
        return Outcome(doc, [], None)
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
    checked = validate(doc, limit)
    problems.extend(checked.findings)
    problems.extend(
        replace(problem, entities=entry_entities(problem.location.path)) for problem in doc.problems
    )
    return Outcome(doc, problems, checked.broken)


def read_file(source: Source, config: Config, fetch: Fetcher, cache: Cache | None) -> Outcome:
    """Read, parse, classify and validate one file, through the cache when there is one."""
    fetched = fetch(source, config.bounds)
    if isinstance(fetched, Document):
        return classify(fetched, config.bounds.max_scalar_shown)
    key = None
    if cache is not None and len(fetched) <= config.bounds.max_file_bytes:
        text = decode(fetched)
        if isinstance(text, str):
            key = cache.key(source.shown, fetched)
            hit = cache.load(key, text)
            if hit is not None:
                return hit
    outcome = classify(
        load_bytes(source.shown, fetched, config.bounds), config.bounds.max_scalar_shown
    )
    if key is not None and cache is not None:
        cache.store(key, outcome)
    return outcome


def read_all(
    sources: Sequence[Source],
    config: Config,
    debug: bool = False,
    progress: ProgressHook = _silent,
    fetch: Fetcher = fetch_source,
    cache: Cache | None = None,
) -> tuple[list[tuple[Document, set[NodePath]]], list[Finding], dict[str, Document], int]:
    """Read every file: the documents to merge, the findings on the way, every document
    read (for excerpts), and how many files could not be read."""
    merged: list[tuple[Document, set[NodePath]]] = []
    problems: list[Finding] = []
    documents: dict[str, Document] = {}
    unread = 0
    for done, source in enumerate(sources, 1):
        outcome = read_file(source, config, fetch, cache)
        doc = outcome.doc
        documents[doc.path] = doc
        progress("files read", done, len(sources))
        if debug:
            print(
                f"{escape_controls(doc.path)}: {doc.events} events, {doc.nodes} nodes",
                file=sys.stderr,
            )
        problems.extend(outcome.problems)
        unread += outcome.unread
        if outcome.broken is not None:
            merged.append((doc, outcome.broken))
    return merged, problems, documents, unread


def targets_of(paths: Sequence[str], config: Config) -> list[str]:
    """What a run lints: ``paths``, else the configured paths, else the current folder."""
    return list(paths) or list(config.paths) or ["."]


def lint(
    paths: Sequence[str], config: Config, debug: bool = False, progress: ProgressHook = _silent
) -> Report:
    """Lint the files under ``paths`` (else the configured paths, else the current folder)."""
    targets = targets_of(paths, config)
    sources, refused = discover(targets, excluder(config.exclude, config.folder), os.getcwd())
    return lint_sources(sources, refused, targets, config, debug, progress)


def lint_sources(
    sources: Sequence[Source],
    refused: list[Finding],
    targets: Sequence[str],
    config: Config,
    debug: bool = False,
    progress: ProgressHook = _silent,
    fetch: Fetcher = fetch_source,
) -> Report:
    """Lint files already found (on disk, or in git's object store for ``--base``).

    The cyclic garbage collector is paused for the run: the pipeline builds hundreds of
    thousands of small containers that reference counting frees (none form cycles worth
    collecting), and collecting them anyway costs about a seventh of a large run."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _pipeline(sources, refused, targets, config, debug, progress, fetch)
    finally:
        if collecting:
            gc.enable()


def _pipeline(
    sources: Sequence[Source],
    refused: list[Finding],
    targets: Sequence[str],
    config: Config,
    debug: bool,
    progress: ProgressHook,
    fetch: Fetcher,
) -> Report:
    cache = Cache(config.folder, config.bounds) if config.cache and fetch is fetch_source else None
    merged, problems, documents, unread = read_all(sources, config, debug, progress, fetch, cache)
    problems = refused + problems
    unread += len(refused)
    if not merged and not problems:
        raise GovernanceLintError(f"no governance files under {' '.join(targets)}")
    org = merge(merged, unread, config.bounds.max_scalar_shown)
    org.problems[:0] = problems
    org.suppressions = read_suppressions(org)
    enabled = config.enabled_rules()
    first = [rule for rule in enabled if not getattr(rule, "AFTER_SUPPRESSIONS", False)]
    ran = _Counter(progress, len(enabled))
    found = _run(first, org, config, ran)
    findings, suppressed = apply_suppressions(found, org.suppressions, config.rules, config.today)
    findings.extend(_run([rule for rule in enabled if rule not in first], org, config, ran))
    findings.sort(key=Finding.sort_key)
    suppressed.sort(key=lambda item: item.finding.sort_key())
    return Report(findings, suppressed, len(sources) + len(refused), documents, org, config)


@dataclass
class _Counter:
    """Counts rules run across both passes, for the progress hook."""

    progress: ProgressHook
    total: int
    done: int = 0

    def tick(self) -> None:
        self.done += 1
        self.progress("rules run", self.done, self.total)


def _run(
    rules: Sequence[ModuleType], org: Organization, config: Config, ran: _Counter
) -> list[Finding]:
    """Every finding of ``rules``, with its severity, name, and control characters escaped."""
    found: list[Finding] = []
    for rule in rules:
        severity = config.severity_of(rule)
        found.extend(
            replace(
                finding,
                severity=severity,
                name=rule.NAME,
                message=escape_controls(finding.message),
                help=escape_controls(finding.help),
            )
            for finding in rule.check(org, config)
        )
        ran.tick()
    return found
