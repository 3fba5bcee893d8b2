"""What keeps untrusted article text inert and requests bounded: headers, a body cap, bearer tokens,
a rate limit on writes.

Article pages are untrusted input. The dashboard inserts their text with ``textContent`` only, and the
Content-Security-Policy below forbids inline script, inline event handlers and ``javascript:`` URLs, so a
page that slipped markup past that would still not run. Every response carries the headers, JSON too: a
stored ``<script>`` opened directly in a browser stays text.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from threading import Lock
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.store.review import Identity, authenticate

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)

WRITES_PER_MINUTE, WRITE_BURST = 60, 20  # a token's default write limit: sustained rate, and at once


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware answering 413 to a request body over ``max_bytes``, declared or streamed.

    A streamed body is refused the moment it passes the limit: the 413 goes out at once and whatever the
    app answers after its body read failed is dropped (FastAPI turns a failed read into its own 400).
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                if not started and not refused:
                    refused = True
                    await self._refuse(send)
                raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _BodyTooLarge:
            if not refused:
                raise

    async def _refuse(self, send: Send) -> None:
        body = f'{{"error": "request body over {self.max_bytes} bytes"}}'.encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


bearer = HTTPBearer(auto_error=False, description="A token from `sitrep token create NAME`.")


async def presented_identity(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Identity | None:
    """Who the request's bearer token names; None without one, 403 for a token that is not valid.

    Async, so an open read pays no thread hop; the token's look-up runs on a thread.
    """
    if credentials is None:
        return None
    identity = await run_in_threadpool(_authenticate, request.app.state.store.engine, credentials.credentials)
    if identity is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the bearer token is not valid")
    return identity


def _authenticate(engine: Engine, token: str) -> Identity | None:
    with engine.connect() as conn:
        return authenticate(conn, token)


def require(role: str) -> Callable[..., Identity]:
    """A dependency admitting requests whose token has ``role`` or a higher one."""

    def admitted(identity: Annotated[Identity | None, Depends(presented_identity)]) -> Identity:
        return _admit(identity, role)

    return admitted


def _admit(identity: Identity | None, role: str) -> Identity:
    """``identity`` when it has ``role``: 401 without a token, 403 for a token with a lesser role."""
    if identity is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            f"this request needs a bearer token with role {role} (from `sitrep token create NAME`)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not identity.may(role):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, f"token {identity.name!r} has role {identity.role}; this needs {role}"
        )
    return identity


class WriteLimit:
    """A token bucket per token name: ``burst`` writes at once, refilled at ``per_minute`` writes a minute.

    It bounds what one token (a leaked one, or a runaway script) can change or make the server extract;
    reads are not limited. Counts live in the server process and restart with it.
    """

    def __init__(
        self,
        per_minute: float = WRITES_PER_MINUTE,
        burst: int = WRITE_BURST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("a write limit needs a positive rate and a burst of at least 1")
        self.per_second = per_minute / 60
        self.burst = burst
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # name -> (tokens left, when counted)
        self._lock = Lock()

    def take(self, name: str) -> float:
        """Spend one write of ``name``'s bucket: 0 when allowed, else the seconds until one is available."""
        with self._lock:
            now = self.clock()
            left, counted = self._buckets.get(name, (self.burst, now))
            left = min(self.burst, left + (now - counted) * self.per_second)
            if left < 1:
                self._buckets[name] = (left, now)
                return (1 - left) / self.per_second
            self._buckets[name] = (left - 1, now)
            return 0.0


def write_access(role: str) -> Callable[..., Identity]:
    """``require(role)``, then one write from the token's ``WriteLimit``: 429 with Retry-After past it."""

    def admitted(
        request: Request, identity: Annotated[Identity | None, Depends(presented_identity)]
    ) -> Identity:
        writer = _admit(identity, role)
        wait = request.app.state.write_limit.take(writer.name)
        if wait:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                f"token {writer.name!r} is over its write limit; retry in {math.ceil(wait)} s",
                headers={"Retry-After": str(math.ceil(wait))},
            )
        return writer

    return admitted


def json_body(request: Request) -> None:
    """415 for a write whose body is declared as anything but JSON (forms, multipart, text)."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"the body must be JSON (Content-Type: application/json), not {media_type or 'undeclared'}",
        )


_reader = require("reader")


async def read_access(
    request: Request, identity: Annotated[Identity | None, Depends(presented_identity)]
) -> None:
    """Reads are open, unless the server runs with ``--private``: then any valid token may read."""
    if request.app.state.private:
        _reader(identity)
