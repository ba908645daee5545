"""The configuration of a run: found, read, checked, merged with the command line and shown.

``settings`` holds the typed ``Config`` and its defaults; ``files`` finds and safely
reads the configuration file; ``validate`` checks what it says; ``precedence`` lays
defaults, the file and the command line over one another; ``show`` writes the
``--show-config`` text. The names the rest of governance-lint uses are all here.
"""

from __future__ import annotations

from governance_lint.config.files import CONFIG_FILE, find_config_file, git_root
from governance_lint.config.precedence import load
from governance_lint.config.settings import DEFAULT_SELECT, LIST_KEYS, Config, default_thresholds
from governance_lint.config.show import describe, plain_number

__all__ = [
    "CONFIG_FILE",
    "DEFAULT_SELECT",
    "LIST_KEYS",
    "Config",
    "default_thresholds",
    "describe",
    "find_config_file",
    "git_root",
    "load",
    "plain_number",
]
