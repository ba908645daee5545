"""Records files at scale: a document handed back by the forked reader keeps its entries'
key positions (a finding on each of thousands of stale records must not parse the file
again), and findings in a records file point where they should."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from governance_lint.bounds import Bounds
from governance_lint.findings import Location
from governance_lint.reading.loader import parse

from helpers import run_cli

RECORDS = (
    "governance: 1\n"
    "records:\n"
    "  r1: {decision: d-1, raised: 2026-01-02, escalated_to: [a, b-c]}\n"
    "  r2: {decision: d-2, raised: 2026-01-03}\n"
)


def test_a_pickled_document_finds_its_entries_keys_without_parsing_again() -> None:
    doc = parse("r.yaml", RECORDS, Bounds())
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.key_location(("records", "r2")) == Location("r.yaml", 4, 3)
    assert copy.key_location(("records", "r2")).width == 2
    assert copy.spans._tables is None  # answered from the entries' keys it carried
    assert copy.field_location(("records", "r2", "raised")) == Location("r.yaml", 4, 31)


REGISTER = """governance: 1
organization: {name: Acme, final_authority: ceo}
people:
  priya: {name: Priya Raman}
roles:
  ceo: {title: Chief Executive Officer, holder: priya}
decisions:
  roadmap:
    title: What the roadmap holds
    owner: ceo
"""


def test_findings_in_a_records_file_point_at_the_value_and_the_second_key(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(REGISTER)
    (tmp_path / "records.yaml").write_text(
        "governance: 1\n"
        "records:\n"
        "  r1: {decision: roadmap, raised: 2026-05-02, decided: 2026-05-12, decided_by: ceo}\n"
        "  r2: {decision: pricing, raised: 2026-05-03}\n"
    )
    (tmp_path / "twice.yaml").write_text(
        "governance: 1\nrecords:\n"
        "  r3: {decision: roadmap, raised: 2026-05-04, raised: 2026-05-05}\n"
    )
    result = run_cli("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = {
        (f["code"], f["file"], f["line"], f["column"])
        for f in json.loads(result.stdout)["findings"]
        if f["code"] in ("GL003", "GL005")
    }
    assert found == {("GL005", "records.yaml", 4, 18), ("GL003", "twice.yaml", 3, 47)}
