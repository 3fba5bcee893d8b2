"""``python -m sitrep.cli``: the ``sitrep`` command without the console script installed."""

from sitrep.cli import app

app(prog_name="sitrep")
