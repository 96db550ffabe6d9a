# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a module hands to exit_json/fail_json, before Ansible sees it.

Ansible scrubs every no_log value from a module's result, so a test of the result as a playbook
sees it passes whether or not the collection masks anything. Here exit_json/fail_json are the
module's own: the result is judged as the collection built it.
"""

from __future__ import annotations

import json
import os
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._backends import STMFHA_DEFAULT
from ansible_collections.illumos.comstar.plugins.module_utils._module import run_planner
from ansible_collections.illumos.comstar.plugins.module_utils._plan_target import InitiatorPlanner, TargetPlanner
from ansible_collections.illumos.comstar.plugins.module_utils._runner import MASK

SECRET = 'mutual-chap-9f2c1'
IQN = 'iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4'
ESX = 'iqn.1998-01.com.vmware:esx01-4f3c2a1b'
# What a tool might print back: the argv it was given, secret and all (stmfha wraps each node's
# output in its section, reference rsf1-and-pools 1).
ECHOED = 'live02:\n  itadm: modify-target -s %s %s: Configuration change failed: resource busy\n' % (SECRET, IQN)


class Exit(Exception):
    pass


class FakeModule:
    """An AnsibleModule stand-in: list commands answer from `lists`, a change from `changes`."""

    def __init__(self, params: dict[str, t.Any], check_mode: bool = False,
                 changes: dict[str, tuple[int, str, str]] | None = None, on_path: t.Iterable[str] | None = None) -> None:
        self.params = params
        self.check_mode = check_mode
        self._diff = False
        self.changes = changes or {}
        self.on_path = set(on_path) if on_path is not None else None
        self.lists: dict[str, str] = {}
        self.argvs: list[list[str]] = []
        self.result: dict[str, t.Any] = {}
        self.tmpdir = None

    def get_bin_path(self, name: str, required: bool = False) -> str | None:
        return '/usr/sbin/' + name if self.on_path is None or name in self.on_path else None

    def run_command(self, argv: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
        self.argvs.append(list(argv))
        words = [os.path.basename(argv[0])] + [arg for arg in argv[1:] if not arg.startswith('-')]
        if words[1] in self.changes:
            return self.changes[words[1]]
        return 0, self.lists.get(' '.join(words[:2]), ''), ''

    def warn(self, text: str) -> None:
        pass

    def exit_json(self, **result: t.Any) -> None:
        self.result = result
        raise Exit()

    def fail_json(self, **result: t.Any) -> None:
        self.result = dict(result, failed=True)
        raise Exit()


def target_params(**given: t.Any) -> dict[str, t.Any]:
    params = dict(name=None, alias='zvol1-iscsi', auth_method='chap', chap_user=None, chap_secret=SECRET,
                  update_secret='on_create', tpgs=None, online=None, state='present', force=False, backend='rsf1',
                  stmfha_path=STMFHA_DEFAULT, lock_timeout=5)
    params.update(given)
    return params


def initiator_params(**given: t.Any) -> dict[str, t.Any]:
    params = dict(name=ESX, chap_user=None, chap_secret=SECRET, update_secret='on_create', state='present',
                  backend='native', stmfha_path=STMFHA_DEFAULT, lock_timeout=5)
    params.update(given)
    return params


@pytest.fixture(name='stmfha_on_path')
def fixture_stmfha_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """/usr/sbin/stmfha (where get_bin_path finds it) is an executable; the default path is not there."""
    real_access = os.access
    monkeypatch.setattr(os, 'access', lambda path, mode: path == '/usr/sbin/stmfha' if path.endswith('/stmfha') else real_access(path, mode))


def run(module: FakeModule, planner: t.Any) -> dict[str, t.Any]:
    with pytest.raises(Exit):
        run_planner(t.cast(t.Any, module), planner)
    return module.result


@pytest.mark.usefixtures('stmfha_on_path')
def test_rsf1_create_failing_with_the_secret_echoed() -> None:
    """stmfha has the secret in its argv and prints it back: not one copy reaches the result."""
    module = FakeModule(target_params(), changes={'create-target': (1, ECHOED, '')})
    result = run(module, TargetPlanner(module.params))
    sent = [argv for argv in module.argvs if os.path.basename(argv[0]) == 'stmfha']
    assert sent and sent[0][1:6] == ['create-target', '--auth-method', 'chap', '--chap-secret', SECRET]
    assert result['failed'] and result['rc'] == 1
    assert SECRET not in json.dumps(result)
    assert result['cmd'][5] == MASK and result['commands'][0][5] == MASK
    assert ('-s %s %s: Configuration change failed' % (MASK, IQN)) in result['stdout']
    assert 'Configuration change failed' in result['msg'] and MASK in result['msg']


@pytest.mark.usefixtures('stmfha_on_path')
@pytest.mark.parametrize('check_mode', [True, False], ids=['check-mode', 'real-run'])
def test_rsf1_create_commands_masked(check_mode: bool) -> None:
    module = FakeModule(target_params(), check_mode=check_mode)
    created = '%s\tonline\t0\tzvol1-iscsi\tchap\t-\tset\tdefault\n' % IQN
    module.changes['create-target'] = (0, 'live01:\n  Target %s successfully created\n' % IQN, '')
    original = module.run_command

    def answer(argv: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
        if os.path.basename(argv[0]) == 'stmfha':
            module.lists['itadm list-target'] = created
        return original(argv, **kwargs)

    module.run_command = answer  # type: ignore[method-assign]
    result = run(module, TargetPlanner(module.params))
    assert 'failed' not in result, result.get('msg')
    assert result['changed'] is True
    assert result['commands'] == [['/usr/sbin/stmfha', 'create-target', '--auth-method', 'chap', '--chap-secret', MASK,
                                   '--alias', 'zvol1-iscsi']]
    assert SECRET not in json.dumps(result)
    assert any(SECRET in argv for argv in module.argvs) != check_mode


def test_native_failure_echoing_the_secret() -> None:
    """itadm reads the secret from a file; should its stderr carry it back, the message does not."""
    module = FakeModule(initiator_params(), changes={'create-initiator': (1, '', 'itadm: bad secret %s\n' % SECRET)})
    result = run(module, InitiatorPlanner(module.params))
    assert result['failed'] and 'bad secret ' + MASK in result['msg']
    assert SECRET not in json.dumps(result)
    assert all(SECRET not in arg for argv in module.argvs for arg in argv)


# -- where stmfha is found: stmfha_path when it exists, else PATH (DESIGN.md 2) -------------------------------------
@pytest.mark.parametrize('stmfha_path, existing, on_path, used', [
    (STMFHA_DEFAULT, {STMFHA_DEFAULT}, {'stmfha', 'itadm'}, STMFHA_DEFAULT),
    (STMFHA_DEFAULT, set(), {'stmfha', 'itadm'}, '/usr/sbin/stmfha'),
    ('/opt/site/bin/stmfha', {'/opt/site/bin/stmfha', STMFHA_DEFAULT}, {'stmfha', 'itadm'}, '/opt/site/bin/stmfha'),
    ('/opt/site/bin/stmfha', {STMFHA_DEFAULT}, {'stmfha', 'itadm'}, '/usr/sbin/stmfha'),
    (STMFHA_DEFAULT, {STMFHA_DEFAULT}, {'itadm'}, STMFHA_DEFAULT),
], ids=['default-path-exists', 'default-path-missing-path-fallback', 'given-path-exists', 'given-path-missing',
        'default-path-without-path-entry'])
def test_stmfha_located(monkeypatch: pytest.MonkeyPatch, stmfha_path: str, existing: set[str], on_path: set[str],
                        used: str) -> None:
    real_access = os.access
    monkeypatch.setattr(os, 'access', lambda path, mode: path in existing if path.endswith('/stmfha') else real_access(path, mode))
    module = FakeModule(target_params(stmfha_path=stmfha_path), check_mode=True, on_path=on_path)
    result = run(module, TargetPlanner(module.params))
    assert 'failed' not in result, result.get('msg')
    assert [argv[0] for argv in result['commands']] == [used]


def test_stmfha_nowhere_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real_access = os.access
    monkeypatch.setattr(os, 'access', lambda path, mode: False if path.endswith('/stmfha') else real_access(path, mode))
    module = FakeModule(target_params(), check_mode=True, on_path={'itadm'})
    result = run(module, TargetPlanner(module.params))
    assert result['failed'] and result['msg'] == ('backend=rsf1 needs stmfha: %s does not exist and stmfha is not on PATH'
                                                  % STMFHA_DEFAULT)
    assert module.argvs == []
