"""The server behind the launchers (comstar_sim/server.py, client.py): the same answers, state and
log as a call run in-process, other writers seen, one server per state directory, gone when idle."""
from __future__ import annotations

import os
import subprocess
import time

from conftest import BIN, Sim
from comstar_sim import client

SCRIPT = [("itadm", "create-tpg", "TPG01", "192.168.5.10:3260"),
          ("itadm", "create-target", "-n", "iqn.2026-01.com.example:t1", "-t", "TPG01"),
          ("stmfadm", "create-tg", "TG01"),
          ("stmfadm", "offline-target", "iqn.2026-01.com.example:t1"),
          ("stmfadm", "add-tg-member", "-g", "TG01", "iqn.2026-01.com.example:t1"),
          ("stmfadm", "online-target", "iqn.2026-01.com.example:t1"),
          ("zfs", "create", "-V", "1G", "pool1/zvol1"),
          ("stmfadm", "create-lu", "/dev/zvol/rdsk/pool1/zvol1"),
          ("stmfadm", "list-lu", "-v"),
          ("stmfadm", "create-tg", "TG01"),  # refused: exists
          ("stmfadm", "list-tg", "-v"),
          ("itadm", "list-target", "-v"),
          ("svcs", "-H", "-o", "state", "svc:/system/stmf:default")]


def servers(root: str) -> list[str]:
    """The server processes that serve ROOT, by their command line in /proc (procps may be missing)."""
    wanted = os.path.realpath(root)
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                argv = handle.read().split(b"\0")
        except OSError:
            continue  # gone meanwhile
        words = [os.fsdecode(word) for word in argv if word]
        if len(words) >= 3 and "comstar_sim import server" in words[-2] and words[-1] == wanted:
            found.append(pid)
    return found


def wait_for(condition, seconds: float = 20.0) -> bool:
    """Poll until CONDITION() holds (a server starts or exits in the background); whether it did."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_server_answers_as_in_process(tmp_path) -> None:
    """The walkthrough's first steps through the server and with COMSTAR_SIM_SERVER=0: same bytes,
    exit statuses, state and log; only the first run started a server."""
    served, alone = Sim(str(tmp_path / "served")), Sim(str(tmp_path / "alone"))
    served.init()
    alone.init()
    served.ok("svcs", "-H", "-o", "state", "svc:/system/stmf:default")
    alone.run("svcs", "-H", "-o", "state", "svc:/system/stmf:default", env={client.SERVER_VARIABLE: "0"})
    assert wait_for(lambda: client.listening(served.root))
    for argv in SCRIPT:
        assert served.run(*argv) == alone.run(*argv, env={client.SERVER_VARIABLE: "0"}), argv
    assert served.state() == alone.state()
    assert served.log() == alone.log()
    assert len(servers(served.root)) == 1 and not servers(alone.root)


def test_other_writers_are_seen(sim: Sim) -> None:
    """A change made beside the server (simctl, an in-process edit) is what the next call sees."""
    sim.ok("stmfadm", "create-hg", "HG01")
    assert wait_for(lambda: client.listening(sim.root))
    with sim.edit() as cluster:
        cluster["node_state"]["live01"]["stmf"]["host_groups"]["HG02"] = []
    assert sim.ok("stmfadm", "list-hg") == "Host Group: HG01\nHost Group: HG02\n"
    sim.ctl("fault", "add", "--command", "stmfadm", "--subcommand", "list-hg", "--stderr", "busy\n", "--rc", "3")
    assert sim.run("stmfadm", "list-hg") == ("", "busy\n", 3)
    assert sim.ok("stmfadm", "list-hg") == "Host Group: HG01\nHost Group: HG02\n"
    sim.init()  # a new state in the same directory
    assert sim.ok("stmfadm", "list-hg") == ""


def test_stop_and_start_again(sim: Sim) -> None:
    """stop() ends the server; the next call starts another and finds the state as it was."""
    sim.ok("stmfadm", "create-hg", "HG01")
    assert wait_for(lambda: client.listening(sim.root))
    assert client.stop(sim.root)
    assert wait_for(lambda: not servers(sim.root))
    assert not client.stop(sim.root)
    assert sim.ok("stmfadm", "list-hg") == "Host Group: HG01\n"
    assert wait_for(lambda: client.listening(sim.root)) and len(servers(sim.root)) == 1
    assert sim.ok("stmfadm", "list-hg") == "Host Group: HG01\n"


def test_idle_server_exits(sim: Sim) -> None:
    """Without calls for COMSTAR_SIM_IDLE_SECONDS the server exits by itself."""
    assert sim.run("svcs", "-H", "-o", "state", "svc:/system/stmf:default", env={"COMSTAR_SIM_IDLE_SECONDS": "1"})[2] == 0
    assert wait_for(lambda: servers(sim.root))
    assert wait_for(lambda: not servers(sim.root), 10)


def test_relative_secret_file_is_the_callers(sim: Sim, tmp_path) -> None:
    """A secret file named relative to the caller's directory is read there, not the server's."""
    (tmp_path / "secret").write_bytes(b"secret-of-16char")
    sim.ok("svcs", "-H", "-o", "state", "svc:/system/stmf:default")
    assert wait_for(lambda: client.listening(sim.root))
    done = subprocess.run([os.path.join(BIN, "itadm"), "create-initiator", "-S", "secret",
                           "iqn.1998-01.com.example:host1"], cwd=str(tmp_path), capture_output=True, text=True,
                          env=dict(os.environ, COMSTAR_SIM_ROOT=sim.root), check=False)
    assert done.returncode == 0, done.stderr
    assert sim.log()[-1]["secret_files"][0]["regular"] is True
