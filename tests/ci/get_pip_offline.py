# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for get-pip.py, which ansible-test downloads from a host the build machines cannot reach.

ansible-test runs this file with pip's options and pinned packages as arguments; installing pip
from the interpreter's own ensurepip and then upgrading it from the configured package index
gives the same virtual environment offline.
"""

import subprocess
import sys


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
    # ensurepip runs in a child process: in-process it points PIP_CONFIG_FILE at /dev/null and
    # pip would then ignore the machine's index configuration.
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--upgrade'] + args)


if __name__ == '__main__':
    main()
