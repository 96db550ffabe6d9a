"""tests/ci/run-steps: each step's summary line gives its result, its wall time and the CPU time of what
it ran (a step that burns CPU shows it, one that sleeps does not); a failed step fails the whole run,
a step that says it was skipped (STEP_SKIP_FILE) is reported as skipped, never as passed; one that
fails without saying so is a failure."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

CI = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# about two CPU-seconds of pure computation, timed by the process itself
BURN = "import time; t = time.process_time(); all(time.process_time() - t < 2 for _ in iter(int, 1))"
MAKEFILE = f"""burn:
\t{sys.executable} -c '{BURN}'
sleep:
\tsleep 2
fail:
\texit 3
skip:
\techo no such interpreter >"$$STEP_SKIP_FILE"; exit 77
"""


def summary(output: str) -> dict[str, tuple[str, int, int]]:
    lines = re.findall(r"^(\S+) +(passed|FAILED|skipped) +(\d+)s +(\d+) CPU-s$", output, re.MULTILINE)
    return {step: (result, int(wall), int(cpu)) for step, result, wall, cpu in lines}


def test_each_step_reports_its_cpu_time(tmp_path: Any) -> None:
    (tmp_path / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    done = subprocess.run([os.path.join(CI, "run-steps"), "burn", "skip", "--", "sleep", "fail"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    steps = summary(done.stdout)
    assert set(steps) == {"burn", "skip", "sleep", "fail"}, done.stdout
    assert steps["burn"][0] == "passed" and steps["burn"][2] >= 2
    assert steps["sleep"][0] == "passed" and steps["sleep"][1] >= 2 and steps["sleep"][2] == 0
    assert steps["skip"][0] == "skipped" and steps["fail"][0] == "FAILED"
    assert "make test: 2 passed, 1 failed, 1 skipped" in done.stdout
    assert done.returncode != 0


def test_sanity_313_without_python_313_is_skipped_not_failed() -> None:
    """The project's own skip: a machine without Python 3.13 passes make test with that step skipped."""
    done = subprocess.run([os.path.join(CI, "run-steps"), "sanity-313"], cwd=os.path.dirname(os.path.dirname(CI)),
                          env=dict(os.environ, PY313=""), capture_output=True, text=True, check=False)
    assert summary(done.stdout)["sanity-313"][0] == "skipped", done.stdout
    assert "make test: 0 passed, 0 failed, 1 skipped" in done.stdout and done.returncode == 0
