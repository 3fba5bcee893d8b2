"""Every error as JSON, ``{"error": "<what went wrong>"}``, with the right status and never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from sitrep.store import StoreError

log = logging.getLogger("sitrep.serve")


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Exception, _unexpected)


def error_response(status_code: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status_code)


async def _http_error(request: Request, error: Any) -> JSONResponse:
    message = str(error.detail)
    if error.status_code == status.HTTP_404_NOT_FOUND and message == "Not Found":
        message = f"no such endpoint: {request.url.path}"
    elif error.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        message = f"{request.method} is not allowed on {request.url.path}"
    response = error_response(error.status_code, message)
    response.headers.update(error.headers or {})
    return response


async def _invalid_request(_request: Request, error: Any) -> JSONResponse:
    problems = [
        {
            "where": ".".join(str(part) for part in item["loc"]),
            "message": item["msg"].removeprefix("Value error, "),
        }
        for item in error.errors()
    ]
    summary = "; ".join(f"{problem['where']}: {problem['message']}" for problem in problems)
    return error_response(
        status.HTTP_422_UNPROCESSABLE_CONTENT, f"invalid request: {summary}", problems=problems
    )


async def _store_error(_request: Request, error: Any) -> JSONResponse:
    """503 without the store's message, which names the database file on the server; the log has it."""
    log.error("store error: %s", error)
    return error_response(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        "the database could not answer; retry later (the server log has why)",
    )


async def _unexpected(_request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return error_response(
        status.HTTP_500_INTERNAL_SERVER_ERROR, "internal error; the server log has the details"
    )
