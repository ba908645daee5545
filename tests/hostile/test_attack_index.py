"""Volume attacks on the organization's derived facts: managers, team deciders, owners.

Each fact is found once per organization (its ``Index``) and read from there; these
inputs made them cost the square of their size before. The tests count the Python
instructions the model executes for an input of size n and one of size 2n, never time:
linear code doubles, quadratic code quadruples.
"""

from __future__ import annotations

from pathlib import Path

from test_attack_volume import LINEAR, instructions, lint_file, team_deciding_everything

from governance_lint.model import cadences, escalation, graph, index, organization, terms

MODEL = (index, terms, graph, escalation, cadences, organization)


def line_overruled_from_the_bottom(count: int) -> str:
    """Roles ``r0001`` -> ... -> the top, each owning a decision the lowest role can
    override: DR009 asks, for every decision, whether the override is above its owner."""
    roles = "".join(
        f"  r{n:04}: {{title: R{n}, reports_to: r{n + 1:04}}}\n" for n in range(1, count)
    )
    roles += f"  r{count:04}: {{title: Top}}\n"
    decisions = "".join(
        f"  d{n:04}: {{title: D, owner: r{n:04}, override: r0001}}\n" for n in range(2, count + 1)
    )
    return f"governance: 1\nroles:\n{roles}decisions:\n{decisions}"


def test_managers_along_a_long_line_cost_its_length_once(tmp_path: Path) -> None:
    small, large = (
        instructions(
            MODEL,
            lambda count=count: lint_file(
                tmp_path / str(count), line_overruled_from_the_bottom(count), ["DR009"]
            ),
        )
        for count in (400, 800)
    )
    assert large < LINEAR * small, (small, large)


def test_a_team_deciding_every_decision_is_expanded_once(tmp_path: Path) -> None:
    small, large = (
        instructions(
            MODEL,
            lambda count=count: lint_file(
                tmp_path / str(count), team_deciding_everything(count), ["DL001", "DL003"]
            ),
        )
        for count in (200, 400)
    )
    assert large < LINEAR * small, (small, large)


def test_managers_answer_as_the_reporting_lines_say(tmp_path: Path) -> None:
    """A line into a loop: the loop's members are managers of every role that reaches it
    (of themselves too), a role below the loop of none of the roles of the loop."""
    lines = index.Lines({"a": "b", "b": "c", "c": "d", "d": "c", "e": None, "f": "e"})
    assert set(terms.Managers(lines, "a")) == {"b", "c", "d"}
    assert len(terms.Managers(lines, "a")) == 3
    assert set(terms.Managers(lines, "c")) == {"c", "d"}
    assert "a" not in terms.Managers(lines, "c")
    assert "e" in terms.Managers(lines, "f") and "f" not in terms.Managers(lines, "e")
    assert len(terms.Managers(lines, "e")) == 0
    assert terms.Managers(lines, "a") & {"b", "x"} == frozenset({"b"})
