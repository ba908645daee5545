"""The rule registry: one module per rule, in code order (a test checks the catalogue)."""

from __future__ import annotations

from types import ModuleType

from governance_lint.rules import (
    dl001_consensus_deadlock,
    dl002_multiple_vetoes,
    dl003_tie_possible,
    dl004_unreachable_quorum,
    dl005_dependency_cycle,
    dl006_open_ended_group_decision,
    dl007_vacant_casting_vote,
    dr001_missing_owner,
    dr002_joint_ownership,
    dr003_team_owner,
    dr004_vacant_owner,
    dr005_overlapping_scope,
    dr006_overloaded_owner,
    dr007_accountability_without_authority,
    dr008_approval_chain_too_long,
    dr009_override_not_above_owner,
    dr010_redundant_raci,
    dr011_self_approval,
    dr012_conflicting_incentives,
    dr013_signoff_bottleneck,
    dr014_consultation_overload,
    es001_no_escalation_path,
    es002_escalation_cycle,
    es003_self_escalation,
    es004_escalation_too_deep,
    es005_vacant_escalation,
    gl001_yaml_syntax,
    gl002_schema_violation,
    gl003_duplicate_key,
    gl004_duplicate_id,
    gl005_unknown_reference,
    gl006_unsafe_yaml,
    gl007_unused_suppression,
    gl008_missing_version,
    gl009_expired_suppression,
    gl010_missing_suppression_reason,
    or001_reporting_cycle,
    or002_multiple_tops,
    or003_role_overload,
    or004_unplaced_person,
    or005_team_without_lead,
    or006_team_parent_cycle,
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
            gl007_unused_suppression,
            gl008_missing_version,
            gl009_expired_suppression,
            gl010_missing_suppression_reason,
            dr001_missing_owner,
            dr002_joint_ownership,
            dr003_team_owner,
            dr004_vacant_owner,
            dr005_overlapping_scope,
            dr006_overloaded_owner,
            dr007_accountability_without_authority,
            dr008_approval_chain_too_long,
            dr009_override_not_above_owner,
            dr010_redundant_raci,
            dr011_self_approval,
            dr012_conflicting_incentives,
            dr013_signoff_bottleneck,
            dr014_consultation_overload,
            es001_no_escalation_path,
            es002_escalation_cycle,
            es003_self_escalation,
            es004_escalation_too_deep,
            es005_vacant_escalation,
            dl001_consensus_deadlock,
            dl002_multiple_vetoes,
            dl003_tie_possible,
            dl004_unreachable_quorum,
            dl005_dependency_cycle,
            dl006_open_ended_group_decision,
            dl007_vacant_casting_vote,
            or001_reporting_cycle,
            or002_multiple_tops,
            or003_role_overload,
            or004_unplaced_person,
            or005_team_without_lead,
            or006_team_parent_cycle,
        ),
        key=lambda rule: (FAMILIES.index(rule.CODE[:2]), rule.CODE),
    )
)


def find(code_or_name: str) -> ModuleType | None:
    """A rule by its code or name, ignoring case."""
    wanted = code_or_name.strip().lower()
    return next((rule for rule in ALL_RULES if wanted in (rule.CODE.lower(), rule.NAME)), None)
