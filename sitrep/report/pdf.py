"""PDF through WeasyPrint: pure Python on PyPI, laying out with Debian's Pango; no browser involved.

WeasyPrint reads the report's own HTML and stylesheet (``@page`` sets A4, margins and page numbers), with
figures as data URIs; its fetcher is allowed data URIs only, so an odd value in an article can never make
it reach the network or the file system.
"""

from __future__ import annotations

from sitrep.errors import SitrepError


class PdfError(SitrepError):
    """The PDF could not be made (WeasyPrint or the Pango library it needs is missing)."""


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # OSError: WeasyPrint is installed but Pango is not
        raise PdfError(
            "PDF output needs WeasyPrint and Pango (pip install weasyprint; apt-get install "
            f"libpango-1.0-0 libpangoft2-1.0-0): {error}"
        ) from error
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
