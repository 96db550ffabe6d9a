"""The tasks that read the simulator's state (the integration targets' snapshot.yml files, molecule's
read_sim.yml) never show a CHAP secret, at any verbosity: the
state holds each secret base64-encoded, so both forms are looked for in the output of a -vvv run. The
targets that take a snapshot with setup_simulator's sim action directly are safe because the action
refuses a snapshot in a task without no_log: that refusal is checked here too."""
from __future__ import annotations

import base64
import glob
import json
import os
import subprocess
import sys
from typing import Any

CI = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(os.path.dirname(CI))
SIM_HOME = os.path.join(REPO, "tests", "simulator")
TARGETS = os.path.join(REPO, "tests", "integration", "targets")
READ_SIM = os.path.join(REPO, "extensions", "molecule", "shared", "tasks", "read_sim.yml")
SECRET = "logged-nowhere-4c1e9a"

if SIM_HOME not in sys.path:
    sys.path.insert(0, SIM_HOME)

from comstar_sim import simctl  # noqa: E402  pylint: disable=wrong-import-position


def test_state_reads_show_no_secret(tmp_path: Any) -> None:
    root = str(tmp_path / "sim")
    simctl.init(root, ("live01", "live02"), True, {"pool1": "live01"})
    simctl.walkthrough(root, chap_secret=SECRET)
    snapshots = sorted(glob.glob(os.path.join(TARGETS, "*", "tasks", "snapshot.yml")))
    assert len(snapshots) >= 5
    # read_sim.yml finds the simulator three directories above the playbook's
    play_dir = tmp_path / "extensions" / "molecule" / "scenario"
    play_dir.mkdir(parents=True)
    os.symlink(os.path.join(REPO, "tests"), str(tmp_path / "tests"))
    # first, before any snapshot sets sim_state
    includes = ("    - name: A snapshot without no_log\n      sim:\n        snapshot: true\n      register: unsafe\n"
                "      ignore_errors: true\n"
                "    - name: It was refused before reading anything\n      ansible.builtin.assert:\n"
                "        that: \"unsafe is failed and 'must say no_log: true' in unsafe.msg and sim_state is not defined\"\n")
    includes += "".join(f"    - ansible.builtin.include_tasks: {path}\n" for path in snapshots + [READ_SIM])
    (play_dir / "play.yml").write_text(
        "- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n" + includes, encoding="utf-8")
    python_dir = os.path.dirname(sys.executable)
    path = os.pathsep.join([python_dir, os.environ.get("PATH", "")])
    extra = {"sim_home": SIM_HOME, "sim_bin": os.path.join(SIM_HOME, "bin"), "sim_root": root, "sim_nodes": ["live01", "live02"],
             "sim_env": {node: {"COMSTAR_SIM_ROOT": root, "COMSTAR_SIM_NODE": node, "PATH": path} for node in ("live01", "live02")}}
    # the snapshots are tasks of setup_simulator's own action (action_plugins/sim.py)
    env = dict(os.environ, ANSIBLE_ROLES_PATH=TARGETS, ANSIBLE_NOCOLOR="1",
               ANSIBLE_ACTION_PLUGINS=os.path.join(TARGETS, "setup_simulator", "action_plugins"), COMSTAR_SIM_ROOT=root, PATH=path,
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false")
    done = subprocess.run([os.path.join(python_dir, "ansible-playbook"), "-vvv", "-e", json.dumps(extra), str(play_dir / "play.yml")],
                          env=env, capture_output=True, text=True, check=False)
    forms = (SECRET, base64.b64encode(SECRET.encode()).decode("ascii"))
    output = done.stdout + done.stderr
    # judged on booleans, so that a failure does not print the secret itself
    shown = [name for name, form in zip(("clear", "base64"), forms) if form in output]
    hidden = output[-3000:].replace(forms[0], "<secret>").replace(forms[1], "<secret>")
    assert done.returncode == 0, hidden
    assert "Snapshot of the simulator" in output and "Keep the state, the calls" in output and "Keep it as data" in output
    assert not shown, "the secret is shown in the -vvv output"
