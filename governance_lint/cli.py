"""The command line: the only place that knows click and exit statuses.

Modules are imported inside the commands, so ``--version`` and ``rules`` never pay
for networkx or jsonschema.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from governance_lint import __version__
from governance_lint._speed import leave, stop_collector
from governance_lint.findings import SEVERITY_RANK, GovernanceLintError
from governance_lint.output.formatters import FORMATS as ALL_FORMATS

if TYPE_CHECKING:
    from governance_lint.result import RenderOptions


def _selectors(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def lint_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command that reads governance files shares."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option(
            "--config",
            "config_file",
            metavar="FILE",
            help="Configuration file; without it, discovery.",
        ),
        click.option(
            "--select",
            callback=_selectors,
            metavar="SELECTORS",
            help="Codes, names or prefixes to run (replaces `select`).",
        ),
        click.option(
            "--ignore",
            callback=_selectors,
            metavar="SELECTORS",
            help="Codes, names or prefixes to leave out (replaces `ignore`).",
        ),
        click.option(
            "--extend-select",
            callback=_selectors,
            metavar="SELECTORS",
            help="Added to the configured `select`.",
        ),
        click.option(
            "--extend-ignore",
            callback=_selectors,
            metavar="SELECTORS",
            help="Added to the configured `ignore`.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(["error", "warning", "info"]),
            help="Lowest severity that makes the exit status 1.",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option("-q", "--quiet", is_flag=True, help="No progress or informational lines."),
        click.option(
            "--debug",
            is_flag=True,
            help="Tracebacks for internal errors; events and nodes read per file.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def load_config(options: dict[str, Any]) -> Any:
    from governance_lint import config
    from governance_lint.rules import ALL_RULES

    cli_values = {
        "select": options.get("select"),
        "ignore": options.get("ignore"),
        "extend_select": options.get("extend_select"),
        "extend_ignore": options.get("extend_ignore"),
        "fail_on": options.get("fail_on"),
        "cache": False if options.get("no_cache") else None,
    }
    return config.load(ALL_RULES, options.get("config_file"), cli_values)


def write_output(text: str, path: str | None) -> None:
    """Write to ``path`` (a new file put in place, never through a link), else to
    standard output, as UTF-8."""
    from governance_lint.writing import write_file

    data = text.encode("utf-8", "backslashreplace")
    if path is not None:
        write_file(path, data)
        return
    if data and _CLOSED_AT_START & {1}:
        raise GovernanceLintError("cannot write standard output: it is closed")
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise GovernanceLintError(f"cannot write standard output: {error.strerror}") from None


def use_colour(path: str | None) -> bool:
    """Colour only for standard output on a terminal, and never when NO_COLOR is set to
    anything: a file (``FMT=FILE``, ``-o``) never gets colour codes, even from a terminal."""
    if path is not None:
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def render_options(path: str | None) -> RenderOptions:
    """What a formatter writing to ``path`` (None: standard output) is told."""
    from governance_lint.result import RenderOptions

    return RenderOptions(colour=use_colour(path), cwd=os.getcwd())


def parse_formats(
    formats: Sequence[str], output: str | None, statistics: bool
) -> list[tuple[str, str | None]]:
    """``--format FMT[=FILE]`` values -> (format, file or None for standard output)."""
    if not formats:
        default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        formats = ["text" if statistics else default]
    parsed: list[tuple[str, str | None]] = []
    for value in formats:
        name, has_file, path = value.partition("=")
        if name not in ALL_FORMATS:
            raise GovernanceLintError(
                f"unknown format `{name}`; choose from {', '.join(ALL_FORMATS)}"
            )
        if has_file and not path:
            raise GovernanceLintError(f"--format {name}= needs a file name after `=`")
        parsed.append((name, path if has_file else None))
    to_stdout = [name for name, path in parsed if path is None]
    if len(to_stdout) > 1:
        raise GovernanceLintError(
            "at most one --format may go to standard output; give the others as FMT=FILE"
        )
    if output is not None:
        if not to_stdout:
            raise GovernanceLintError("-o/--output needs a --format without =FILE")
        parsed = [(name, output if path is None else path) for name, path in parsed]
    if statistics and any(name not in ("text", "json") for name, _ in parsed):
        raise GovernanceLintError("--statistics prints text or json only")
    return parsed


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", message="governance-lint %(version)s")
@click.option("--debug", is_flag=True, hidden=True)
def cli(debug: bool) -> None:
    """Lint governance-as-code: decision rights, escalation paths, definitions of ready,
    operating cadences and leading indicators written in YAML."""


@cli.command()
@lint_options
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="FMT[=FILE]",
    help="text, json, sarif, github or markdown; FMT=FILE writes that format to FILE.",
)
@click.option("-o", "--output", metavar="FILE", help="Write the standard-output format here.")
@click.option("--statistics", is_flag=True, help="A count of findings per code instead.")
@click.option(
    "--base",
    metavar="GIT-REF",
    help="Report only findings that are new compared with the same paths at GIT-REF.",
)
@click.option("--show-config", is_flag=True, help="Print the effective settings and exit.")
def check(**options: Any) -> None:
    """Lint governance files and folders (default: the configured paths, else '.')."""
    config = load_config(options)
    if options["show_config"]:
        from governance_lint.config import describe

        write_output(describe(config), None)
        return
    outputs = parse_formats(options["formats"], options["output"], options["statistics"])
    # files first: one that cannot be written stops the run before standard output
    outputs.sort(key=lambda output: output[1] is None)
    base = comparison = None
    if options["base"] is not None:
        from governance_lint.output.compare import resolve

        base = resolve(options["base"])
    report = _lint(options, config, tuple(name for name, _ in outputs))
    if base is not None:
        from governance_lint.output.compare import compare

        report, comparison = compare(report, base, options["paths"])
    if options["statistics"]:
        from governance_lint.output.formatters.statistics import render_statistics

        for name, path in outputs:
            write_output(render_statistics(report, name), path)
    else:
        from governance_lint.output.formatters import renderer

        for name, path in outputs:
            write_output(renderer(name)(report, render_options(path)), path)
    shows_counts = {"text", "github"} & {name for name, _ in outputs}
    if comparison is not None and shows_counts and not options["quiet"]:
        sys.stdout.flush()
        sys.stderr.write(comparison.counts_line() + "\n")
    threshold = SEVERITY_RANK[config.fail_on]
    if any(SEVERITY_RANK[finding.severity] >= threshold for finding in report.findings):
        raise click.exceptions.Exit(1)


def _lint(options: dict[str, Any], config: Any, formats: tuple[str, ...]) -> Any:
    """Lint the paths, with progress on standard error only for a person at a terminal."""
    from governance_lint.linter import lint
    from governance_lint.progress import for_run

    progress = for_run(options["quiet"], formats)
    try:
        return lint(options["paths"], config, debug=options["debug"], progress=progress.update)
    finally:
        progress.close()


def _fail_on_findings(report: Any, fail_on: str | None) -> None:
    """For graph, matrix and report, findings change the exit status only with --fail-on."""
    if fail_on is not None and any(
        SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[fail_on] for finding in report.findings
    ):
        raise click.exceptions.Exit(1)


@cli.command(name="graph")
@lint_options
@click.option("--format", "output_format", type=click.Choice(["mermaid", "dot"]), default="mermaid")
@click.option("--focus", metavar="ID", help="Only this entity and its neighbourhood.")
@click.option("--depth", type=click.IntRange(min=0), default=2, help="Edges from --focus.")
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
def graph_command(**options: Any) -> None:
    """The reporting, ownership, dependency and escalation graph as Mermaid or Graphviz."""
    from governance_lint.output.views.picture import build_picture, focus
    from governance_lint.output.views.picture_format import RENDERERS

    report = _lint(options, load_config(options), (options["output_format"],))
    picture = build_picture(report.org, report.findings, report.config.show)
    if options["focus"] is not None:
        picture = focus(report.org, picture, options["focus"], options["depth"])
    write_output(RENDERERS[options["output_format"]](picture), options["output"])
    _fail_on_findings(report, options["fail_on"])


@cli.command(name="matrix")
@lint_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "csv", "json"]),
    default="markdown",
)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
def matrix_command(**options: Any) -> None:
    """The decision-rights matrix: decisions by scope, what each role does for each."""
    from governance_lint.output.views.matrix import build_matrix
    from governance_lint.output.views.matrix_format import RENDERERS

    report = _lint(options, load_config(options), (options["output_format"],))
    matrix = build_matrix(report.org, report.findings, report.config)
    write_output(RENDERERS[options["output_format"]](matrix, report.config.show), options["output"])
    _fail_on_findings(report, options["fail_on"])


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import datetime as dt
    import re

    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise click.BadParameter(f"`{value}` is not a date written YYYY-MM-DD")


@cli.command(name="report")
@lint_options
@click.option("-o", "--output", metavar="FILE.html", help="Write here instead of standard output.")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD", help="The date the page shows.")
@click.option(
    "--base",
    metavar="GIT-REF",
    help="Also say what changed since GIT-REF: new, fixed and persisting problems.",
)
def report_command(**options: Any) -> None:
    """A self-contained HTML page for people: health, findings, matrix, escalation picture."""
    from governance_lint.output.html import render_report

    base = run = None
    if options["base"] is not None:
        from governance_lint.output.compare import resolve

        base = resolve(options["base"])
    config = load_config(options)
    if options["date"] is not None:  # the page's date is also today for suppressions and records
        import dataclasses
        import datetime as dt

        config = dataclasses.replace(config, today=dt.date.fromisoformat(options["date"]))
    report = _lint(options, config, ("html",))
    if base is not None:
        from governance_lint.output.compare import compare_runs

        report, _, run = compare_runs(report, base, options["paths"])
    write_output(render_report(report, options["date"], run), options["output"])
    _fail_on_findings(report, options["fail_on"])  # with --base, as check: the new ones


@cli.command(name="indicators")
@lint_options
@click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="First day of the window.")
@click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Last day (default today).")
@click.option(
    "--by",
    type=click.Choice(["organization", "owner", "scope", "cadence", "decision"]),
    default="organization",
    help="One row per group.",
)
@click.option("--weekly", is_flag=True, help="One row per week (weeks start on Monday).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "csv", "json", "markdown"]),
    default="text",
)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
def indicators_command(**options: Any) -> None:
    """The five leading indicators computed from decision records."""
    import datetime as dt

    from governance_lint.indicators.definitions import MAX_WEEKS, default_window, week_count
    from governance_lint.indicators.grouping import table, window_records
    from governance_lint.indicators.output import RENDERERS

    config = load_config(options)
    since, until = (
        dt.date.fromisoformat(options[name]) if options[name] else None
        for name in ("since", "until")
    )
    window = default_window(config.today, since, until)
    if window.since > window.until:
        raise GovernanceLintError(
            f"--since {window.since.isoformat()} is after the window's last day "
            f"{window.until.isoformat()}"
        )
    if options["weekly"] and week_count(window) > MAX_WEEKS:
        raise GovernanceLintError(
            f"--weekly: the window overlaps {week_count(window)} weeks; at most {MAX_WEEKS}"
        )
    report = _lint(options, config, (options["output_format"],))
    rows = table(report.org, window, options["by"], options["weekly"])
    render = RENDERERS[options["output_format"]]
    count = window_records(report.org, window)
    text = render(rows, window, count, report.config.show, options["weekly"])
    write_output(text, options["output"])
    _fail_on_findings(report, options["fail_on"])


@cli.command(name="rules")
@click.option("--debug", is_flag=True, hidden=True)
def list_rules(debug: bool) -> None:
    """List every rule: code, name, default severity, summary."""
    from governance_lint.rules import ALL_RULES
    from governance_lint.rules.pages import summary

    width = max(len(rule.name) for rule in ALL_RULES)
    write_output(
        "".join(
            f"{rule.code}  {rule.name:<{width}}  {rule.severity:<7}  {summary(rule)}\n"
            for rule in ALL_RULES
        ),
        None,
    )


@cli.command()
@click.argument("rule")
@click.option("--debug", is_flag=True, hidden=True)
def explain(rule: str, debug: bool) -> None:
    """Print a rule's documentation page (by code or name)."""
    from governance_lint.rules import find
    from governance_lint.rules.pages import page

    found = find(rule)
    if found is None:
        raise GovernanceLintError(f"unknown rule `{rule}`; `governance-lint rules` lists them")
    write_output(page(found), None)


