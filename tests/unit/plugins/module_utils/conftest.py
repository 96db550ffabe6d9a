# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every test that runs a whole module path locks a file of its own, never /var/run's."""

from __future__ import annotations

import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._lock import LOCK_FILE_VARIABLE


@pytest.fixture(autouse=True)
def private_lock_file(tmp_path: t.Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOCK_FILE_VARIABLE, str(tmp_path / 'illumos.comstar.lock'))
