"""The rule registry: one module per rule, in code order (a test checks the catalogue)."""

from __future__ import annotations

from types import ModuleType

from governance_lint.rules import (
    cd001_decision_never_reviewed,
    cd002_cadence_without_chair,
    cd003_idle_cadence,
    cd004_metric_without_owner,
    cd005_metric_never_reviewed,
    cd006_missing_operating_rhythm,
    cd007_owner_absent_from_review,
    cd008_no_leading_indicators,
    cd009_meeting_overload,
    dl001_consensus_deadlock,
    dr001_missing_owner,
    dr002_joint_ownership,
    dr003_team_owner,
    dr004_vacant_owner,
    es001_no_escalation_path,
    es002_escalation_cycle,
    es003_self_escalation,
    es005_vacant_escalation,
    gl001_yaml_syntax,
    gl002_schema_violation,
    gl003_duplicate_key,
    gl004_duplicate_id,
    gl005_unknown_reference,
    gl006_unsafe_yaml,
    gl008_missing_version,
    or001_reporting_cycle,
    rd001_handoff_without_ready,
    rd002_empty_ready,
    rd003_ready_without_acceptor,
)

FAMILIES = ("GL", "DR", "ES", "DL", "RD", "CD", "OR")

ALL_RULES: tuple[ModuleType, ...] = tuple(
    sorted(
        (
            gl001_yaml_syntax,
            gl002_schema_violation,
            gl003_duplicate_key,
            gl004_duplicate_id,
            gl005_unknown_reference,
            gl006_unsafe_yaml,
            gl008_missing_version,
            dr001_missing_owner,
            dr002_joint_ownership,
            dr003_team_owner,
            dr004_vacant_owner,
            es001_no_escalation_path,
            es002_escalation_cycle,
            es003_self_escalation,
            es005_vacant_escalation,
            dl001_consensus_deadlock,
            rd001_handoff_without_ready,
            rd002_empty_ready,
            rd003_ready_without_acceptor,
            cd001_decision_never_reviewed,
            cd002_cadence_without_chair,
            cd003_idle_cadence,
            cd004_metric_without_owner,
            cd005_metric_never_reviewed,
            cd006_missing_operating_rhythm,
            cd007_owner_absent_from_review,
            cd008_no_leading_indicators,
            cd009_meeting_overload,
            or001_reporting_cycle,
        ),
        key=lambda rule: (FAMILIES.index(rule.CODE[:2]), rule.CODE),
    )
)


def find(code_or_name: str) -> ModuleType | None:
    """A rule by its code or name, ignoring case."""
    wanted = code_or_name.strip().lower()
    return next((rule for rule in ALL_RULES if wanted in (rule.CODE.lower(), rule.NAME)), None)
