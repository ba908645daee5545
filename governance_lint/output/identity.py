"""A finding's identity: what stays the same about it when entries move.

SARIF fingerprints and ``--base`` compare findings by it, never by line. The identity is
the code plus a subject, joined by line feeds, then ``#2``, ``#3``... for the second and
later findings of a run that share one, in sort order.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Mapping, Sequence

from governance_lint.document import Document, node_at
from governance_lint.findings import Finding, NodePath
from governance_lint.rules import ALL_RULES
from governance_lint.rules._rule import Identity

# Each rule declares what identifies its findings; a code outside the catalogue (a
# finding built by hand) is identified as most rules' findings are.
_IDENTITY: dict[str, Identity] = {rule.code: rule.identity for rule in ALL_RULES}


def project_path(file: str, project_root: str, cwd: str | None = None) -> str:
    """A path as shown (relative to ``cwd``) made relative to the project root, with ``/``."""
    if cwd is not None:
        return _project_path(file, os.path.abspath(project_root), os.path.abspath(cwd))
    absolute = os.path.normpath(os.path.join(cwd or os.getcwd(), file))
    relative = os.path.relpath(absolute, os.path.abspath(project_root))
    return relative.replace(os.sep, "/")


@functools.lru_cache(maxsize=4096)
def _project_path(file: str, project_root: str, cwd: str) -> str:
    """``project_path`` with both folders absolute: the same for the same arguments, so a
    run that identifies many findings in a few files works each path out once."""
    absolute = os.path.normpath(os.path.join(cwd, file))
    return os.path.relpath(absolute, project_root).replace(os.sep, "/")


def json_pointer(path: NodePath) -> str:
    """The RFC 6901 JSON Pointer of a node path: ``("roles", "a/b", 0)`` -> ``/roles/a~1b/0``."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def subject(
    finding: Finding,
    documents: Mapping[str, Document],
    project_root: str,
    cwd: str | None = None,
) -> tuple[str, ...]:
    """The subject parts of a finding's identity, by what the rule declares it is about."""
    entities, location = finding.entities, finding.location
    identity = _IDENTITY.get(finding.code, "first-entity")
    if identity == "loop" and entities:
        return tuple(sorted(set(entities)))
    if identity == "scope":
        doc = documents.get(location.file)
        scope = node_at(doc.data, location.path)[1] if doc is not None else None
        if isinstance(scope, str | int | float) and not isinstance(scope, bool):
            return (str(scope),)
    if identity == "first-two" and entities:
        return tuple(entities[:2])
    if identity == "every-entity":
        return tuple(sorted(entities))
    if identity == "nothing" or (identity == "first-entity-or-nothing" and not entities):
        return ()
    if identity == "location" or not entities:
        return (project_path(location.file, project_root, cwd), json_pointer(location.path))
    return (entities[0],)


def identities(
    findings: Sequence[Finding],
    documents: Mapping[str, Document],
    project_root: str,
    cwd: str | None = None,
) -> list[str]:
    """The identity of each finding, in the order given; repeats numbered in sort order."""
    plain = [
        "\n".join((finding.code, *subject(finding, documents, project_root, cwd)))
        for finding in findings
    ]
    order = sorted(range(len(findings)), key=lambda index: findings[index].sort_key())
    seen: dict[str, int] = {}
    numbered = list(plain)
    for index in order:
        count = seen.get(plain[index], 0) + 1
        seen[plain[index]] = count
        if count > 1:
            numbered[index] = f"{plain[index]}#{count}"
    return numbered


def fingerprint(identity: str) -> str:
    """The lowercase hexadecimal SHA-256 of the identity's UTF-8 text."""
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
