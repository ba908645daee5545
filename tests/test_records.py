"""Decision records in a `records` section and in decision memos: read, checked at the
exact line and column, and typed for the indicators. Expected positions are counted by
hand from the inputs below."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from governance_lint.bounds import Bounds
from governance_lint.result import Result

from corpus import FILES, load_cases
from helpers import lint_paths, lint_text, run_cli

REGISTER = """\
governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya}
  lee: {name: Lee}
roles:
  ceo: {title: CEO, holder: priya}
  cpo: {title: CPO, holder: lee, reports_to: ceo}
cadences:
  mor: {title: Monthly review, every: monthly, chair: ceo}
decisions:
  roadmap: {title: Roadmap, owner: cpo, decide_within: 5d, reviewed_in: [mor]}
"""


def found(result: Result) -> list[tuple[str, str, int, int]]:
    return [(f.code, f.location.file, f.location.line, f.location.column) for f in result.findings]


def gl(result: Result) -> list[tuple[str, str, int, int]]:
    return [item for item in found(result) if item[0].startswith("GL")]


def test_records_section_checked_at_exact_positions() -> None:
    text = REGISTER + (
        "records:\n"  # line 13
        "  r1: {decision: roadmap, raised: 2026-11-03, decided: 2026-11-05, decided_by: cpo}\n"
        "  r2: {decision: roadmap, raised: '2026-02-30'}\n"
        "  r3: {decision: roadmp, raised: 2026-11-03}\n"
        "  r4: {decision: roadmap, raised: 2026-11-03, decided: 2026-11-01}\n"
        "  r5: {decision: roadmap, raised: 2026-11-03, reverses: r5}\n"
        "  r6: {decision: roadmap, raised: 2026-11-03, decided_by: lea, meeting: mox}\n"
        "  r7: {decision: roadmap, raised: 2026-11-03 10:00, reverses: r9}\n"
        "  r8: {decision: roadmap, raised: 2026-11-04, escalated_to: [ceo], reverses: r1}\n"
    )
    result = lint_text(text)
    assert gl(result) == [
        ("GL002", "org.yaml", 15, 35),  # 2026-02-30 is no date
        ("GL005", "org.yaml", 16, 18),  # roadmp
        ("GL002", "org.yaml", 17, 56),  # decided before raised
        ("GL002", "org.yaml", 18, 57),  # reverses itself
        ("GL005", "org.yaml", 19, 59),  # lea
        ("GL005", "org.yaml", 19, 73),  # mox
        ("GL002", "org.yaml", 20, 35),  # not YYYY-MM-DD
        ("GL005", "org.yaml", 20, 63),  # r9 is no record
    ]
    messages = {(f.location.line, f.location.column): f for f in result.findings}
    assert "did you mean `roadmap`?" in messages[16, 18].help
    assert messages[16, 18].entities == ("r3", "roadmp")
    assert messages[15, 35].entities == ("r2",)
    records = result.org.records
    # unknown decision and unsound dates are left out; unknown references read as absent
    assert sorted(records) == ["r1", "r5", "r6", "r8"]
    assert records["r1"].raised == dt.date(2026, 11, 3)
    assert records["r1"].decided == dt.date(2026, 11, 5)
    assert records["r1"].decided_by == "cpo"
    assert records["r6"].decided_by is None and records["r6"].meeting is None
    assert records["r8"].escalated_to == ("ceo",) and records["r8"].reverses == "r1"
    assert records["r5"].reverses is None


def test_record_ids_clash_only_with_records() -> None:
    result = lint_text(
        {
            "a.yaml": REGISTER + "records:\n  roadmap: {decision: roadmap, raised: 2026-11-03}\n",
            "b.yaml": (
                "governance: 1\nrecords:\n  roadmap: {decision: roadmap, raised: 2026-11-04}\n"
            ),
        }
    )
    assert gl(result) == [("GL004", "b.yaml", 3, 3)]
    assert result.org.records["roadmap"].raised == dt.date(2026, 11, 3)


MEMO = (
    "---\n"
    "governance: 1\n"
    "record:\n"
    "  decision: roadmap\n"
    "  raised: 2026-11-10\n"
    "  decided: 2026-11-12\n"
    "  decided_by: ceo\n"
    "---\n"
    "# Roadmap memo\n"
    "\n"
    "governance: this line is the memo's text, never read\n"
)


def test_a_memo_is_one_record_named_after_its_file() -> None:
    result = lint_text({"org.yaml": REGISTER, "memos/Q4-Roadmap.md": MEMO})
    assert gl(result) == []
    record = result.org.records["q4-roadmap"]
    assert record.decided_by == "ceo" and record.decided == dt.date(2026, 11, 12)
    assert (record.locate().line, record.locate().column) == (3, 1)


@pytest.mark.parametrize(
    ("memo", "expected"),
    [
        # an unknown key in the front matter, and a section
        (MEMO.replace("  decided_by: ceo\n", "  decided_by: ceo\n  bogus: 1\n"), ("GL002", 8, 3)),
        (MEMO.replace("record:\n", "people: {}\nrecord:\n"), ("GL002", 3, 1)),
        # a date, counted in the markdown file: the front matter starts at line 2
        (MEMO.replace("2026-11-12", "2026-13-01"), ("GL002", 6, 12)),
        (MEMO.replace("decided_by: ceo", "decided_by: cfo"), ("GL005", 7, 15)),
        # no closing line: the file's last line, column 1
        (MEMO.replace("---\n#", "#"), ("GL001", 10, 1)),
        # the hostile reading rules apply inside the front matter
        (
            MEMO.replace("decided_by: ceo", "decided_by: !!python/name:os.system ceo"),
            ("GL006", 7, 15),
        ),
        (MEMO.replace("  raised", "\traised"), ("GL001", 5, 1)),
        # CR LF lines and a byte order mark
        (
            "\ufeff" + MEMO.replace("\n", "\r\n").replace("2026-11-12", "2026-02-30"),
            ("GL002", 6, 12),
        ),
        # the version
        (MEMO.replace("governance: 1", "governance: 2"), ("GL002", 2, 13)),
    ],
)
def test_a_memo_finding_is_at_its_place_in_the_markdown_file(
    memo: str, expected: tuple[str, int, int]
) -> None:
    result = lint_text(
        {
            "org.yaml": REGISTER,
            "m.md": memo,
            "z.yaml": (
                "governance: 1\nrecords:\n  other: {decision: roadmap, raised: 2026-11-03}\n"
            ),
        }
    )
    code, line, column = expected
    assert [item for item in gl(result) if item[1] == "m.md"][:1] == [(code, "m.md", line, column)]
    assert "other" in result.org.records  # nothing lost from the other records


def test_a_memo_whose_name_is_not_an_id_is_gl002_at_record() -> None:
    result = lint_text({"org.yaml": REGISTER, "my memo.md": MEMO})
    assert gl(result) == [("GL002", "my memo.md", 3, 1)]
    assert result.org.records == {}


@pytest.mark.parametrize(
    "text",
    [
        "# A readme\n\ngovernance: 1\n",  # no front matter
        "--- \ngovernance: 1\n---\n",  # the first line is not exactly ---
        "---\ntitle: a blog post\n---\ntext\n",  # front matter without governance
        "---\n  governance: 1\n---\n",  # not at column 1
        "\xff\xfe not even text",
    ],
)
def test_other_markdown_is_skipped_silently(text: str, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(REGISTER)
    (tmp_path / "doc.md").write_bytes(
        text.encode("utf-8", "surrogateescape") if "\xff" not in text else b"\xff\xfe not text"
    )
    result = lint_paths([tmp_path])
    assert [f for f in result.findings if f.location.file == "doc.md"] == []
    assert "doc.md" not in [f.location.file for f in result.suppressed]


def test_files_count_memo_candidates_only(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(REGISTER)
    (tmp_path / "README.md").write_text("# Hello\n")
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\n")
    (tmp_path / "memo.md").write_text(MEMO)
    assert lint_paths([tmp_path]).files == 3


def test_a_linked_memo_is_skipped_in_a_walk_and_gl006_when_named(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(REGISTER)
    (tmp_path / "real.md").write_text(MEMO)
    os.symlink("real.md", tmp_path / "link.md")
    walked = lint_paths([tmp_path])
    assert gl(walked) == []
    named = run_cli("check", "org.yaml", "link.md", cwd=tmp_path)
    assert named.stdout.startswith("link.md:1:1: GL006 [error] symbolic link; not read")


def test_max_file_bytes_counts_up_to_the_closing_line(tmp_path: Path) -> None:
    # through the closing line, and longer than the register
    head = MEMO[: MEMO.index("# Roadmap")].replace("record:", "notes: " + "n" * 1000 + "\nrecord:")
    (tmp_path / "org.yaml").write_text(REGISTER)
    (tmp_path / "memo.md").write_text(head + "x" * 10_000)
    fits = lint_paths([tmp_path], bounds=Bounds(max_file_bytes=len(head)))
    assert gl(fits) == [] and "memo" in fits.org.records
    over = lint_paths([tmp_path], bounds=Bounds(max_file_bytes=len(head) - 1))
    assert gl(over) == [("GL006", "memo.md", 1, 1)]


def test_only_comments_in_the_front_matter_suppress() -> None:
    memo = MEMO.replace(
        "record:\n", "# governance-lint: disable=GL005 -- the CFO joins next month\nrecord:\n"
    ).replace("decided_by: ceo", "decided_by: cfo")
    result = lint_text({"org.yaml": REGISTER, "m.md": memo})
    assert gl(result) == []
    assert [item.finding.code for item in result.suppressed] == ["GL005"]
    after = MEMO.replace("decided_by: ceo", "decided_by: cfo") + (
        "# governance-lint: disable=GL005 -- not front matter\n"
    )
    assert gl(lint_text({"org.yaml": REGISTER, "m.md": after})) == [("GL005", "m.md", 7, 15)]


# every committed hostile input that is a governance file, put inside a memo's front
# matter: the same finding, one line further down (the opening `---` line comes first)
HOSTILE = [
    case
    for case in load_cases()
    if case.file
    and not case.build
    and not case.config
    and case.args == (".",)
    and case.only
    and len(case.expect) == 1
    and case.expect[0].code in ("GL001", "GL006")
    and case.expect[0].line >= 1
    and (FILES / case.file).is_file()
    and b"\ngovernance:" in b"\n" + (FILES / case.file).read_bytes()
    and not (FILES / case.file)
    .read_bytes()
    .startswith((b"\xef\xbb\xbf", b"\xff", b"\xfe", b"\x00"))
    and b"\n---" not in b"\n" + (FILES / case.file).read_bytes()
    and b"\r" not in (FILES / case.file).read_bytes()
]


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_hostile_front_matter(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = (FILES / case.file).read_bytes()
    body = raw if raw.endswith(b"\n") else raw + b"\n"
    memo = b"---\n" + body + b"---\n# text\n"
    result = lint_text(
        {
            "org.yaml": REGISTER + "records:\n  kept: {decision: roadmap, raised: 2026-11-03}\n",
            "memo.md": memo,
        }
    )
    expected = case.expect[0]
    got = [item for item in found(result) if item[1] == "memo.md"]
    assert got[:1] and got[0][0] == expected.code and got[0][2] == expected.line + 1, got
    if expected.column is not None:
        assert got[0][3] == expected.column
    assert "kept" in result.org.records


def test_check_reads_memos_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(REGISTER)
    (tmp_path / "m.md").write_text(MEMO.replace("decided_by: ceo", "decided_by: cfo"))
    (tmp_path / "README.md").write_text("# Hi\n")
    done = run_cli("check", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("m.md:7:15: GL005 [error] `decided_by` of record `m` names `cfo`")
    assert done.stdout.rstrip().endswith("files: 2")


def test_the_cache_and_base_read_memos_like_every_file(tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "org.yaml").write_text(REGISTER)
    (tmp_path / "m.md").write_text(MEMO.replace("decided_by: ceo", "decided_by: cfo"))
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    cold = run_cli("check", ".", cwd=tmp_path)
    warm = run_cli("check", ".", cwd=tmp_path)
    assert (tmp_path / ".governance-lint-cache").is_dir()
    assert cold.stdout == warm.stdout and "m.md:7:15: GL005" in warm.stdout
    (tmp_path / "n.md").write_text(MEMO.replace("2026-11-12", "2026-11-31"))
    new = run_cli("check", ".", "--base", "HEAD", "--format", "json", cwd=tmp_path)
    import json

    found = json.loads(new.stdout)["findings"]
    assert [(f["file"], f["line"], f["column"], f["code"]) for f in found] == [
        ("n.md", 6, 12, "GL002")
    ]
    # the memo's GL005 and the register's CD006 (no weekly or quarterly cadence)
    assert json.loads(new.stdout)["summary"]["base"]["persisting"] == 2
