"""The web application: JSON API under ``/api``, OpenAPI at ``/docs``, the dashboard at ``/``."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass

from anyio import to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from sitrep import __version__
from sitrep.serve import articles_api, dashboard, errors, events_api, incidents_api, meta_api, report_api
from sitrep.serve.cache import UntilWrite
from sitrep.serve.extraction import MAX_BODY_BYTES, Extract, Extractor
from sitrep.serve.security import WRITE_BURST, WRITES_PER_MINUTE, BodyLimit, SecurityHeaders, WriteLimit
from sitrep.store import Store

DESCRIPTION = """\
Events extracted from conflict news, coded in ACLED's taxonomy, each field with the spans of article text
behind it. Reads are open unless the server runs with `--private`; writes (posting an article, correcting
an event) need a bearer token from `sitrep token create NAME`, and each token's writes are rate-limited
(429 with `Retry-After`). Errors are JSON: `{"error": "..."}`.
"""
CONFIG_VARIABLE = "SITREP_SERVE_CONFIG"  # how `sitrep serve` hands its options to each worker process
REQUEST_THREADS = 4  # threads of a worker process running blocking handlers at once


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Handlers that block (database reads) run on ``REQUEST_THREADS`` threads, not anyio's 40: their work
    holds the GIL, so more threads only take turns at it (with 8 connections on one worker, 40 threads
    cost about 8 ms of CPU a page of 50 events, 4 threads about 5.5 ms). Kept answers close with the app."""
    to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    yield
    app.state.answers.close()


def create_app(
    store: Store,
    *,
    private: bool = False,
    extract: Extract | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    write_limit: WriteLimit | None = None,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    """The app serving ``store``; ``extract`` runs posted articles (default: the pipeline, loaded lazily).

    Browsers may call the API only from the dashboard's own origin unless ``cors_origins`` lists others
    (no CORS headers at all by default); ``write_limit`` defaults to ``WriteLimit()``.
    """
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.private = private
    app.state.extract = extract or Extractor()
    app.state.write_limit = write_limit or WriteLimit()
    app.state.answers = UntilWrite(store.engine)
    errors.install(app)
    for module in (events_api, incidents_api, articles_api, meta_api, report_api, dashboard):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=dashboard.STATIC), name="static")
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "HEAD", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeaders)  # outermost, so even a refused body's 413 carries the headers
    return app


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """The options of ``sitrep serve``: every worker process builds its app from them (``app_factory``)."""

    db: str
    private: bool = False
    cors_origins: tuple[str, ...] = ()
    writes_per_minute: float = WRITES_PER_MINUTE
    workers: int = 1

    def write_limit(self) -> WriteLimit:
        """Each worker counts writes on its own, so each gets its share of the rate and burst: a token
        spread over every worker still writes no more than ``writes_per_minute``."""
        return WriteLimit(self.writes_per_minute / self.workers, max(1, WRITE_BURST // self.workers))

    def app(self) -> FastAPI:
        store = Store.open(self.db, create=False)
        return create_app(
            store, private=self.private, write_limit=self.write_limit(), cors_origins=self.cors_origins
        )

    def to_environment(self) -> None:
        os.environ[CONFIG_VARIABLE] = json.dumps(asdict(self))

    @classmethod
    def from_environment(cls) -> ServeConfig:
        values = json.loads(os.environ[CONFIG_VARIABLE])
        return cls(**{**values, "cors_origins": tuple(values["cors_origins"])})


def app_factory() -> FastAPI:
    """The app of one worker process, as ``sitrep serve`` configured it (uvicorn calls this in each)."""
    return ServeConfig.from_environment().app()
