"""tests/ci/get_pip_offline.py, ansible-test's pip bootstrap: once a pinned pip was installed the long
way, the next virtual environment gets a copy of it (package and dist-info, compiled files
included) and nothing is downloaded; another version takes the long way."""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from typing import Any

CI = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAND_IN = os.path.join(CI, "get_pip_offline.py")
PY = "py%d.%d" % sys.version_info[:2]


def bare_venv(path: Any) -> tuple[str, str]:
    """A virtual environment without pip, as ansible-test makes one: (python, site-packages)."""
    venv.EnvBuilder(with_pip=False, symlinks=True).create(str(path))
    python = os.path.join(str(path), "bin", "python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    return python, site


def template(home: Any, version: str) -> str:
    """A kept pip of VERSION under HOME's ansible-test cache, as the stand-in keeps one."""
    path = os.path.join(str(home), ".ansible", "test", "cache", "pip-templates", f"pip-{version}-{PY}")
    os.makedirs(os.path.join(path, "pip", "__pycache__"))
    os.makedirs(os.path.join(path, f"pip-{version}.dist-info"))
    with open(os.path.join(path, "pip", "__init__.py"), "w", encoding="utf-8") as handle:
        handle.write(f"__version__ = {version!r}\n")
    with open(os.path.join(path, "pip", "__pycache__", "marker.pyc"), "wb") as handle:
        handle.write(b"compiled")
    with open(os.path.join(path, f"pip-{version}.dist-info", "INSTALLER"), "w", encoding="utf-8") as handle:
        handle.write("pip\n")
    return path


def run_stand_in(python: str, home: Any, *args: str) -> subprocess.CompletedProcess[str]:
    # no index at all: a stand-in that went to the network would fail here
    env = dict(os.environ, HOME=str(home), PIP_NO_INDEX="1", PIP_FIND_LINKS="", PIP_CONFIG_FILE=os.devnull)
    return subprocess.run([python, STAND_IN, *args], env=env, capture_output=True, text=True, check=False, timeout=120)


def test_a_kept_pip_is_copied_into_the_new_environment(tmp_path: Any) -> None:
    home = tmp_path / "home"
    template(home, "99.1")
    python, site = bare_venv(tmp_path / "venv")
    done = run_stand_in(python, home, "--disable-pip-version-check", "pip==99.1", "--no-setuptools", "--no-wheel")
    assert done.returncode == 0, done.stderr
    version = subprocess.run([python, "-c", "import pip; print(pip.__version__)"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == "99.1"
    assert os.path.isfile(os.path.join(site, "pip", "__pycache__", "marker.pyc"))
    assert os.path.isfile(os.path.join(site, "pip-99.1.dist-info", "INSTALLER"))


def test_another_version_takes_the_long_way(tmp_path: Any) -> None:
    """Without a template of that very version the stand-in bootstraps with ensurepip and the index;
    with no index reachable here that fails, and the kept pip of another version is not used."""
    home = tmp_path / "home"
    template(home, "99.1")
    python, site = bare_venv(tmp_path / "venv")
    done = run_stand_in(python, home, "--disable-pip-version-check", "pip==99.2")
    assert done.returncode != 0
    assert not os.path.exists(os.path.join(site, "pip-99.1.dist-info"))
