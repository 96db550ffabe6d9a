# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for get-pip.py, which ansible-test downloads from a host the build machines cannot reach.

ansible-test runs this file with the new virtual environment's interpreter, pip's options and the
pinned packages as arguments (`--disable-pip-version-check pip==24.2 --no-setuptools --no-wheel`).
The first time, pip comes from the interpreter's own ensurepip and is then upgraded to the pinned
version from the configured package index: about 13 s here, and `make test` makes some twenty of
these environments. The pip that results (its package and its dist-info, compiled) is then kept as a
template, per pip version and Python version, in ansible-test's cache directory; later environments
get a copy of it, which is what installing the same wheel again would write. ansible-test runs pip
as `python -m pip` style (its quiet_pip.py imports pip), so the console scripts are not made.
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile

# ansible-test runs a temporary copy of this file: the templates live beside its own cache.
CACHE = os.path.expanduser(os.path.join('~', '.ansible', 'test', 'cache', 'pip-templates'))


def pinned_pip(args: list[str]) -> 'str | None':
    """The version of `pip==X` among the arguments, if that is all that is asked for."""
    packages = [arg for arg in args if not arg.startswith('-')]
    if len(packages) == 1 and re.fullmatch(r'pip==[0-9][0-9.]*', packages[0]):
        return packages[0].split('==')[1]
    return None


def template_dir(version: str) -> str:
    return os.path.join(CACHE, 'pip-%s-py%d.%d' % (version, sys.version_info[0], sys.version_info[1]))


def pip_entries(site: str, version: str) -> list[str]:
    return ['pip', 'pip-%s.dist-info' % version] if os.path.isdir(os.path.join(site, 'pip-%s.dist-info' % version)) else []


def copy_template(template: str, site: str) -> None:
    for entry in sorted(os.listdir(template)):
        shutil.copytree(os.path.join(template, entry), os.path.join(site, entry))


def keep_template(site: str, version: str, template: str) -> None:
    """Keep what the installation wrote, atomically: several environments may be made at once."""
    entries = pip_entries(site, version)
    if not entries or os.path.isdir(template):
        return
    os.makedirs(CACHE, exist_ok=True)
    work = tempfile.mkdtemp(prefix='.pip-template-', dir=CACHE)
    try:
        for entry in entries:
            shutil.copytree(os.path.join(site, entry), os.path.join(work, entry))
        os.rename(work, template)
    except OSError:
        shutil.rmtree(work, ignore_errors=True)  # another run kept it first


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
    site = sysconfig.get_paths()['purelib']
    version = pinned_pip(args)
    template = template_dir(version) if version else ''
    if version and os.path.isdir(template) and not os.path.exists(os.path.join(site, 'pip')):
        copy_template(template, site)
        return
    # ensurepip runs in a child process: in-process it points PIP_CONFIG_FILE at /dev/null and
    # pip would then ignore the machine's index configuration.
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--upgrade'] + args)
    if version:
        keep_template(site, version, template)


if __name__ == '__main__':
    main()
