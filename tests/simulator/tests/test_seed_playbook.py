"""The founding walkthrough run by the collection itself (playbooks/ha_target.yml, i.e. the role and its
modules) on a fresh simulated RSF-1 cluster, with either backend: afterwards stmfha's lists print what
the seed prints (the seed's comparison rule, generated names masked), and a re-run changes nothing.

This drives ansible-playbook, so it needs the collection on ANSIBLE_COLLECTIONS_PATH (`make test-sim`
provides it).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, Sim, golden, simctl
from test_seed_replay import seed_form

CHECKS = [("15_list-tpg.txt", "list-tpg"), ("14_list-target.txt", "list-target"), ("16_list-tg.txt", "list-tg"), ("17_list-lu.txt", "list-lu")]
# itadm names a target iqn.2010-08.org.illumos:02:<uuid> where stmfha uses its own prefix (reference 3.2).
_ANY_IQN = re.compile(r"iqn\.[0-9]{4}-[0-9]{2}\.[a-z0-9.-]+:02:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}")


def playbook(root: str, *extra: str) -> subprocess.CompletedProcess[str]:
    ansible_playbook = shutil.which("ansible-playbook", path=os.path.dirname(sys.executable)) or "ansible-playbook"
    env = dict(os.environ, COMSTAR_SIM_ROOT=root, ANSIBLE_NOCOLOR="1", ANSIBLE_DISPLAY_OK_HOSTS="false",
               COMSTAR_TARGET_SECRET="target-mutual-secret", COMSTAR_INITIATOR_SECRET="initiator-one-secret")
    argv = [ansible_playbook, "-i", os.path.join(REPO, "tests", "simulator", "inventory.yml"),
            os.path.join(REPO, "playbooks", "ha_target.yml")] + list(extra)
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False)


def masked(text: str) -> list[str]:
    return [_ANY_IQN.sub("<IQN>", line) for line in seed_form(text)]


@pytest.mark.parametrize("backend", ["rsf1", "native"])
def test_walkthrough_playbook_prints_the_seed(bare_sim: Sim, backend: str) -> None:
    sim = bare_sim
    sim.init(pools={"pool1": "live01"}, ready=False)
    first = playbook(sim.root, "-e", "comstar_backend=" + backend)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-2000:]
    for sample, subcommand in CHECKS:
        assert masked(sim.ok("stmfha", subcommand, "-v", node="live01")) == masked(golden("seed/" + sample)), subcommand
    simctl.log(sim.root, clear=True)
    again = playbook(sim.root, "-e", "comstar_backend=" + backend)
    assert again.returncode == 0 and re.search(r"live01\s+: ok=\d+\s+changed=0 ", again.stdout), again.stdout[-3000:]
    assert re.search(r"live02\s+: ok=\d+\s+changed=0 ", again.stdout)
    calls = [entry["argv"] for entry in sim.log()]
    reads = ("list", "-H", "-i0", "get")
    assert [argv for argv in calls if not argv[1].startswith(reads)] == []
    # the services' states come with the placement read; with both online the services step
    # (comstar_services, two more svcs reads) is left out
    for node in ("live01", "live02"):
        assert [entry["argv"] for entry in sim.log() if entry["node"] == node and entry["argv"][0] == "svcs"] == [
            ["svcs", "-H", "-o", "state", fmri] for fmri in ("svc:/system/stmf:default", "svc:/network/iscsi/target:default")], node


def test_a_pool_imported_nowhere_stops_the_play_before_any_change(bare_sim: Sim) -> None:
    """Zero active nodes for a pool is an error, never a guess (DESIGN.md section 3)."""
    sim = bare_sim
    sim.init(pools={"pool1": None}, ready=False)
    run = playbook(sim.root)
    assert run.returncode != 0
    assert "pool pool1 is imported on none of the play hosts" in run.stdout
    reads = ("list", "-H", "-i0", "get")
    assert [entry["argv"] for entry in sim.log() if not entry["argv"][1].startswith(reads)] == []
