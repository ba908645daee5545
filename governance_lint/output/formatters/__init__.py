"""Formatters: each turns a run's Result into text for one audience.

A formatter is ``render(result, options) -> str``: it is told whether to colour and the
folder paths are shown from (``RenderOptions``), and reads nothing else from the process.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from governance_lint.result import RenderOptions, Result

FORMATS = ("text", "json", "sarif", "github", "markdown")

Render = Callable[["Result", "RenderOptions"], str]


def renderer(name: str) -> Render:
    """The render function of a format, imported only when that format is asked for."""
    module = import_module(f"governance_lint.output.formatters.{name}_format")
    render: Render = module.render
    return render
