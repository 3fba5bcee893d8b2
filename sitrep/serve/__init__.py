"""REST API and dashboard over a sitrep database (FastAPI; static assets vendored, no CDN at run time)."""

from sitrep.serve.app import create_app

__all__ = ["create_app"]
