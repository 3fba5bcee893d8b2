"""Tokens (stored hashed, checked in constant time) and the audit trail, at the store level."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from sitrep.store import Store
from sitrep.store.database import writing
from sitrep.store.review import (
    ReviewError,
    apply_correction,
    authenticate,
    create_token,
    history,
    list_tokens,
    revoke_token,
    tokens,
)


def test_a_token_authenticates_its_owner_and_only_its_hash_is_stored(store: Store) -> None:
    with writing(store.engine).begin() as conn:
        token = create_token(conn, "alice", "analyst")
        stored = conn.execute(select(tokens)).one()
        identity = authenticate(conn, token)
    assert identity is not None and (identity.name, identity.role) == ("alice", "analyst")
    assert token not in {str(value) for value in stored}
    secret = token.split("_", 2)[2]
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()


def test_a_token_with_a_known_key_but_another_secret_is_refused(store: Store) -> None:
    with writing(store.engine).begin() as conn:
        token = create_token(conn, "alice", "analyst")
        prefix, key, secret = token.split("_", 2)
        for guess in (
            f"{prefix}_{key}_{secret[:-1]}",
            f"{prefix}_{key}_",
            "sitrep",
            "",
            f"other_{key}_{secret}",
        ):
            assert authenticate(conn, guess) is None, guess


def test_roles_nest(store: Store) -> None:
    with writing(store.engine).begin() as conn:
        admin = authenticate(conn, create_token(conn, "ada", "admin"))
        reader = authenticate(conn, create_token(conn, "rob", "reader"))
    assert admin is not None and admin.may("analyst") and admin.may("reader")
    assert reader is not None and reader.may("reader") and not reader.may("analyst")


@pytest.mark.parametrize(
    ("name", "role", "fragment"), [("bob", "owner", "unknown role"), (" ", "reader", "non-empty")]
)
def test_a_bad_token_request_is_refused(store: Store, name: str, role: str, fragment: str) -> None:
    with writing(store.engine).begin() as conn, pytest.raises(ReviewError, match=fragment):
        create_token(conn, name, role)


def test_names_are_unique_and_a_revoked_token_stops_working(store: Store) -> None:
    with writing(store.engine).begin() as conn:
        token = create_token(conn, "alice", "analyst")
        with pytest.raises(ReviewError, match="exists already"):
            create_token(conn, "alice", "reader")
        assert [row["name"] for row in list_tokens(conn)] == ["alice"]
        assert revoke_token(conn, "alice") and not revoke_token(conn, "alice")
        assert authenticate(conn, token) is None


def test_the_history_outlives_a_replaced_article(store: Store) -> None:
    with writing(store.engine).begin() as conn:
        apply_correction(conn, "north-1", "alice", {"admin1": "Idlib"})
        with pytest.raises(ReviewError, match="no event"):
            apply_correction(conn, "nope", "alice", {"admin1": "Idlib"})
    from tests.serve.support import article

    replaced = article("north", "A different page now.", published=None)  # type: ignore[arg-type]
    assert store.save(replaced, [])
    with store.engine.connect() as conn:
        assert [entry["field"] for entry in history(conn, "north-1")] == ["admin1", "status"]
