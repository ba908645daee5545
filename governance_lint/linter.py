"""lint(paths, config) -> Result: the pipeline, in order, and nothing else.

discover -> read -> classify -> validate -> merge -> rules -> suppressions -> sort
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from governance_lint._speed import collector_paused, in_parallel
from governance_lint.config import Config
from governance_lint.display import escape_controls
from governance_lint.findings import Finding, GovernanceLintError
from governance_lint.model.organization import Organization, merge
from governance_lint.reading.cache import Cache
from governance_lint.reading.discover import Source, discover
from governance_lint.reading.exclude import excluder
from governance_lint.reading.loader import fetch_source
from governance_lint.reading.read_all import Fetcher, read_all
from governance_lint.result import Result
from governance_lint.rules._rule import Rule
from governance_lint.suppressions import apply_suppressions, read_suppressions

# progress(stage, done, total): told after each file read and each rule run.
ProgressHook = Callable[[str, int, int], None]


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress hook: say nothing."""


def targets_of(paths: Sequence[str], config: Config) -> list[str]:
    """What a run lints: ``paths``, else the configured paths, else the current folder."""
    return list(paths) or list(config.paths) or ["."]


def lint(
    paths: Sequence[str], config: Config, debug: bool = False, progress: ProgressHook = _silent
) -> Result:
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
) -> Result:
    """Lint files already found (on disk, or in git's object store for ``--base``).

    The cyclic garbage collector is paused for the run: the pipeline builds hundreds of
    thousands of small containers that reference counting frees (none form cycles worth
    collecting), and collecting them anyway costs about a seventh of a large run."""
    with collector_paused():
        return _pipeline(sources, refused, targets, config, debug, progress, fetch)


def _pipeline(
    sources: Sequence[Source],
    refused: list[Finding],
    targets: Sequence[str],
    config: Config,
    debug: bool,
    progress: ProgressHook,
    fetch: Fetcher,
) -> Result:
    cache = Cache(config.folder, config.bounds) if config.cache and fetch is fetch_source else None
    reading = read_all(sources, config, debug, progress, fetch, cache)
    problems = refused + reading.problems
    unread = reading.unread + len(refused)
    merged, documents = reading.merged, reading.documents
    if not merged and not problems:
        raise GovernanceLintError(f"no governance files under {' '.join(targets)}")
    org = merge(merged, unread, config.bounds.max_scalar_shown)
    org.problems[:0] = problems
    org.suppressions = read_suppressions(org)
    enabled = config.enabled_rules()
    first = [rule for rule in enabled if rule.phase != "after-suppressions"]
    ran = _Counter(progress, len(enabled))
    found = _run_shared(first, org, config, ran)
    findings, suppressed = apply_suppressions(found, org.suppressions, config.rules, config.today)
    findings.extend(_run([rule for rule in enabled if rule not in first], org, config, ran))
    findings.sort(key=Finding.sort_key)
    suppressed.sort(key=lambda item: item.finding.sort_key())
    return Result(findings, suppressed, reading.files + len(refused), documents, org, config)


@dataclass
class _Counter:
    """Counts rules run across both passes, for the progress hook."""

    progress: ProgressHook
    total: int
    done: int = 0

    def tick(self) -> None:
        self.done += 1
        self.progress("rules run", self.done, self.total)


# From this many entries, the rules declared `cost="forked"` run in a forked child while
# the others run here (_speed.py); that share was measured to take half the rules' time
# on a large organization.
PARALLEL_FROM_ENTRIES = 5000


def _run_shared(
    rules: Sequence[Rule], org: Organization, config: Config, ran: _Counter
) -> list[Finding]:
    """``_run`` on two cores for a large organization; the same findings either way."""
    if len(org.entities) < PARALLEL_FROM_ENTRIES:
        return _run(rules, org, config, ran)
    there = [rule for rule in rules if rule.cost == "forked"]
    here = [rule for rule in rules if rule not in there]
    import networkx  # noqa: F401 - both sides use it: imported once, before the fork

    mine, theirs = in_parallel(
        lambda: _run(here, org, config, ran),
        lambda: _run(there, org, config, _Counter(_silent, len(there))),
    )
    for _ in there:
        ran.tick()
    return mine + theirs


def _run(rules: Sequence[Rule], org: Organization, config: Config, ran: _Counter) -> list[Finding]:
    """Every finding of ``rules``, with its severity, name, and control characters escaped."""
    found: list[Finding] = []
    for rule in rules:
        severity = config.severity_of(rule)
        found.extend(
            replace(
                finding,
                severity=severity,
                name=rule.name,
                message=escape_controls(finding.message),
                help=escape_controls(finding.help),
            )
            for finding in rule.check(org, config)
        )
        ran.tick()
    return found
