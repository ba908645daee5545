"""Bad input is a finding with file, line and column, never a traceback; the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke, lint_paths

VALID = "governance: 1\npeople:\n  ana: {name: Ana Lima}\n"


def findings_for(
    tmp_path: Path, name: str, content: bytes | str, *options: str
) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    """Lint ``content`` beside a valid file; the valid one must still be read."""
    (tmp_path / "valid.yaml").write_text(VALID, encoding="utf-8")
    target = tmp_path / name
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    result = invoke("check", "--format", "json", *options, ".", cwd=tmp_path)
    assert "Traceback" not in result.stderr and result.stderr == "", result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 2
    return result.returncode, [f for f in data["findings"] if f["file"] == name]


def where(findings: list[dict]) -> list[tuple[str, int, int]]:  # type: ignore[type-arg]
    return [(f["code"], f["line"], f["column"]) for f in findings]


CASES = {
    "tab indentation": ("governance: 1\npeople:\n\tana: {name: Ana}\n", [("GL001", 3, 1)]),
    "unclosed bracket": ("governance: 1\npeople:\n  ana: {name: Ana\n", [("GL001", 4, 1)]),
    "binary bytes": (b"governance: 1\n\x89PNG\r\n\x1a\n\x00\x00", [("GL006", 2, 1)]),
    "python object tag": (
        "governance: 1\npeople:\n  ana: !!python/object/apply:os.system [ls]\n",
        [("GL006", 3, 8)],
    ),
    "two documents": ("governance: 1\n---\ngovernance: 1\n", [("GL006", 2, 1)]),
    "10 000 nested brackets": (
        "governance: 1\nx-deep: " + "[" * 10_000 + "\n",
        [("GL006", 2, 72)],
    ),  # depth 65: the 64th `[` after the top-level mapping
    "alias bomb": (
        "governance: 1\nx-a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"x-{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n"
            for i in range(6)
        ),
        [("GL006", 5, 38)],
    ),  # the 8th `*c` takes expansion past 10 000
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_or_broken_input_is_one_finding_at_the_right_place(
    case: str, tmp_path: Path
) -> None:
    content, expected = CASES[case]
    status, findings = findings_for(tmp_path, "broken.yaml", content)
    assert (status, where(findings)) == (1, expected)


SECTIONS = {
    "organization": ("organization:\n  name: Acme\n  final_authorty: ceo\n", 3, 3),
    "people": ("people:\n  ana:\n    name: Ana\n    emial: ana@example.com\n", 4, 5),
    "roles": ("roles:\n  ceo:\n    title: CEO\n    reports: board\n", 4, 5),
    "teams": ("teams:\n  ops:\n    name: Ops\n    leader: ceo\n", 4, 5),
    "decisions": ("decisions:\n  pricing:\n    title: Prices\n    ownr: ceo\n", 4, 5),
    "ready": ("ready:\n  prd:\n    artifact: PRD\n    criterias: [a]\n", 4, 5),
    "cadences": ("cadences:\n  weekly:\n    title: Weekly\n    chairs: ceo\n", 4, 5),
    "metrics": ("metrics:\n  nps:\n    title: NPS\n    kinds: leading\n", 4, 5),
}

WRONG_TYPES = {
    "organization": ("organization:\n  name: Acme\n  final_authority: [ceo]\n", 3, 20),
    "people": ("people:\n  ana:\n    name: [Ana]\n", 3, 11),
    "roles": ("roles:\n  ceo:\n    title: CEO\n    holder: {id: ana}\n", 4, 13),
    "teams": ("teams:\n  ops:\n    name: Ops\n    members: ceo\n", 4, 14),
    "decisions": ("decisions:\n  pricing:\n    title: Prices\n    quorum: two\n", 4, 13),
    "ready": ("ready:\n  prd:\n    artifact: PRD\n    criteria: {a: b}\n", 4, 15),
    "cadences": ("cadences:\n  weekly:\n    title: Weekly\n    every: 7\n", 4, 12),
    "metrics": ("metrics:\n  nps:\n    title: NPS\n    kind: 3\n", 4, 11),
}


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_an_unknown_field_in_every_section_is_gl002_at_its_key(
    section: str, tmp_path: Path
) -> None:
    body, line, column = SECTIONS[section]
    status, findings = findings_for(
        tmp_path, "org.yaml", "governance: 1\n" + body, "--select", "GL"
    )
    assert (status, where(findings)) == (1, [("GL002", line + 1, column)])
    assert "unknown field" in findings[0]["message"]


@pytest.mark.parametrize("section", sorted(WRONG_TYPES))
def test_a_wrong_typed_value_in_every_section_is_gl002_at_the_value(
    section: str, tmp_path: Path
) -> None:
    body, line, column = WRONG_TYPES[section]
    status, findings = findings_for(
        tmp_path, "org.yaml", "governance: 1\n" + body, "--select", "GL"
    )
    assert (status, where(findings)) == (1, [("GL002", line + 1, column)])


def test_yaml_11_traps_say_what_was_written_and_how_to_quote_it(tmp_path: Path) -> None:
    _, findings = findings_for(
        tmp_path,
        "org.yaml",
        "governance: 1\ndecisions:\n  d:\n    title: 010\n    owner: no\n    decide_within: 1:30\n",
        "--select",
        "GL",
    )
    messages = [f["message"] for f in findings]
    assert messages == [
        "`no` was read as false; write `'no'`",
        "`1:30` was read as the number 90; write `'1:30'`",
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the list that held `no` is replaced by an empty one: nothing to restore into
        ("ready:\n  r:\n    artifact: Brief\n    criteria: [no]\n    criteria: []\n", 6),
        # `no` was written in the value that was replaced; `ana` is what YAML keeps
        ("decisions:\n  d:\n    title: D\n    owner: no\n    owner: ana\n", 6),
        # so was a value its tag could not read
        ("decisions:\n  d:\n    title: D\n    owner: !!float x\n    owner: ana\n", 6),
    ],
)
def test_a_duplicate_key_leaves_nothing_of_the_value_it_replaced(
    body: str, expected: int, tmp_path: Path
) -> None:
    """Only GL003: no crash, and no YAML 1.1 trap or bad tag reported for a value that is
    gone (it would point at the value that replaced it)."""
    _, findings = findings_for(tmp_path, "org.yaml", "governance: 1\n" + body, "--select", "GL")
    assert where(findings) == [("GL003", expected, 5)]


def test_text_written_in_a_replaced_value_is_not_restored_into_the_new_one(
    tmp_path: Path,
) -> None:
    (tmp_path / "org.yaml").write_text(
        "governance: 1\ndecisions:\n  d:\n    title: 010\n    title: Pricing\n    owner: ana\n",
        encoding="utf-8",
    )
    report = lint_paths([tmp_path], select=["GL"])
    assert report.org.entities["d"].data["title"] == "Pricing"


@pytest.mark.parametrize("written", ["1.0", "1.10", '"1"', "2"])
def test_a_version_other_than_the_integer_1_is_unsupported_and_not_merged(
    written: str, tmp_path: Path
) -> None:
    _, findings = findings_for(
        tmp_path, "org.yaml", f"governance: {written}\ndecisions:\n  d: {{title: x}}\n"
    )
    assert where(findings) == [("GL002", 1, 13)]
    assert "unsupported version" in findings[0]["message"]


def test_a_file_that_cannot_be_read_is_gl006_and_the_run_goes_on(tmp_path: Path) -> None:
    """/proc/self/mem is a regular file whose first bytes fail to read (EIO) even for root,
    unlike a file without read permission."""
    (tmp_path / "valid.yaml").write_text(VALID, encoding="utf-8")
    result = invoke(
        "check", "--format", "json", "--select", "GL", "/proc/self/mem", ".", cwd=tmp_path
    )
    assert result.returncode == 1 and result.stderr == ""
    data = json.loads(result.stdout)
    [finding] = data["findings"]
    assert (finding["code"], finding["line"], finding["column"]) == ("GL006", 1, 1)
    assert finding["message"].startswith("cannot be read") and data["summary"]["files"] == 2
