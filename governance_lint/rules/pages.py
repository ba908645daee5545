"""Rule documentation pages: each rule's docstring is its page (``explain``, ``rules/``)."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from governance_lint.config import plain_number
from governance_lint.rules._rule import Rule


def summary(rule: Rule) -> str:
    """The page's first line: what the rule flags, in one sentence."""
    return inspect.cleandoc(rule.doc or "").split("\n", 1)[0]


def page(rule: Rule) -> str:
    """The whole page in Markdown: a heading, the defaults, then the docstring."""
    body = inspect.cleandoc(rule.doc or "")
    first, _, rest = body.partition("\n")
    facts = [f"Default severity: `{rule.severity}`."]
    for name, value in rule.thresholds.items():
        facts.append(f"Threshold: `{name}` (default {plain_number(value)}); it fires above it.")
    return f"# {rule.code} {rule.name}\n\n{first}\n\n{' '.join(facts)}\n{rest}\n"


def file_name(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}.md"


def write_pages(folder: Path) -> None:
    """Write every rule's page into ``folder``, removing pages of rules that no longer exist."""
    from governance_lint.rules import ALL_RULES
    from governance_lint.writing import write_file

    folder.mkdir(parents=True, exist_ok=True)
    wanted = {file_name(rule): page(rule) for rule in ALL_RULES}
    for stale in folder.glob("*.md"):
        if stale.name not in wanted and stale.name != "README.md":
            stale.unlink()
    for name, text in wanted.items():
        write_file(str(folder / name), text.encode("utf-8"))


if __name__ == "__main__":  # python -m governance_lint.rules.pages rules/
    write_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "rules"))