@cli.command()
@click.option("--debug", is_flag=True, hidden=True)
def schema(debug: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of the governance format."""
    from governance_lint.schema.validate import schema_text

    write_output(schema_text(), None)


def _fail(message: str) -> NoReturn:
    from governance_lint.display import escape_controls

    sys.stdout.flush()
    # ASCII white space only: str.split() would also drop U+0085 and U+2028, which a
    # hostile value must show as escapes
    text = escape_controls(" ".join(re.split(r"[ \t\r\n]+", str(message).strip(" \t\r\n"))))
    sys.stderr.write(f"governance-lint: error: {text}\n")
    _leave(2)


def _leave(status: int) -> NoReturn:
    """Flush and exit at once, without tearing the interpreter down (_speed.py)."""
    leave(status)


_CLOSED_AT_START: set[int] = set()


def _open_standard_streams() -> None:
    """Give a standard descriptor that was closed (``>&-``) the null device.

    Otherwise Python leaves ``sys.stdout`` None (every write a crash) and the next file
    opened takes descriptor 1 or 2, so printing, or a git child of ``--base``, would
    write into it. Findings meant for a closed standard output are an error (status 2);
    progress and counts meant for a closed standard error are dropped."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            _CLOSED_AT_START.add(descriptor)
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
    for descriptor, name in ((1, "stdout"), (2, "stderr")):
        if descriptor in _CLOSED_AT_START or getattr(sys, name) is None:
            stream = os.fdopen(descriptor, "w", encoding="utf-8", closefd=False)
            setattr(sys, name, stream)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point of the console script: status 0, 1 or 2, one line on errors."""
    _open_standard_streams()
    stop_collector()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        status = cli.main(args=args, prog_name="governance-lint", standalone_mode=False)
    except click.exceptions.Exit as done:
        _leave(done.exit_code)
    except click.ClickException as error:
        _fail(error.format_message())
    except click.Abort:
        _fail("interrupted")
    except GovernanceLintError as error:
        _fail(str(error))
    except BrokenPipeError:
        sys.stderr.close()
        _leave(1)
    except Exception as error:  # an internal error: one line unless --debug
        if debug:
            traceback.print_exc()
        detail = str(error)
        detail = detail if len(detail) <= 200 else detail[:199] + "…"
        _fail(f"internal error: {type(error).__name__}: {detail} (rerun with --debug)")
    _leave(status if isinstance(status, int) else 0)
