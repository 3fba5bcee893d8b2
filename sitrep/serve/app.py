"""The web application: JSON API under ``/api``, OpenAPI at ``/docs``, the dashboard at ``/``."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sitrep import __version__
from sitrep.serve import articles_api, dashboard, errors, events_api, incidents_api, meta_api, report_api
from sitrep.serve.extraction import MAX_BODY_BYTES, Extract, Extractor
from sitrep.serve.security import BodyLimit, SecurityHeaders
from sitrep.store import Store

DESCRIPTION = """\
Events extracted from conflict news, coded in ACLED's taxonomy, each field with the spans of article text
behind it. Reads are open unless the server runs with `--private`; writes (posting an article, correcting
an event) need a bearer token from `sitrep token create NAME`. Errors are JSON: `{"error": "..."}`.
"""


def create_app(
    store: Store,
    *,
    private: bool = False,
    extract: Extract | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The app serving ``store``; ``extract`` runs posted articles (default: the pipeline, loaded lazily)."""
    app = FastAPI(title="sitrep", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.private = private
    app.state.extract = extract or Extractor()
    errors.install(app)
    for module in (events_api, incidents_api, articles_api, meta_api, report_api, dashboard):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=dashboard.STATIC), name="static")
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)  # outermost, so even a refused body's 413 carries the headers
    return app
