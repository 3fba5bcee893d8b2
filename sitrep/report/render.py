"""A situation report as Markdown, HTML or PDF.

Figures are PNGs. Markdown refers to them by the names the caller gives (files written beside it), or
embeds them as data URIs; HTML always embeds them, so one file is the whole report. Served HTML links its
stylesheet instead of inlining it, as the server's Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from sitrep.report.document import (
    MAP,
    TREND,
    Block,
    Document,
    Heading,
    Image,
    KeyFigures,
    Paragraph,
    Table,
    compose,
)
from sitrep.report.query import Report

FORMATS: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
STYLESHEET = Path(__file__).with_name("report.css")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered report: its bytes, and the files it refers to (Markdown's figures) by file name."""

    content: bytes
    media_type: str
    attachments: Mapping[str, bytes] = field(default_factory=dict)


def render(
    report: Report,
    output_format: str,
    *,
    figure_files: str | None = None,
    stylesheet_url: str | None = None,
    links: Sequence[tuple[str, str]] = (),
) -> Rendered:
    """The report in ``output_format`` (a key of ``FORMATS``).

    ``figure_files``: for Markdown, a file name stem; figures become ``<stem>-map.png`` and so on, returned
    as attachments, instead of data URIs. ``stylesheet_url`` and ``links`` (label, URL: other formats of
    the same report) are for HTML served by the API.
    """
    figures = draw_figures(report)
    document = compose(report, has_map=MAP in figures)
    if output_format == "md":
        if figure_files is None:
            return Rendered(to_markdown(document, _data_uris(figures)).encode(), FORMATS["md"])
        names = {name: f"{figure_files}-{name}.png" for name in figures}
        attachments = {names[name]: png for name, png in figures.items()}
        return Rendered(to_markdown(document, names).encode(), FORMATS["md"], attachments)
    html = to_html(document, _data_uris(figures), stylesheet_url=stylesheet_url, links=links)
    if output_format == "html":
        return Rendered(html.encode(), FORMATS["html"])
    from sitrep.report.pdf import html_to_pdf

    return Rendered(html_to_pdf(html), FORMATS["pdf"])


def draw_figures(report: Report) -> dict[str, bytes]:
    """The report's figures as PNG bytes by name; none for an empty report, no map without coordinates."""
    if report.empty:
        return {}
    from sitrep.report.charts import incident_map, weekly_chart

    figures = {TREND: weekly_chart(report.weekly())}
    drawn_map = incident_map(report.incidents, report.top())
    if drawn_map is not None:
        figures[MAP] = drawn_map
    return figures


def _data_uris(figures: Mapping[str, bytes]) -> dict[str, str]:
    return {name: "data:image/png;base64," + base64.b64encode(png).decode() for name, png in figures.items()}


# ---- Markdown


