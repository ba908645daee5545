"""The share limits of the load rules (DR006, DR013): when a share of all decisions is
too many, and how a message shows it. Who counts as whom is the model's
(``model.terms``, ``model.modes``)."""

from __future__ import annotations


def share_crossed(count: int, share: float, decisions: int) -> bool:
    """A share threshold: from 15 decisions in all, at least 5 counted and more than
    ``share`` percent of them, compared exactly."""
    return decisions >= 15 and count >= 5 and count * 100 > share * decisions


def percent_shown(count: int, share: float, decisions: int) -> int:
    """The share shown in a message: rounded down, but at least the limit plus one, so a
    message never says "25%, more than 25%"."""
    return max(count * 100 // decisions, int(share) + 1)
