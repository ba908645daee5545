"""Scaffold a rule: its module (page, check, declaration), its two fixtures and its page.

    python scripts/new_rule.py DR015 owner-without-deputy [--severity warning] [--root .]

Adding a rule touches one folder: the module under governance_lint/rules/ is found by
the registry; tests/rules/CODE/{fail,pass}.yaml are picked up by the fixture tests;
rules/CODE-name.md is the module's docstring as ``explain`` prints it. The check it
writes is a placeholder that works (a decision without a `scope`), so every generated
test passes before the real condition replaces it. Existing files are never overwritten.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule, Severity
from governance_lint.rules.pages import file_name, page

ROOT = Path(__file__).resolve().parent.parent

MODULE = '''"""A decision without a `scope` (replace: what {code} flags, in one sentence).

## What it does

Reports a decision that has no `scope`, at the decision's key. (Replace: the exact
condition, where the finding points, and which entities it names.)

## Why is this bad?

(Replace: what goes wrong in an organization that has this fault, and for whom.)

## Example

```yaml
governance: 1
people:
  lee: {{name: Lee Chen}}
roles:
  cpo: {{title: Chief Product Officer, holder: lee}}
decisions:
  roadmap:
    title: What the roadmap holds
    owner: cpo
```

## Fix

```yaml
governance: 1
people:
  lee: {{name: Lee Chen}}
roles:
  cpo: {{title: Chief Product Officer, holder: lee}}
decisions:
  roadmap:
    title: What the roadmap holds
    scope: roadmap
    owner: cpo
```
"""

from __future__ import annotations

from collections.abc import Iterator

from governance_lint.config import Config
from governance_lint.findings import Finding
from governance_lint.model.organization import Organization
from governance_lint.rules._rule import Rule

CODE = "{code}"


def check(org: Organization, config: Config) -> Iterator[Finding]:
    for decision in org.decisions.values():
        if "scope" not in decision.data:
            yield Finding(
                CODE,
                decision.locate(),
                f"decision `{{decision.id}}` has no `scope`",
                f"give `{{decision.id}}` a `scope`",
                entities=(decision.id,),
            )


RULE = Rule(
    code=CODE,
    name="{name}",
    severity="{severity}",
    check=check,
    doc=__doc__,
)
'''

# `# expect: CODE:COLUMN entity...` on the line the finding points at.
FAIL = """governance: 1
people:
  lee: {{name: Lee Chen}}
roles:
  cpo: {{title: Chief Product Officer, holder: lee}}
decisions:
  roadmap:  # expect: {code}:3 roadmap
    title: What the roadmap holds
    owner: cpo
"""

PASS = """governance: 1
people:
  lee: {name: Lee Chen}
roles:
  cpo: {title: Chief Product Officer, holder: lee}
decisions:
  roadmap:
    title: What the roadmap holds
    scope: roadmap
    owner: cpo
"""


def _unused(org: Organization, config: Config) -> Iterator[Finding]:
    """The stand-in check of the declaration the page is written from; never run."""
    return iter(())


def _severity(text: str) -> Severity:
    if text not in ("error", "warning", "info"):
        raise ValueError(f"severity `{text}` is not error, warning or info")
    return text  # type: ignore[return-value]


def module_name(code: str, name: str) -> str:
    """The module's file name, which the registry requires to start with the code."""
    return f"{code.lower()}_{name.replace('-', '_')}.py"


def scaffold(code: str, name: str, severity: str, root: Path) -> list[Path]:
    """Write the four files under ``root``; the paths written, in order."""
    source = MODULE.format(code=code, name=name, severity=severity)
    doc = source.split('"""', 2)[1]
    # The declaration checks code, family and name before anything is written; its page
    # is the one the module will give (pages.page reads only the declaration).
    rule = Rule(code=code, name=name, severity=_severity(severity), check=_unused, doc=doc)
    files = {
        root / "governance_lint" / "rules" / module_name(code, name): source,
        root / "tests" / "rules" / code / "fail.yaml": FAIL.format(code=code),
        root / "tests" / "rules" / code / "pass.yaml": PASS,
        root / "rules" / file_name(rule): page(rule),
    }
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise FileExistsError(f"already there: {', '.join(existing)}")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("code", help="the new code, e.g. DR015 (a known family, 3 digits)")
    parser.add_argument("name", help="the new name, lower-case-with-dashes")
    parser.add_argument("--severity", choices=("error", "warning", "info"), default="warning")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the repository (default: this one)"
    )
    options = parser.parse_args(argv)
    try:
        written = scaffold(options.code, options.name, options.severity, options.root)
    except (ValueError, FileExistsError) as error:
        print(f"new_rule: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    print(
        "next: write the check, its page (the docstring) and the fixtures; add the rule "
        "to the catalogue test and the README's list; then run "
        "`python -m governance_lint.rules.pages rules`",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