def to_markdown(document: Document, images: Mapping[str, str]) -> str:
    lines = [f"# {_md(document.title)}", "", *(f"*{_md(line)}*  " for line in document.subtitle), ""]
    for block in document.blocks:
        lines += _MARKDOWN[type(block)](block, images)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    """Text with Markdown's inline markup characters escaped, so names and places print as they are."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def _md_heading(block: Heading, _images: Mapping[str, str]) -> list[str]:
    return [f"## {_md(block.text)}"]


def _md_paragraph(block: Paragraph, _images: Mapping[str, str]) -> list[str]:
    text = _md(block.text)
    return [f"**{text}**" if block.role == "lead" else text]


def _md_key_figures(block: KeyFigures, images: Mapping[str, str]) -> list[str]:
    rows = tuple((figure.label, figure.value, figure.previous, figure.change) for figure in block.figures)
    table = Table(
        "key-figures", ("", "This period", block.previous_label, "Change"), rows, (False, True, True, True)
    )
    return _md_table(table, images)


def _md_table(block: Table, _images: Mapping[str, str]) -> list[str]:
    if not block.rows:
        return ["(none)"]
    align = ["---:" if numeric else "---" for numeric in block.numeric]
    lines = [
        "| " + " | ".join(_md(column) for column in block.columns) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in block.rows]
    return lines


def _md_image(block: Image, images: Mapping[str, str]) -> list[str]:
    if block.name not in images:
        return []
    return [f"![{_md(block.alt)}]({images[block.name]})", "", f"*{_md(block.caption)}*"]


_MARKDOWN: dict[type, Callable[..., list[str]]] = {
    Heading: _md_heading,
    Paragraph: _md_paragraph,
    KeyFigures: _md_key_figures,
    Table: _md_table,
    Image: _md_image,
}


# ---- HTML


def to_html(
    document: Document,
    images: Mapping[str, str],
    *,
    stylesheet_url: str | None = None,
    links: Sequence[tuple[str, str]] = (),
) -> str:
    """A standalone page (stylesheet inlined) unless ``stylesheet_url`` is given."""
    style = (
        f'<link rel="stylesheet" href="{escape(stylesheet_url)}">'
        if stylesheet_url
        else f"<style>\n{STYLESHEET.read_text(encoding='utf-8')}</style>"
    )
    toolbar = "".join(f'<a href="{escape(url)}">{escape(label)}</a>' for label, url in links)
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',  # no icon: a browser asks for none
        f"<title>{escape(document.title)}</title>",
        style,
        "</head>",
        "<body>",
        f'<nav class="toolbar">{toolbar}</nav>' if toolbar else "",
        '<header class="report-head">',
        '<div class="kicker">Situation report</div>',
        f"<h1>{escape(document.title.split(': ', 1)[-1])}</h1>",
        *(f'<p class="subtitle">{escape(line)}</p>' for line in document.subtitle),
        "</header>",
        *_html_sections(document.blocks, images),
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _html_sections(blocks: Sequence[Block], images: Mapping[str, str]) -> list[str]:
    """Blocks in ``<section>``s, one per heading, each classed by its heading ("methods-and-uncertainty")."""
    parts = ["<section>"]
    for block in blocks:
        if isinstance(block, Heading):
            parts += ["</section>", f'<section class="{_slug(block.text)}">']
        parts.append(_HTML[type(block)](block, images))
    return [*parts, "</section>"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _html_heading(block: Heading, _images: Mapping[str, str]) -> str:
    return f"<h2>{escape(block.text)}</h2>"


def _html_paragraph(block: Paragraph, _images: Mapping[str, str]) -> str:
    role = f' class="{block.role}"' if block.role else ""
    return f"<p{role}>{escape(block.text)}</p>"


def _html_key_figures(block: KeyFigures, _images: Mapping[str, str]) -> str:
    cards = [
        '<div class="key-figure">'
        f'<div class="label">{escape(figure.label)}</div>'
        f'<div class="value">{escape(figure.value)}</div>'
        f'<div class="change {_direction(figure.change)}">{escape(figure.change)}</div>'
        f'<div class="previous">{escape(block.previous_label)}: {escape(figure.previous)}</div>'
        "</div>"
        for figure in block.figures
    ]
    return f'<div class="key-figures">{"".join(cards)}</div>'


def _direction(change: str) -> str:
    return "up" if change.startswith("+") else "down" if change.startswith("−") else ""


def _html_table(block: Table, _images: Mapping[str, str]) -> str:
    if not block.rows:
        return '<p class="caption">(none)</p>'

    def cell(tag: str, text: str, numeric: bool) -> str:
        align = ' class="numeric"' if numeric else ""
        return f"<{tag}{align}>{escape(text)}</{tag}>"

    head = "".join(
        cell("th", column, numeric) for column, numeric in zip(block.columns, block.numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(cell("td", text, numeric) for text, numeric in zip(row, block.numeric, strict=True))
        + "</tr>"
        for row in block.rows
    )
    return f'<table class="{block.name}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _html_image(block: Image, images: Mapping[str, str]) -> str:
    if block.name not in images:
        return ""
    return (
        f'<figure class="{block.name}"><img src="{escape(images[block.name])}" alt="{escape(block.alt)}">'
        f"<figcaption>{escape(block.caption)}</figcaption></figure>"
    )


_HTML: dict[type, Callable[..., str]] = {
    Heading: _html_heading,
    Paragraph: _html_paragraph,
    KeyFigures: _html_key_figures,
    Table: _html_table,
    Image: _html_image,
}
