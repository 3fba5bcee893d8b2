"""The ``sitrep`` command.

Exit codes: 0 when every input read was processed; 1 when at least one input failed (each reported as one
``error: <input>: <reason>`` line on stderr while the others are processed) or the command could not run
(say, a database that is not sitrep's); 2 for a usage error; 130 when interrupted. Errors are one line,
never a traceback, unless ``sitrep --debug`` asks for one.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from sitrep import __version__
from sitrep.cli.clean import clean_command
from sitrep.cli.common import DEBUG_KEY, EXIT_FAILED, EXIT_INTERRUPTED, stderr
from sitrep.cli.eval import eval_app
from sitrep.cli.export import export_command
from sitrep.cli.extract import extract_command
from sitrep.cli.geo import gazetteer_app, geocode_command
from sitrep.cli.ingest import ingest_command, summary_command
from sitrep.cli.report import report_command
from sitrep.cli.serve import serve_command
from sitrep.cli.spark import spark_extract_command
from sitrep.cli.token import token_app
from sitrep.cli.watch import watch_command
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


app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")
app.command("geocode")(geocode_command)
app.command("report")(report_command)
app.command("serve")(serve_command)
app.add_typer(token_app, name="token")
app.command("watch")(watch_command)
app.command("spark-extract")(spark_extract_command)

__all__ = ["app"]
