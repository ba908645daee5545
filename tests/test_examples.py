"""The bundled examples tell their stories: before/ gives what its README lists,
after/ and healthy/ give nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from governance_lint.rules import ALL_RULES

from helpers import EXAMPLES, example_names, invoke_json

STORIES = [EXAMPLES / name for name in example_names() if (EXAMPLES / name / "before").is_dir()]
IMPLEMENTED = {rule.code for rule in ALL_RULES}


def listed_findings(readme: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """The rows of the README's "Expected findings" table: (code, location, entities)."""
    text = readme.read_text(encoding="utf-8").split("## Expected findings", 1)[1]
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"[A-Z]{2}\d{3}", cells[0]):
            entities = tuple(e.strip() for e in cells[2].split(",") if e.strip())
            rows.append((cells[0], cells[1], entities))
    return sorted(rows)


def test_there_are_five_stories_and_a_healthy_organization() -> None:
    assert [p.name for p in STORIES] == [
        "board-and-committees",
        "logistics-expansion",
        "open-source-foundation",
        "professional-services-bottleneck",
        "series-c-saas",
    ]
    assert (EXAMPLES / "healthy" / "README.md").is_file()


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_before_gives_exactly_the_findings_its_readme_lists(story: Path) -> None:
    expected = [row for row in listed_findings(story / "README.md") if row[0] in IMPLEMENTED]
    data = invoke_json("before", cwd=story)
    observed = sorted(
        (f["code"], f"{f['file']}:{f['line']}:{f['column']}", tuple(f["entities"]))
        for f in data["findings"]
    )
    assert observed == expected


@pytest.mark.parametrize(
    "folder",
    [*(p / "after" for p in STORIES), EXAMPLES / "healthy"],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_fixed_and_healthy_organizations_give_no_finding_at_all(folder: Path) -> None:
    data = invoke_json(str(folder))
    assert data["findings"] == [] and data["summary"]["error"] == 0
