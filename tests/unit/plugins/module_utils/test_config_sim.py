# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The projection against the simulator: generated configurations are planned, applied for real, read
again and compared with what the plan projected; planned again, they need nothing."""

from __future__ import annotations

import json
import os
import random
import subprocess
import typing as t

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._config import SECTIONS, ConfigEngine
from ansible_collections.illumos.comstar.plugins.module_utils._config_run import ConfigApplier
from ansible_collections.illumos.comstar.plugins.module_utils._backends import NativeBackend
from ansible_collections.illumos.comstar.plugins.module_utils._gather import gather
from ansible_collections.illumos.comstar.plugins.module_utils._runner import Runner
from ansible_collections.illumos.comstar.plugins.module_utils import _state as state_module
from ansible_collections.illumos.comstar.plugins.module_utils._state import SUBSETS, StateReader

from ansible_collections.illumos.comstar.tests.unit.plugins.module_utils.test_config import params

SIM_BIN = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'simulator', 'bin')
NODE = 'live01'
INITIATORS = ['iqn.1998-01.com.vmware:esx%d' % number for number in range(4)]
READ = tuple(SUBSETS) + ('zvols', 'zvol_properties')
PROPERTY_CHOICES = [{'compression': 'lz4'}, {'sync': 'always', 'com.example:owner': 'ops'},
                    {'logbias': 'throughput', 'refreservation': '64M'}, {'compression': 'off', 'copies': 2}]


class SimModule:
    """Runs the simulator's programs for a Runner, as AnsibleModule.run_command would."""

    tmpdir = None

    def __init__(self, root: str) -> None:
        self.root = root

    def get_bin_path(self, name: str, required: bool = False) -> str | None:
        path = os.path.join(SIM_BIN, name)
        return path if os.path.exists(path) else None

    def run_command(self, argv: list[str], **kwargs: t.Any) -> tuple[int, str, str]:
        env = dict(os.environ, COMSTAR_SIM_ROOT=self.root, COMSTAR_SIM_NODE=NODE, **kwargs.get('environ_update', {}))
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        return done.returncode, done.stdout, done.stderr


def generated(rng: random.Random, size: int, first_lun: int = 0) -> dict[str, t.Any]:
    """A valid configuration: each target in at most one group, each initiator in at most one, LUNs apart."""
    tpgs = ['TPG%d' % number for number in range(rng.randint(1, 2))]
    targets = []
    for number in range(rng.randint(1, 3)):
        item: dict[str, t.Any] = {'alias': 'alias%d' % number, 'tpgs': rng.sample(tpgs, rng.randint(1, len(tpgs)))}
        if rng.random() < 0.5:
            item['name'] = 'iqn.2026-01.com.example:t%d' % number
        if rng.random() < 0.3:
            item['online'] = False if 'name' in item else None
        targets.append({key: value for key, value in item.items() if value is not None})
    groups = ['TG%d' % number for number in range(rng.randint(1, 2))]
    target_groups = [{'name': name, 'members': []} for name in groups]
    for item in targets:
        if rng.random() < 0.8:
            rng.choice(target_groups)['members'].append(item['alias'])
    host_groups = [{'name': 'HG%d' % number, 'members': []} for number in range(rng.randint(0, 2))]
    for initiator in rng.sample(INITIATORS, 2):
        if host_groups:
            rng.choice(host_groups)['members'].append(initiator)
    units = []
    lun = first_lun
    for number in range(size):
        views = [{'target_group': rng.choice(groups), 'lun': lun}]
        lun += 1
        others = [name for name in groups if name != views[0]['target_group']]
        if host_groups and others and rng.random() < 0.6:
            # another target group: views of one LU must not overlap (reference 2.10)
            views.append({'host_group': host_groups[0]['name'], 'target_group': others[0], 'lun': lun})
            lun += 1
        units.append({'zvol': 'pool1/vol%d' % number, 'size': '128M', 'views': views,
                      **({'alias': 'lu%d' % number} if rng.random() < 0.5 else {}),
                      **({'zvol_properties': rng.choice(PROPERTY_CHOICES)} if rng.random() < 0.7 else {})})
    return {'tpgs': [{'name': name, 'portals': ['10.0.0.%d' % (index + 1)]} for index, name in enumerate(tpgs)],
            'targets': targets, 'target_groups': target_groups, 'host_groups': host_groups, 'logical_units': units}


def resolved(config: dict[str, t.Any], symbols: dict[str, str], read: dict[str, t.Any]) -> dict[str, t.Any]:
    """A projected configuration with the IQNs and GUIDs the run learnt in place of its stand-ins, sorted
    again; the write cache of a new LU is unknown to the plan (the default is unconfirmed, reference 2.4),
    so the read value stands there."""
    def real(name: str) -> str:
        return symbols.get(name, name)

    config = json.loads(json.dumps(config))
    for item in config['targets']:
        item['name'] = real(item['name'])
    config['targets'].sort(key=lambda item: item['name'])
    for group in config['target_groups']:
        group['members'] = sorted(real(member) for member in group['members'])
    for item in config['logical_units']:
        item['guid'] = real(item['guid'])
    config['logical_units'].sort(key=lambda item: item['guid'])
    caches = {item['guid']: item.get('write_cache') for item in read['logical_units']}
    for item in config['logical_units']:
        if 'write_cache' not in item and caches.get(item['guid']) is not None:
            item['write_cache'] = caches[item['guid']]
    return config


