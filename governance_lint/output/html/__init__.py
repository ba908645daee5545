"""The page for people (`report`): one self-contained HTML file.

Everything from the governance files reaches the page through Jinja2 with autoescaping
on, so names with ``<script>``, quotes or ampersands render as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from governance_lint import __version__
from governance_lint.output.html.content import context
from governance_lint.result import Result

if TYPE_CHECKING:
    from governance_lint.output.compare import BaseRun


def environment() -> Any:
    """The Jinja2 environment: templates shipped in the package, autoescaping always on
    (the template's name ends in ``.j2``, which ``select_autoescape`` would not catch)."""
    import jinja2
    from markupsafe import Markup, escape

    def code_spans(text: str) -> Markup:
        """`ids` in backticks as <code>; every part escaped."""
        parts = str(text).split("`")
        if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
            return Markup(escape(text))
        return Markup("").join(
            Markup("<code>{}</code>").format(part) if index % 2 else escape(part)
            for index, part in enumerate(parts)
        )

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("governance_lint.output.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["code_spans"] = code_spans
    return env


def render_report(report: Result, date: str | None, base: BaseRun | None = None) -> str:
    """The whole page; the same files and options give the same bytes. ``base``: the
    ``--base`` run, for what changed since."""
    template = environment().get_template("report.html.j2")
    text: str = template.render(**context(report, base), date=date, version=__version__)
    return text
