"""``sitrep clean``: the clean body text of each article, the text every evidence span points into."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import chain, islice

import typer

from sitrep.cli.common import Failures, PathsArgument, debugging, exit_code, read_articles
from sitrep.errors import InputError


def clean_command(ctx: typer.Context, paths: PathsArgument) -> None:
    """Print the clean text of each article; with several articles, each under a ==> origin <== line."""
    failures = Failures(debugging(ctx))
    texts = _clean_texts(paths, failures)
    first = list(islice(texts, 2))
    titled = len(first) > 1
    for origin, text in chain(first, texts):
        if titled:
            sys.stdout.write(f"==> {origin} <==\n")
        sys.stdout.write(text.rstrip("\n") + "\n" + ("\n" if titled else ""))
    raise typer.Exit(exit_code(failures.count))


def _clean_texts(paths: list[str], failures: Failures) -> Iterator[tuple[str, str]]:
    from sitrep.clean import clean

    for article in read_articles(paths, failures):
        try:
            yield article.origin, clean(article).text
        except InputError as error:
            failures.report(error.origin, error.reason)
