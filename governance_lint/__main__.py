"""Run governance-lint as ``python -m governance_lint``."""

from governance_lint.cli import main

main()
