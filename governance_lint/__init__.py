"""governance-lint: find structural faults in governance-as-code."""

__version__ = "0.1.0"
