"""The ``sitrep`` command.

Exit codes: 0 when every input read was processed; 1 when at least one input failed (each reported as one
``error: <input>: <reason>`` line on stderr while the others are processed) or the command could not run
(say, a database that is not sitrep's); 2 for a usage error; 130 when interrupted. Errors are one line,
never a traceback, unless ``sitrep --debug`` asks for one.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from importlib.util import find_spec
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from sitrep import __version__
from sitrep.cli.clean import clean_command
from sitrep.cli.common import DEBUG_KEY, EXIT_FAILED, EXIT_INTERRUPTED, stderr
from sitrep.cli.export import export_command
from sitrep.cli.extract import extract_command
from sitrep.cli.ingest import ingest_command, summary_command
from sitrep.errors import SitrepError


class _ReportingGroup(TyperGroup):
    """Turns any error escaping a command into one ``error:`` line and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (TyperException, typer.Exit, typer.Abort):  # usage errors and exits carry their own codes
            raise
        except BrokenPipeError:  # the reader went away (`sitrep extract ... | head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_FAILED) from None
        except KeyboardInterrupt:
            stderr.print("interrupted", markup=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as error:
            if ctx.meta.get(DEBUG_KEY):
                raise
            message = str(error) if isinstance(error, SitrepError) else _internal(error)
            stderr.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_FAILED) from None


def _internal(error: Exception) -> str:
    return f"internal error: {type(error).__name__}: {error} (run `sitrep --debug ...` for the traceback)"


app = typer.Typer(
    name="sitrep",
    cls=_ReportingGroup,
    help="Conflict news in, attributed ACLED-style events out.",
    epilog="Exit codes: 0 all inputs processed; 1 an input failed or the command could not run; "
    "2 usage error; 130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="SITREP_DEBUG", help="Show tracebacks of failures.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    ctx.meta[DEBUG_KEY] = debug


app.command("clean")(clean_command)
app.command("extract")(extract_command)
app.command("ingest")(ingest_command)
app.command("summary")(summary_command)
app.command("export")(export_command)


# Commands defined by modules other areas own: (module, attribute, name). A Typer app becomes a group.
_SIBLING_COMMANDS = (
    ("sitrep.cli.eval", "eval_app", "eval"),
    ("sitrep.cli.geo", "gazetteer_app", "gazetteer"),
    ("sitrep.cli.geo", "geocode_command", "geocode"),
    ("sitrep.cli.report", "report_command", "report"),
    ("sitrep.cli.serve", "serve_command", "serve"),
    ("sitrep.cli.token", "token_app", "token"),
    ("sitrep.cli.watch", "watch_command", "watch"),
    ("sitrep.cli.spark", "spark_extract_command", "spark-extract"),
)


def _register_sibling_commands() -> None:
    """Add the commands of ``_SIBLING_COMMANDS`` whose module is present and imports, so this command
    keeps working while those modules are being written."""
    for module_name, attribute, name in _SIBLING_COMMANDS:
        if find_spec(module_name) is None:
            continue
        try:
            command = getattr(import_module(module_name), attribute)
        except (ImportError, AttributeError):
            continue
        if isinstance(command, typer.Typer):
            app.add_typer(command, name=name)
        else:
            app.command(name)(command)


_register_sibling_commands()

__all__ = ["app"]
