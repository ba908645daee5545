"""Formatters: each turns a Report into text for one audience (render(report) -> str)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from governance_lint.linter import Report

FORMATS = ("text", "json", "sarif", "github", "markdown")


def renderer(name: str) -> Callable[[Report], str]:
    """The render function of a format, imported only when that format is asked for."""
    module = import_module(f"governance_lint.output.formatters.{name}_format")
    render: Callable[[Report], str] = module.render
    return render
