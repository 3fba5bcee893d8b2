"""The dashboard at ``/`` and the API docs at ``/docs``: static pages from the package, nothing remote."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)


@router.api_route("/", methods=["GET", "HEAD"])
def dashboard() -> FileResponse:
    return FileResponse(STATIC / "index.html")


@router.api_route("/docs", methods=["GET", "HEAD"])
def api_docs() -> FileResponse:
    """Swagger UI, vendored, reading ``/openapi.json``; its start-up script is a file, not inline."""
    return FileResponse(STATIC / "docs.html")
