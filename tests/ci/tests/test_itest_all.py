"""tests/ci/itest-all: the report of which integration targets each shard ran, and a loud failure
when a shard did not run all of its targets (whatever its exit status)."""
from __future__ import annotations

import os
import subprocess
from typing import Any

import pytest

CI = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = sorted(name for name in os.listdir(os.path.join(CI, "..", "integration", "targets")) if not name.startswith("setup_"))

# A stand-in for tests/ci/itest: announces targets as ansible-test does, per MODE.
FAKE_SHARD = """#!/bin/sh
case "$MODE" in
  all) for t in "$@"; do echo "Running $t integration test role"; done; exit 0 ;;
  first) echo "Running $1 integration test role"; exit 0 ;;
  scripts) for t in "$@"; do echo "Running $t integration test script"; done; exit 0 ;;
  none-ok) echo "Setting up the venv"; exit 0 ;;
  none-failed) echo "ERROR: the venv could not be made" >&2; exit 1 ;;
esac
"""


def itest_all(tmp_path: Any, mode: str) -> subprocess.CompletedProcess[str]:
    shard = tmp_path / "itest"
    shard.write_text(FAKE_SHARD, encoding="utf-8")
    shard.chmod(0o755)
    env = dict(os.environ, ITEST=str(shard), MODE=mode)
    return subprocess.run([os.path.join(CI, "itest-all")], env=env, capture_output=True, text=True, check=False)


def report(done: subprocess.CompletedProcess[str]) -> list[str]:
    return done.stdout.split("----- integration targets -----\n", 1)[1].splitlines()


@pytest.mark.parametrize("mode", ["all", "scripts"])
def test_all_targets_reported(tmp_path: Any, mode: str) -> None:
    done = itest_all(tmp_path, mode)
    assert done.returncode == 0, done.stderr
    lines = report(done)
    assert len(lines) == 2 and all("DID NOT RUN" not in line for line in lines)
    assert sorted(" ".join(line.split(" ran: ", 1)[1] for line in lines).split()) == TARGETS


@pytest.mark.parametrize("mode", ["none-ok", "none-failed", "first"])
def test_a_shard_that_did_not_run_its_targets_fails(tmp_path: Any, mode: str) -> None:
    done = itest_all(tmp_path, mode)
    assert done.returncode == 1
    assert "FAILED: an integration shard failed or did not run all of its targets" in done.stderr
    lines = report(done)
    missing = sorted(" ".join(line.split("DID NOT RUN: ", 1)[1] for line in lines).split())
    ran = [line.split(" ran: ", 1)[1].split(";")[0] for line in lines]
    if mode == "first":
        assert len(missing) == len(TARGETS) - 2 and all(len(names.split()) == 1 for names in ran)
    else:
        assert missing == TARGETS and ran == ["no target", "no target"]
