# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: actions -> argv, for this node's own tools (native) or RSF-1's stmfha (rsf1)."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._plan import SERVICE_OPS, ZVOL_OPS, Action

# Stands in argv for the path of the 0600 file that carries a secret to itadm (-S).
SECRET_FILE = '<secret-file>'
STMFHA_DEFAULT = '/opt/HAC/RSF-1/bin/stmfha'
# [assumed] (rsf1-and-pools 1), with the other stmfha assumptions (Rsf1Backend): a failing node's section carries the underlying tool's message.
# These are the shapes stmfadm, itadm, zfs and an unreachable node print on failure.
STMFHA_NODE_ERROR = re.compile(
    r'^(stmfadm: |itadm |ssh: |Error|Invalid |Could not |Unrecognized option|Option .* requires|Secret |'
    r'Target .* not found|Target Portal Group .* (already exists|not found)|Portal .* already in use|'
    r'Initiator .* (already exists|not found)|iSCSI target .* already configured|The target is online or busy|'
    r'Target portal group (associated|.* does not exist)|The iSCSI target service must be online|.*: not found$|.*node .* down)',
    re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Command:
    argv: list[str]
    secret: str | None = dataclasses.field(default=None, repr=False)
    # stmfha prints one section per node; its output needs checking node by node.
    stmfha: bool = False


def _opt(flag: str, value: t.Any) -> list[str]:
    return [] if value is None else [flag, str(value)]


def _props(props: dict[str, t.Any] | None) -> list[str]:
    argv: list[str] = []
    for key, value in sorted((props or {}).items()):
        if isinstance(value, bool):
            value = 'true' if value else 'false'
        argv += ['-p', '%s=%s' % (key, value)]
    return argv


def _tpgs(tpgs: t.Sequence[str] | None) -> list[str]:
    # `-t default` means "no explicit TPG" (reference 3.4, 3.5)
    return [] if tpgs is None else ['-t', ','.join(tpgs) if tpgs else 'default']


def _defaults(args: dict[str, t.Any]) -> list[str]:
    """modify-defaults options but the secret (reference 3.10); an empty server list is `none`."""
    argv = _opt('-a', args.get('auth')) + _opt('-r', args.get('radius_server'))
    if args.get('isns') is not None:
        argv += ['-i', 'enable' if args['isns'] else 'disable']
    if args.get('isns_servers') is not None:
        argv += ['-I', ','.join(args['isns_servers']) or 'none']
    return argv


def _view(args: dict[str, t.Any]) -> list[str]:
    return _opt('-h', args.get('host_group')) + _opt('-t', args.get('target_group')) + _opt('-n', args.get('lun')) + [args['guid']]


def _stmf_argv(action: Action) -> list[str]:
    """stmfadm argv (without the program) shared by both backends for STMF and pool-bound ops."""
    args = action.args
    simple = {'online_target': 'online-target', 'offline_target': 'offline-target', 'create_tg': 'create-tg',
              'delete_tg': 'delete-tg', 'create_hg': 'create-hg', 'delete_hg': 'delete-hg'}
    if action.op in simple:
        return [simple[action.op], args['name']]
    members = {'add_tg_member': 'add-tg-member', 'remove_tg_member': 'remove-tg-member',
               'add_hg_member': 'add-hg-member', 'remove_hg_member': 'remove-hg-member'}
    if action.op in members:
        return [members[action.op], '-g', args['group'], args['member']]
    if action.op == 'create_lu':
        return ['create-lu'] + _props(args.get('props')) + _opt('-s', args.get('size')) + [args['data_file']]
    if action.op == 'import_lu':
        return ['import-lu', args['data_file']]
    if action.op == 'modify_lu':
        return ['modify-lu'] + _props(args.get('props')) + _opt('-s', args.get('size')) + [args['guid']]
    if action.op == 'delete_lu':
        return ['delete-lu'] + (['-k'] if args.get('keep_views') else []) + [args['guid']]
    if action.op == 'add_view':
        return ['add-view'] + _view(args)
    if action.op == 'remove_view':
        return ['remove-view', '-l', args['guid'], str(args['entry'])]
    raise ValueError('no stmfadm form for %s' % action.op)


def _zfs_svc_argv(action: Action) -> list[str]:
    args = action.args
    if action.op == 'create_zvol':
        props = [part for name, value in sorted((args.get('props') or {}).items()) for part in ('-o', '%s=%s' % (name, value))]
        return (['zfs', 'create'] + (['-s'] if args.get('sparse') else []) + _opt('-b', args.get('volblocksize'))
                + props + ['-V', str(args['size']), args['name']])
    if action.op == 'set_volsize':
        return ['zfs', 'set', 'volsize=%d' % args['size'], args['name']]
    if action.op == 'set_zvol_property':
        # one property per zfs set: the zfs of older illumos builds takes only one (zfs_main.c zfs_do_set)
        return ['zfs', 'set', '%s=%s' % (args['property'], args['value']), args['name']]
    if action.op == 'destroy_zvol':
        return ['zfs', 'destroy', args['name']]
    if action.op == 'enable_service':
        return ['svcadm', 'enable', '-rs', args['fmri']]
    if action.op == 'clear_service':
        return ['svcadm', 'clear', args['fmri']]
    if action.op == 'disable_service':
        return ['svcadm', 'disable', '-s', args['fmri']]
    raise ValueError('no zfs/svcadm form for %s' % action.op)


class NativeBackend:
    """This node only: itadm for iSCSI objects, stmfadm for STMF objects, a -S file for secrets."""

    name = 'native'

    def command(self, action: Action) -> Command:
        args = action.args
        secret = ['-S', SECRET_FILE] if action.secret else []
        op = action.op
        if op == 'create_tpg':
            argv = ['itadm', 'create-tpg', args['name']] + list(args['portals'])
        elif op == 'delete_tpg':
            argv = ['itadm', 'delete-tpg'] + (['-f'] if args.get('force') else []) + [args['name']]
        elif op in ('create_target', 'modify_target'):
            argv = (['itadm', op.replace('_', '-')] + _opt('-a', args.get('auth')) + _opt('-u', args.get('chap_user'))
                    + secret + _opt('-l', args.get('alias')) + _tpgs(args.get('tpgs')))
            argv += _opt('-n', args.get('name')) if op == 'create_target' else [args['name']]
        elif op == 'delete_target':
            argv = ['itadm', 'delete-target'] + (['-f'] if args.get('force') else []) + [args['name']]
        elif op in ('create_initiator', 'modify_initiator'):
            argv = ['itadm', op.replace('_', '-')] + _opt('-u', args.get('chap_user')) + secret + [args['name']]
        elif op == 'delete_initiator':
            argv = ['itadm', 'delete-initiator', args['name']]
        elif op == 'modify_defaults':
            # the RADIUS secret from a file: -D (reference 3.3, 3.10)
            argv = ['itadm', 'modify-defaults'] + _defaults(args) + (['-D', SECRET_FILE] if action.secret else [])
        elif op in ZVOL_OPS + SERVICE_OPS:
            argv = _zfs_svc_argv(action)
        else:
            argv = ['stmfadm'] + _stmf_argv(action)
        return Command(argv, secret=action.secret)


class Rsf1Backend:
    """Every COMSTAR change through RSF-1's stmfha, so it applies cluster-wide.

    [assumed] (rsf1-and-pools 1): stmfha accepts every stmfadm/itadm subcommand with the same
    options. Seen forms are used where known: create-target's long options (seed), -n (tx),
    add-tg-member --group-name (seed). stmfha takes a secret only as a value (`--chap-secret
    VALUE`, `-s VALUE`) - no file form is known - so the value is in argv and masked in output.
    """

    name = 'rsf1'

    def __init__(self, stmfha: str) -> None:
        self.stmfha = stmfha

    def command(self, action: Action) -> Command:
        args = action.args
        op = action.op
        if op in ZVOL_OPS + SERVICE_OPS:
            return NativeBackend().command(action)
        if op == 'create_tpg':
            argv = ['create-tpg', args['name']] + list(args['portals'])
        elif op == 'delete_tpg':
            argv = ['delete-tpg'] + (['-f'] if args.get('force') else []) + [args['name']]
        elif op == 'create_target':
            argv = (['create-target'] + _opt('--auth-method', args.get('auth')) + _opt('--chap-user', args.get('chap_user'))
                    + _opt('--chap-secret', action.secret) + _opt('--alias', args.get('alias')))
            argv += [] if args.get('tpgs') is None else ['--tpg', ','.join(args['tpgs']) or 'default']
            argv += _opt('-n', args.get('name'))
        elif op == 'modify_target':
            argv = (['modify-target'] + _opt('-a', args.get('auth')) + _opt('-u', args.get('chap_user'))
                    + _opt('-s', action.secret) + _opt('-l', args.get('alias')) + _tpgs(args.get('tpgs')) + [args['name']])
        elif op == 'delete_target':
            argv = ['delete-target'] + (['-f'] if args.get('force') else []) + [args['name']]
        elif op in ('create_initiator', 'modify_initiator'):
            argv = [op.replace('_', '-')] + _opt('-u', args.get('chap_user')) + _opt('-s', action.secret) + [args['name']]
        elif op == 'delete_initiator':
            argv = ['delete-initiator', args['name']]
        elif op == 'modify_defaults':
            # [assumed] (rsf1-and-pools 1): the RADIUS secret as a value, like the CHAP secret (-d VALUE)
            argv = ['modify-defaults'] + _defaults(args) + _opt('-d', action.secret)
        elif op == 'add_tg_member':
            argv = ['add-tg-member', '--group-name', args['group'], args['member']]
        else:
            argv = _stmf_argv(action)
        return Command([self.stmfha] + argv, secret=action.secret, stmfha=True)