def converge(root: str, config: dict[str, t.Any], mode: str) -> None:
    """One comstar_config run: plan over the read, apply, then compare the projection with a full re-read."""
    runner = Runner(t.cast(t.Any, SimModule(root)))
    engine = ConfigEngine(params(config, mode))
    engine.validate()
    reader = StateReader(runner)
    fold = engine.plan(reader.read(READ, pools=('pool1',)), check_mode=False)
    applier = ConfigApplier(runner, NativeBackend())
    applier.apply(fold.actions)
    again = reader.read(READ, pools=('pool1',))
    read = gather(again, SECTIONS)
    assert resolved(gather(fold.state, SECTIONS), applier.symbols, read) == read
    check = ConfigEngine(params(config, mode))
    check.validate()
    assert check.plan(again, check_mode=False).actions == []


@pytest.mark.parametrize('seed', range(2))
def test_projection_matches_the_simulator(seed: int, tmp_path: t.Any) -> None:
    root = str(tmp_path / 'sim')
    subprocess.run([os.path.join(SIM_BIN, 'simctl'), 'init', '--root', root, '--nodes', NODE, '--no-rsf1',
                    '--pool', 'pool1=' + NODE, '--ready'], check=True, capture_output=True)
    rng = random.Random(seed)
    converge(root, generated(rng, 2), 'merged')
    # LUNs apart from the first run's: views removed by overridden go last, after the new ones
    converge(root, generated(rng, 2, first_lun=100), 'overridden')


def test_many_view_reads_run_side_by_side_with_the_same_result(tmp_path: t.Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """From PARALLEL_VIEWS_FROM LUs with views on, list-view runs a few at a time: same views, one call per LU."""
    root = str(tmp_path / 'sim')
    subprocess.run([os.path.join(SIM_BIN, 'simctl'), 'init', '--root', root, '--nodes', NODE, '--no-rsf1',
                    '--pool', 'pool1=' + NODE, '--ready'], check=True, capture_output=True)
    count = state_module.PARALLEL_VIEWS_FROM + 2
    config = {'target_groups': [{'name': 'TG01'}],
              'logical_units': [{'zvol': 'pool1/v%d' % number, 'size': '64M',
                                 'views': [{'target_group': 'TG01', 'lun': number}] if number % 3 else []}
                                for number in range(count)]}
    converge(root, config, 'merged')
    runner = Runner(t.cast(t.Any, SimModule(root)))
    side_by_side = StateReader(runner).read(('logical_units', 'views'))
    monkeypatch.setattr(state_module, 'PARALLEL_VIEWS_FROM', 10 ** 6)
    one_by_one = StateReader(Runner(t.cast(t.Any, SimModule(root)))).read(('logical_units', 'views'))
    assert side_by_side.views == one_by_one.views
    assert sum(1 for views in side_by_side.views.values() if views) == len([n for n in range(count) if n % 3])
    assert sorted(command[-1] for command in runner.commands if command[1] == 'list-view') == sorted(
        lu.guid for lu in side_by_side.logical_units if lu.view_entry_count)


def test_zvol_properties_adopted_from_gathered_change_nothing(tmp_path: t.Any) -> None:
    """Volumes tuned by hand (zfs create -o, zfs set): gathered carries what is set on them, applying it
    plans nothing, one zfs get read them all; a changed value is one zfs set."""
    root = str(tmp_path / 'sim')
    sim = SimModule(root)
    subprocess.run([os.path.join(SIM_BIN, 'simctl'), 'init', '--root', root, '--nodes', NODE, '--no-rsf1',
                    '--pool', 'pool1=' + NODE, '--ready'], check=True, capture_output=True)
    zfs = os.path.join(SIM_BIN, 'zfs')
    for argv in (['create', '-o', 'compression=lz4', '-o', 'com.example:owner=ops', '-V', '128M', 'pool1/a'],
                 ['create', '-s', '-V', '128M', 'pool1/b'], ['set', 'sync=always', 'pool1/b'],
                 ['set', 'refreservation=64M', 'pool1/b'], ['create', '-V', '128M', 'pool1/c']):
        assert sim.run_command([zfs] + argv)[0] == 0
    for name in ('a', 'b', 'c'):
        assert sim.run_command([os.path.join(SIM_BIN, 'stmfadm'), 'create-lu', '/dev/zvol/rdsk/pool1/' + name])[0] == 0
    runner = Runner(t.cast(t.Any, sim))
    state = StateReader(runner).read(READ, pools=('pool1',))
    assert [command for command in runner.commands if command[:2] == ['zfs', 'get']] == [
        ['zfs', 'get', '-H', '-p', '-o', 'name,property,value', '-s', 'local', '-t', 'volume', '-r', 'all', 'pool1']]
    adopted = gather(state, ['logical_units'], ('pool1',))
    assert [item.get('zvol_properties') for item in sorted(adopted['logical_units'], key=lambda item: item['zvol'])] == [
        {'com.example:owner': 'ops', 'compression': 'lz4'}, {'refreservation': str(64 << 20), 'sync': 'always'}, None]
    for mode in ('merged', 'overridden'):
        engine = ConfigEngine(params(adopted, mode))
        engine.validate()
        assert 'zvol_properties' in engine.subsets()
        assert engine.plan(state, check_mode=False).actions == []
    adopted['logical_units'][0]['zvol_properties']['compression'] = 'gzip-6'
    engine = ConfigEngine(params(adopted, 'merged'))
    engine.validate()
    actions = engine.plan(state, check_mode=False).actions
    assert [NativeBackend().command(action).argv for action in actions] == [['zfs', 'set', 'compression=gzip', 'pool1/a']]
