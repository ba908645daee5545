"""Bounds: the reading limits per file that keep a hostile file from costing more than it may.

Its own module because every stage reads it (reading, the cache key, configuration,
comparison with a git ref) and none of them owns it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bounds:
    """Reading limits per file, each settable under ``bounds:`` in the configuration."""

    max_file_bytes: int = 8_388_608
    max_depth: int = 64
    max_alias_expansion: int = 10_000
    max_nodes: int = 5_000_000
    max_scalar_shown: int = 200
