"""The lock files pin, with hashes, every dependency pyproject.toml declares, at a version it allows."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CI_EXTRAS = ("test", "spark", "bench")  # what .ci/run installs
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(lock: str) -> dict[str, tuple[str, int]]:
    """Package name -> (pinned version, number of hashes) of a lock file written by ``uv pip compile``."""
    found: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if match := _PIN.match(line):
            current = canonicalize_name(match.group(1))
            found[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
    return found


def declared(*extras: str) -> list[Requirement]:
    listed = PROJECT["dependencies"] + [
        dep for extra in extras for dep in PROJECT["optional-dependencies"][extra]
    ]
    return [Requirement(dep) for dep in listed]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("requirements.lock", declared()), ("requirements-ci.lock", declared(*CI_EXTRAS))],
)
def test_every_declared_dependency_is_pinned_within_its_range(
    lock: str, requirements: list[Requirement]
) -> None:
    locked = pins(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in {lock}: regenerate it (command in its header)"
        version, _hashes = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), f"{lock} pins {name}=={version}"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-ci.lock"])
def test_every_pin_carries_a_hash(lock: str) -> None:
    locked = pins(lock)
    assert locked and all(hashes for _version, hashes in locked.values()), lock


def test_both_locks_agree_on_shared_pins() -> None:
    runtime, ci = pins("requirements.lock"), pins("requirements-ci.lock")
    assert {name: ci[name][0] for name in runtime} == {name: pin[0] for name, pin in runtime.items()}
