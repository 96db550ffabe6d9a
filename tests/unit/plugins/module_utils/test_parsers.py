# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the pure CLI parsers against the golden samples (tests/golden/README.md)."""
from __future__ import annotations

import dataclasses
import pathlib

import pytest

from ansible_collections.illumos.comstar.plugins.module_utils._parsers import (
    parse_sbdadm_list_lu,
    parse_stmfadm_groups,
    parse_stmfadm_list_lu,
    parse_stmfadm_list_state,
    parse_stmfadm_list_target,
    parse_stmfadm_list_view,
)
from ansible_collections.illumos.comstar.plugins.module_utils._parsers_itadm import (
    parse_itadm_list_defaults,
    parse_itadm_list_initiator,
    parse_itadm_list_target,
    parse_itadm_list_tpg,
)
from ansible_collections.illumos.comstar.plugins.module_utils._parsers_system import (
    classify_error,
    parse_created_lu,
    parse_created_target,
    parse_rsfcli_list,
    parse_svcs_state,
    parse_svcs_transition,
    parse_zfs_values,
    parse_zfs_volumes,
    parse_zpool_names,
    split_stmfha_sections,
)
from ansible_collections.illumos.comstar.plugins.module_utils._records import (
    Defaults,
    Group,
    Initiator,
    LogicalUnit,
    SbdLu,
    StmfState,
    StmfTarget,
    Target,
    Tpg,
    TpgTag,
    View,
    Zvol,
)

GOLDEN = pathlib.Path(__file__).resolve().parents[3] / 'golden' / 'reference'

G1 = '600144F09CF9DD070000614DEADE0001'
G2 = '600144F09CF9DD070000614DEADE0002'
G3 = '600144F09CF9DD070000614DEADE0003'
G_OMNIOS = '600144F721DCA2888BA402E411EE3AF1'
T63 = 'iqn.2010-08.org.illumos:02:5e1b7f2c-0a4d-4c8e-9d0f-3c2b1a0e9f87'
T63B = 'iqn.2010-08.org.illumos:02:0c6e2d5a-77b1-4f0e-a8c3-5d9e1f2a3b4c'
TSHORT = 'iqn.2026-01.com.example:storage01.t1'
TEUI = 'eui.0123456789ABCDEF'
ESX1 = 'iqn.1998-01.com.vmware:esx01-4f3c2a1b'
ESX2 = 'iqn.1998-01.com.vmware:esx02-7d1e9c20'
IQN_SEED = 'iqn.1995-10.com.high-availability:02:b11f6a06-c9bd-cfeb-ea26-885a25d080c4'
TPG30 = 'storage-cluster-portal-grp-001'
TPG35 = 'portal-group-for-the-backup-network'
INI_LONG = 'iqn.1991-05.com.microsoft:fileserver01.backup.corp.example.com'
STANDBY = 'prop unavailable in standby'


def golden(name: str) -> str:
    """The golden file's exact text (no newline translation)."""
    return (GOLDEN / name).read_bytes().decode('utf-8')


def lu(guid: str, **fields) -> LogicalUnit:
    values = {field.name: None for field in dataclasses.fields(LogicalUnit) if field.name not in ('guid', 'standby')}
    values.update(fields)
    return LogicalUnit(guid=guid, **values)


def zvol_lu(guid: str, path: str, size: int, **fields) -> LogicalUnit:
    """A registered sbd LU with COMSTAR's defaults, as in the OmniOS transcript."""
    values = dict(operational_status='Online', provider='sbd', alias=path, view_entry_count=1, data_file=path,
                  meta_file=None, size=size, block_size=512, management_url=None, vendor_id='SUN', product_id='COMSTAR',
                  serial=None, write_protect=False, writeback_cache=False, access_state='Active')
    values.update(fields)
    return lu(guid, **values)


def target(name: str, state: str | None = 'online', sessions: int = 0, **fields) -> Target:
    values = dict(alias=None, auth=None, auth_inherited=False, chap_user=None, chap_secret_set=False, tpgs=())
    values.update(fields)
    return Target(name=name, state=state, sessions=sessions, **values)


def tags(*pairs) -> tuple:
    return tuple(TpgTag(name=name, tag=tag) for name, tag in pairs)


class Warnings(list):
    """Collects warn() calls."""

    def __call__(self, message: str) -> None:
        self.append(message)


@pytest.fixture
def warnings() -> Warnings:
    return Warnings()


def test_every_golden_file_is_listed_in_the_readme():
    readme = (GOLDEN.parent / 'README.md').read_text(encoding='utf-8')
    usage = [path.name for path in GOLDEN.iterdir() if path.name.startswith('itadm_usage_')]
    missing = [path.name for path in GOLDEN.iterdir() if path.name not in usage and 'reference/%s' % path.name not in readme]
    assert not missing
    assert len(usage) == 13


# ---------------------------------------------------------------------------
# stmfadm list-lu (reference 2.8)

OMNIOS_LU = zvol_lu(G_OMNIOS, '/dev/zvol/rdsk/pool1/vm-109-disk-1', 6442450944)
UNREGISTERED = lu(G2, operational_status='unregistered', view_entry_count=2)

LIST_LU_GOLDEN = [
    pytest.param('stmfadm_list_lu_v.txt', (OMNIOS_LU,), id='omnios-transcript-padded-vendor-product'),
    pytest.param('stmfadm_list_lu_v_unregistered.txt', (UNREGISTERED,), id='unregistered-four-lines'),
    pytest.param('stmfadm_list_lu_v_mixed.txt', (
        zvol_lu(G1, '/dev/zvol/rdsk/pool1/zvol1', 1073741824, alias='zvol1-lun',
                management_url='http://storage01.example.com/lu/zvol1', vendor_id='ACME', product_id='StorageLU',
                serial='SN-0001', writeback_cache=True),
        UNREGISTERED,
        lu(G3, operational_status='Offline', provider='sbd', alias='/export/luns/disk3.img', view_entry_count=0,
           data_file='/export/luns/disk3.img', meta_file='/export/luns/disk3.meta', size=10737418240, block_size=4096,
           management_url=None, vendor_id='SUN', product_id='COMSTAR', serial=None, write_protect=True,
           writeback_cache=False, access_state='Active'),
    ), id='registered-unregistered-mixed'),
    pytest.param('stmfadm_list_lu_v_standby.txt', (
        lu(G1, operational_status='Online', provider='sbd', alias='/dev/zvol/rdsk/pool1/zvol1', view_entry_count=1,
           access_state='Standby', standby=True),
    ), id='prop-unavailable-in-standby'),
    pytest.param('stmfadm_list_lu_v_error.txt', (
        zvol_lu(G3, '/dev/zvol/rdsk/pool2/zvol3', 2147483648, view_entry_count=None, access_state='Active->Standby'),
    ), id='error-retrieving-property-and-unknown-count'),
    pytest.param('stmfadm_list_lu.txt', (lu(G1), lu(G3)), id='plain-list-lu-without-v'),
]


@pytest.mark.parametrize('name, expected', LIST_LU_GOLDEN)
def test_parse_stmfadm_list_lu_golden(name, expected, warnings):
    assert parse_stmfadm_list_lu(golden(name), warnings) == expected
    assert warnings == []


def test_lu_zvol_property():
    assert OMNIOS_LU.zvol == 'pool1/vm-109-disk-1'
    assert lu(G1, data_file='/export/luns/disk3.img').zvol is None
    assert lu(G1).zvol is None


@pytest.mark.parametrize('value, field, expected', [
    pytest.param('not set', 'meta_file', None, id='not-set'),
    pytest.param('-', 'alias', None, id='dash-alias'),
    pytest.param('/dev/zvol/rdsk/p/v', 'alias', '/dev/zvol/rdsk/p/v', id='alias-shows-data-file'),
    pytest.param('my alias ', 'alias', 'my alias ', id='alias-reported-as-listed'),
    pytest.param('SUN     ', 'vendor_id', 'SUN', id='vendor-padding'),
    pytest.param('COMSTAR         ', 'product_id', 'COMSTAR', id='product-padding'),
    pytest.param('Enabled', 'write_protect', True, id='wp-enabled'),
    pytest.param('Disabled', 'writeback_cache', False, id='wb-disabled'),
    pytest.param('unknown', 'view_entry_count', None, id='count-unknown'),
    pytest.param('<error retrieving property>', 'size', None, id='error-retrieving'),
    pytest.param('unregistered', 'provider', None, id='provider-unregistered'),
    pytest.param('unknown', 'provider', None, id='provider-unknown'),
])
def test_parse_stmfadm_list_lu_values(value, field, expected, warnings):
    label = {'meta_file': 'Meta File', 'alias': 'Alias', 'vendor_id': 'Vendor ID', 'product_id': 'Product ID',
             'write_protect': 'Write Protect', 'writeback_cache': 'Writeback Cache', 'view_entry_count': 'View Entry Count',
             'size': 'Size', 'provider': 'Provider Name'}[field]
    text = 'LU Name: %s\n    %-18s: %s\n' % (G1.lower(), label, value)
    (record,) = parse_stmfadm_list_lu(text, warnings)
    assert record.guid == G1
    assert getattr(record, field) == expected
    assert warnings == []


def test_parse_stmfadm_list_lu_standby_flag():
    (record,) = parse_stmfadm_list_lu('LU Name: %s\n    %-18s: %s\n' % (G1, 'Size', STANDBY))
    assert record.size is None and record.standby is True


@pytest.mark.parametrize('line', [
    pytest.param('    Size              : 12abc', id='unparsable-size'),
    pytest.param('    Write Protect     : Maybe', id='unparsable-flag'),
    pytest.param('    Frobnication      : on', id='unknown-label'),
    pytest.param('garbage at column zero', id='unindented-line'),
])
def test_parse_stmfadm_list_lu_unknown_line_warns(line, warnings):
    text = golden('stmfadm_list_lu_v.txt') + line + '\n'
    result = parse_stmfadm_list_lu(text, warnings)
    assert len(result) == 1 and result[0].guid == G_OMNIOS
    assert len(warnings) == 1 and repr(line) in warnings[0]


def test_parse_stmfadm_list_lu_property_before_any_lu_warns(warnings):
    assert parse_stmfadm_list_lu('    Size              : 1\n', warnings) == ()
    assert len(warnings) == 1


# ---------------------------------------------------------------------------
# stmfadm list-view (reference 2.11)

@pytest.mark.parametrize('name, expected', [
    pytest.param('stmfadm_list_view.txt', (View(entry=0, host_group=None, target_group=None, lun=0),), id='all-all-lun0'),
    pytest.param('stmfadm_list_view_multi.txt', (
        View(entry=0, host_group='HG01', target_group='TG01', lun=0),
        View(entry=1, host_group=None, target_group='TG02', lun=3),
        View(entry=2, host_group='esx-cluster', target_group=None, lun=16383),
    ), id='named-groups'),
    pytest.param('stmfadm_list_view_solaris11.txt', (
        View(entry=0, host_group=None, target_group=None, lun=None),
        View(entry=1, host_group='HG01', target_group='TG01', lun=5),
    ), id='solaris11-target-group-lun-auto'),
])
def test_parse_stmfadm_list_view_golden(name, expected, warnings):
    assert parse_stmfadm_list_view(golden(name), warnings) == expected
    assert warnings == []


def test_parse_stmfadm_list_view_sorted_and_tolerant(warnings):
    text = ('View Entry: 3\n    Host group   : HG01\n    Frob         : x\n    LUN          : 7\n'
            'View Entry: 1\n    Host group   : All\n    Target group : All\n    LUN          : zero\n'
            'View Entry: x\n    LUN          : 1\n')
    assert parse_stmfadm_list_view(text, warnings) == (
        View(entry=1, host_group=None, target_group=None, lun=None),
        View(entry=3, host_group='HG01', target_group=None, lun=7),
    )
    assert len(warnings) == 3


# ---------------------------------------------------------------------------
# stmfadm list-hg -v / list-tg -v (reference 2.9)

@pytest.mark.parametrize('name, expected', [
    pytest.param('stmfadm_list_hg_v.txt', (Group(name='hg1', members=(ESX1,)),), id='hg-one-member'),
    pytest.param('stmfadm_list_hg_v_multi.txt', (
        Group(name='esx-cluster', members=(TEUI, ESX1, ESX2)),
        Group(name='hg-empty', members=()),
        Group(name='windows', members=('wwn.2100001B32A4C8F1',)),
    ), id='hg-iqn-eui-wwn-empty-sorted'),
    pytest.param('stmfadm_list_tg_v.txt', (
        Group(name='TG01', members=(T63B, T63)),
        Group(name='TG02', members=()),
    ), id='tg-two-members-and-empty'),
])
def test_parse_stmfadm_groups_golden(name, expected, warnings):
    assert parse_stmfadm_groups(golden(name), warnings) == expected
    assert warnings == []


def test_parse_stmfadm_groups_member_without_group_warns(warnings):
    assert parse_stmfadm_groups('\tMember: %s\nsomething else\nHost Group: HG\n' % ESX1, warnings) == (Group(name='HG', members=()),)
    assert len(warnings) == 2


# ---------------------------------------------------------------------------
# stmfadm list-target -v (reference 2.13)

def test_parse_stmfadm_list_target_golden(warnings):
    assert parse_stmfadm_list_target(golden('stmfadm_list_target_v.txt'), warnings) == (
        StmfTarget(name=T63B, operational_status='Offline', provider='iscsit', alias=None, protocol='iSCSI', sessions=0),
        StmfTarget(name=T63, operational_status='Online', provider='iscsit', alias='zvol1-iscsi', protocol='iSCSI', sessions=2),
    )
    assert warnings == []


def test_parse_stmfadm_list_target_empty_provider_and_unknown_line(warnings):
    text = 'Target: %s\n    Operational Status: Online\n    Provider Name     : \n    Frob              : 1\n    Sessions          : x\n' % T63
    assert parse_stmfadm_list_target(text, warnings) == (
        StmfTarget(name=T63, operational_status='Online', provider=None, alias=None, protocol=None, sessions=0),
    )
    assert len(warnings) == 2


# ---------------------------------------------------------------------------
# stmfadm list-state (reference 2.15)

def test_parse_stmfadm_list_state_golden():
    assert parse_stmfadm_list_state(golden('stmfadm_list_state.txt')) == StmfState(
        operational='online', config='initialized', alua='disabled', alua_node=0)


def test_parse_stmfadm_list_state_unknown_node():
    text = 'Operational Status: offline\nConfig Status     : uninitialized\nALUA Status       : unknown\nALUA Node         : unknown\n'
    assert parse_stmfadm_list_state(text) == StmfState(operational='offline', config='uninitialized', alua='unknown', alua_node=None)


def test_parse_stmfadm_list_state_incomplete_raises():
    with pytest.raises(ValueError, match='alua node'):
        parse_stmfadm_list_state('Operational Status: online\nConfig Status     : initialized\nALUA Status       : disabled\n')


# ---------------------------------------------------------------------------
# sbdadm list-lu (reference 2.16)

OMNIOS_SBD = SbdLu(guid=G_OMNIOS, size=6442450944, data_file='/dev/zvol/rdsk/pool1/vm-109-disk-1')


@pytest.mark.parametrize('name, expected', [
    pytest.param('sbdadm_list_lu.txt', (OMNIOS_SBD,), id='format-strings-with-blank-lines-and-tab'),
    pytest.param('sbdadm_list_lu_transcript.txt', (OMNIOS_SBD,), id='transcript-without-blank-lines'),
    pytest.param('sbdadm_list_lu_multi.txt', (
        SbdLu(guid=G1, size=1073741824, data_file='/dev/zvol/rdsk/pool1/zvol1'),
        SbdLu(guid=G3, size=10737418240, data_file='/export/lu files/disk3.img'),
    ), id='two-lus-path-with-blank'),
])
def test_parse_sbdadm_list_lu_golden(name, expected):
    assert parse_sbdadm_list_lu(golden(name)) == expected


def test_sbd_lu_zvol_property():
    assert OMNIOS_SBD.zvol == 'pool1/vm-109-disk-1'


# ---------------------------------------------------------------------------
# itadm list-target (reference 3.7)

QUIRK_TARGETS = (
    target(TEUI, state=None, auth='radius', auth_inherited=False, tpgs=tags(('backup-portals', 2))),
    target(T63, sessions=2, alias='zvol1-iscsi', auth='chap', chap_secret_set=True, tpgs=tags(('TPG01', 2), ('TPG02', 3))),
    target(TSHORT, state='offline', auth='none', auth_inherited=True, chap_user='storage01-chap'),
)
QUIRK_TARGETS_BRIEF = (target(TEUI, state=None), target(T63, sessions=2), target(TSHORT, state='offline'))


@pytest.mark.parametrize('name, parsable, expected', [
    pytest.param('itadm_list_target_v.txt', False, (target(T63, auth='none', auth_inherited=True),),
                 id='human-v-tab-after-63-char-name'),
    pytest.param('itadm_list_target_pv.txt', True, (
        target('iqn.2010-08.org.illumos:02:5e1b...9f87', auth='chap', chap_user='tuser', chap_secret_set=True,
               tpgs=tags(('tpg1', 2), ('tpg2', 3))),
    ), id='p-v-chap-trailing-blank'),
    pytest.param('itadm_list_target_v_quirks.txt', False, QUIRK_TARGETS, id='old-itadm-human-v-quirks'),
    pytest.param('itadm_list_target_pv_quirks.txt', True, QUIRK_TARGETS, id='p-v-quirks'),
    pytest.param('itadm_list_target_quirks.txt', False, QUIRK_TARGETS_BRIEF, id='old-itadm-human-without-v'),
    pytest.param('itadm_list_target_p_quirks.txt', True, QUIRK_TARGETS_BRIEF, id='p-without-v'),
])
def test_parse_itadm_list_target_golden(name, parsable, expected, warnings):
    assert parse_itadm_list_target(golden(name), parsable=parsable, warn=warnings) == expected
    assert warnings == []


@pytest.mark.parametrize('auth_field, auth, inherited', [
    pytest.param('chap ', 'chap', False, id='explicit-chap-trailing-blank'),
    pytest.param('none (defaults)', 'none', True, id='none-inherited'),
    pytest.param('radius (defaults)', 'radius', True, id='radius-inherited'),
    pytest.param('- ', None, False, id='dash'),
])
def test_parse_itadm_list_target_auth(auth_field, auth, inherited):
    line = '%s\tonline\t0\t-\t%s\t-\tunset\tdefault\n' % (T63, auth_field)
    (record,) = parse_itadm_list_target(line)
    assert (record.auth, record.auth_inherited) == (auth, inherited)


def test_parse_itadm_list_target_tab_after_long_name_row():
    line = '%-61s\t%-9s%-9d\n' % (T63, 'online', 3)
    assert '\t' in line
    assert parse_itadm_list_target(line, parsable=False) == (target(T63, sessions=3),)


def test_parse_itadm_list_target_seed_transcript_without_tabs(warnings):
    # The founding walkthrough's web page shows TABs as blanks (DESIGN.md, the seed).
    text = ('TARGET NAME                                                  STATE    SESSIONS\n'
            '%s       online   0\n'
            '        alias:                  zvol1-iscsi\n'
            '        auth:                   chap\n'
            '        targetchapuser:         -\n'
            '        targetchapsecret:       set\n'
            '        tpg-tags:               TPG01 = 2\n') % IQN_SEED
    assert parse_itadm_list_target(text, parsable=False, warn=warnings) == (
        target(IQN_SEED, alias='zvol1-iscsi', auth='chap', chap_secret_set=True, tpgs=tags(('TPG01', 2))),
    )
    assert warnings == []


@pytest.mark.parametrize('text, parsable', [
    pytest.param('%s\tonline\n' % T63, True, id='p-two-fields'),
    pytest.param('%s\tonline\t0\t-\tchap \t-\tset\tTPG01 = x\n' % T63, True, id='p-bad-tag'),
    pytest.param('%s online\n' % T63, False, id='human-short-row'),
    pytest.param('\tfrob:               \tx\n', False, id='human-detail-without-row'),
])
def test_parse_itadm_list_target_unknown_line_warns(text, parsable, warnings):
    parse_itadm_list_target(text, parsable=parsable, warn=warnings)
    assert len(warnings) == 1


def test_parse_itadm_list_target_bad_tag_keeps_target(warnings):
    line = '%s\tonline\t0\t-\tchap \t-\tset\tTPG01 = 2,broken\n' % T63
    (record,) = parse_itadm_list_target(line, warn=warnings)
    assert record.tpgs == tags(('TPG01', 2))
    assert len(warnings) == 1


# ---------------------------------------------------------------------------
# itadm list-tpg (reference 3.8)

QUIRK_TPGS = (
    Tpg(name='TPG01', portals=('192.168.5.10:3260',)),
    Tpg(name=TPG35, portals=('172.16.0.5:3261', '[2001:db8::10]:3260', '[fe80::1]:3260')),
    Tpg(name=TPG30, portals=('10.10.1.21:3260', '10.10.2.21:3260')),
)


@pytest.mark.parametrize('name, parsable, expected', [
    pytest.param('itadm_list_tpg_v.txt', False, (Tpg(name='tpg1', portals=('192.168.1.10:3260', '[fe80::1]:3260')),),
                 id='human-v-ipv6'),
    pytest.param('itadm_list_tpg_v_quirks.txt', False, (Tpg(name='TPG-EMPTY', portals=()),) + QUIRK_TPGS,
                 id='old-itadm-30-char-name-runs-into-count'),
    pytest.param('itadm_list_tpg_quirks.txt', False, tuple(Tpg(name=tpg.name, portals=()) for tpg in QUIRK_TPGS),
                 id='old-itadm-without-v'),
    pytest.param('itadm_list_tpg_pv.txt', True, QUIRK_TPGS, id='p-v'),
    pytest.param('itadm_list_tpg_p.txt', True, tuple(Tpg(name=tpg.name, portals=()) for tpg in QUIRK_TPGS), id='p-without-v'),
])
def test_parse_itadm_list_tpg_golden(name, parsable, expected, warnings):
    assert parse_itadm_list_tpg(golden(name), parsable=parsable, warn=warnings) == expected
    assert warnings == []


def test_parse_itadm_list_tpg_exactly_30_characters():
    assert len(TPG30) == 30
    row = '%-30s%-9d\n' % (TPG30, 2)
    assert row.startswith(TPG30 + '2')
    assert parse_itadm_list_tpg(row, parsable=False) == (Tpg(name=TPG30, portals=()),)


def test_parse_itadm_list_tpg_seed_transcript_without_tabs(warnings):
    text = 'TARGET PORTAL GROUP           PORTAL COUNT\nTPG01                         1\n    portals:    192.168.5.10:3260\n'
    assert parse_itadm_list_tpg(text, parsable=False, warn=warnings) == (Tpg(name='TPG01', portals=('192.168.5.10:3260',)),)
    assert warnings == []


@pytest.mark.parametrize('text, parsable', [
    pytest.param('TPG01\n', True, id='p-one-field'),
    pytest.param('TPG01\tmany\t1.2.3.4:3260\n', True, id='p-bad-count'),
    pytest.param('just some words here\n', False, id='human-bad-row'),
    pytest.param('    portals:\t1.2.3.4:3260\n', False, id='human-portals-without-row'),
])
def test_parse_itadm_list_tpg_unknown_line_warns(text, parsable, warnings):
    assert parse_itadm_list_tpg(text, parsable=parsable, warn=warnings) == ()
    assert len(warnings) == 1


# ---------------------------------------------------------------------------
# itadm list-initiator (reference 3.9)

QUIRK_INITIATORS = (
    Initiator(name=INI_LONG, chap_user='fileserver01-chapuser', chap_secret_set=True),
    Initiator(name='iqn.1993-08.org.debian:01:a1b2c3d4e5f6', chap_user=None, chap_secret_set=False),
    Initiator(name=ESX1, chap_user='esxuser', chap_secret_set=True),
    Initiator(name=ESX2, chap_user='chapuser-len-15', chap_secret_set=True),
)


@pytest.mark.parametrize('name, parsable, expected', [
    pytest.param('itadm_list_initiator.txt', False, (Initiator(name=ESX1, chap_user='esxuser', chap_secret_set=True),),
                 id='human-misaligned-columns'),
    pytest.param('itadm_list_initiator_quirks.txt', False, QUIRK_INITIATORS, id='old-itadm-tabs-after-long-name-and-user'),
    pytest.param('itadm_list_initiator_p.txt', True, QUIRK_INITIATORS, id='p-none-unset'),
])
def test_parse_itadm_list_initiator_golden(name, parsable, expected, warnings):
    assert parse_itadm_list_initiator(golden(name), parsable=parsable, warn=warnings) == expected
    assert warnings == []


@pytest.mark.parametrize('text, parsable', [
    pytest.param('%s\tuser\n' % ESX1, True, id='p-two-fields'),
    pytest.param('%s\n' % ESX1, False, id='human-name-only'),
])
def test_parse_itadm_list_initiator_unknown_line_warns(text, parsable, warnings):
    assert parse_itadm_list_initiator(text, parsable=parsable, warn=warnings) == ()
    assert len(warnings) == 1


# ---------------------------------------------------------------------------
# itadm list-defaults (reference 3.10)

UNSET_DEFAULTS = Defaults(alias=None, auth=None, radius_server=None, radius_secret_set=False, isns=False, isns_servers=())
SET_DEFAULTS = Defaults(alias='storage01', auth='chap', radius_server='10.0.0.5:1812', radius_secret_set=True, isns=True,
                        isns_servers=('10.0.0.7:3205', '10.0.0.8:3205'))


@pytest.mark.parametrize('name, parsable, expected', [
    pytest.param('itadm_list_defaults.txt', False, UNSET_DEFAULTS, id='human-none-unset'),
    pytest.param('itadm_list_defaults_set.txt', False, SET_DEFAULTS, id='old-itadm-human-all-set'),
    pytest.param('itadm_list_defaults_p.txt', True, UNSET_DEFAULTS, id='p-none-unset'),
    pytest.param('itadm_list_defaults_p_set.txt', True, SET_DEFAULTS, id='p-all-set'),
])
def test_parse_itadm_list_defaults_golden(name, parsable, expected):
    assert parse_itadm_list_defaults(golden(name), parsable=parsable) == expected


def test_parse_itadm_list_defaults_solaris11_transcript():
    # Solaris 11 book: no blank line after the header, blanks instead of TABs (reference 3.10).
    text = ('iSCSI Target Default Properties:\nalias:           <none>\nauth:            <none>\nradiusserver:    <none>\n'
            'radiussecret:    unset\nisns:            disabled\nisnsserver:      <none>\n')
    assert parse_itadm_list_defaults(text, parsable=False) == UNSET_DEFAULTS


def test_parse_itadm_list_defaults_empty():
    assert parse_itadm_list_defaults('') == UNSET_DEFAULTS
    assert parse_itadm_list_defaults('', parsable=False) == UNSET_DEFAULTS


# ---------------------------------------------------------------------------
# zfs, zpool, svcs, rsfcli

def test_parse_zfs_volumes_golden(warnings):
    assert parse_zfs_volumes(golden('zfs_list_volumes.txt'), warnings) == (
        Zvol(name='pool1/vm-109-disk-1', volsize=6442450944, volblocksize=8192),
        Zvol(name='pool1/zvol1', volsize=1073741824, volblocksize=8192),
        Zvol(name='pool2/backup/vol0', volsize=10737418240, volblocksize=131072),
    )
    assert warnings == []


@pytest.mark.parametrize('line', [
    pytest.param('pool1/zvol1\t1G\t8192', id='human-size'),
    pytest.param('pool1/zvol1', id='name-only'),
    pytest.param('pool1/fs\t-\t-', id='not-a-volume'),
])
def test_parse_zfs_volumes_unknown_line_warns(line, warnings):
    assert parse_zfs_volumes(line + '\n', warnings) == ()
    assert len(warnings) == 1


def test_parse_zfs_values_golden():
    assert parse_zfs_values(golden('zfs_get_volsize_volblocksize.txt')) == ('1073741824', '8192')


def test_parse_zpool_names_golden():
    assert parse_zpool_names(golden('zpool_list_names.txt')) == ('pool1', 'rpool')


@pytest.mark.parametrize('name_or_text, state, transition', [
    pytest.param('svcs_state.txt', 'online', False, id='online'),
    pytest.param('svcs_state_transition.txt', 'offline', True, id='offline-star-transition'),
    pytest.param('maintenance\n', 'maintenance', False, id='maintenance'),
    pytest.param('-\n', None, False, id='dash-empty-value'),
    pytest.param('', None, False, id='no-output'),
])
def test_parse_svcs(name_or_text, state, transition):
    text = golden(name_or_text) if name_or_text.endswith('.txt') else name_or_text
    assert parse_svcs_state(text) == state
    assert parse_svcs_transition(text) is transition


def test_parse_rsfcli_list_golden(warnings):
    result = parse_rsfcli_list(golden('rsfcli_list.txt'), warnings)
    assert result == {'pool1': 'live01', 'pool2': None}
    assert list(result) == ['pool1', 'pool2']
    assert warnings == []


def test_parse_rsfcli_list_unknown_line_warns(warnings):
    assert parse_rsfcli_list('RSF-1 is not running\npool2 : live02\n', warnings) == {'pool2': 'live02'}
    assert len(warnings) == 1


# ---------------------------------------------------------------------------
# stmfha sections (rsf1-and-pools 1)

@pytest.mark.parametrize('name, nodes, expected', [
    pytest.param('stmfha_create_tpg.txt', None, {
        'live01': 'create-tpg: TPG01 successfully created\n',
        'live02': 'create-tpg: TPG01 successfully created\n',
    }, id='create-tpg-two-nodes'),
    pytest.param('stmfha_create_target.txt', ['live01', 'live02'], {
        'live01': 'Target %s successfully created\n' % IQN_SEED,
        'live02': 'Target %s successfully created\n' % IQN_SEED,
    }, id='create-target-known-nodes'),
    pytest.param('stmfha_create_lu.txt', None, {'live01': 'Logical unit created: %s\n' % G1}, id='create-lu-one-node'),
    pytest.param('stmfha_list_tpg_v.txt', None, {
        'live01': golden('itadm_list_tpg_v_quirks.txt').split('storage-cluster')[0],
        'live02': golden('itadm_list_tpg_v_quirks.txt').split('storage-cluster')[0],
    }, id='list-tpg-v-dedented'),
    pytest.param('stmfha_list_tg_v_one_empty.txt', None, {
        'live01': 'Target Group: TG01\n\tMember: %s\n' % IQN_SEED,
        'live02': '',
    }, id='list-tg-v-empty-node'),
])
def test_split_stmfha_sections_golden(name, nodes, expected):
    assert split_stmfha_sections(golden(name), nodes) == expected


def test_stmfha_sections_feed_the_parsers():
    sections = split_stmfha_sections(golden('stmfha_create_target.txt'))
    assert {node: parse_created_target(body) for node, body in sections.items()} == {'live01': IQN_SEED, 'live02': IQN_SEED}
    lists = split_stmfha_sections(golden('stmfha_list_tpg_v.txt'), ['live01', 'live02'])
    for body in lists.values():
        assert parse_itadm_list_tpg(body, parsable=False) == (Tpg(name='TPG01', portals=('192.168.5.10:3260',)),)
    tgs = split_stmfha_sections(golden('stmfha_list_tg_v_one_empty.txt'))
    assert parse_stmfadm_groups(tgs['live02']) == ()


def test_split_stmfha_sections_known_nodes_ignore_look_alikes():
    text = 'stmfha: warning\nlive01:\n  usage:\n  TPG01:\n\nlive02:\n  stmfadm: view entry exists\n'
    assert split_stmfha_sections(text, ['live01', 'live02']) == {
        '': 'stmfha: warning\n',
        'live01': 'usage:\nTPG01:\n',
        'live02': 'stmfadm: view entry exists\n',
    }
    # Without the node list, 'usage:' is still never a node.
    assert 'usage' not in split_stmfha_sections(text)


def test_split_stmfha_sections_keeps_inner_blank_lines():
    body = golden('itadm_list_defaults.txt')
    text = 'live01:\n' + ''.join('  %s\n' % line if line else '\n' for line in body.split('\n')[:-1])
    assert split_stmfha_sections(text) == {'live01': body}


def test_split_stmfha_sections_empty():
    assert split_stmfha_sections('') == {}


# ---------------------------------------------------------------------------
# confirmations (reference 2.4, 2.5, 3.4, 3.5; quick table 9)

@pytest.mark.parametrize('stdout, name', [
    pytest.param('Target %s successfully created\n' % T63, T63, id='created'),
    pytest.param('Target %s successfully modified\n' % TSHORT, TSHORT, id='modified'),
    pytest.param('  Target %s successfully created\n' % TEUI, TEUI, id='indented-under-stmfha'),
])
def test_parse_created_target(stdout, name):
    assert parse_created_target(stdout) == name


@pytest.mark.parametrize('stdout, guid', [
    pytest.param('Logical unit created: %s\n' % G1, G1, id='created'),
    pytest.param('Logical unit imported: %s\n' % G1.lower(), G1, id='imported-lowercase'),
    pytest.param('live01:\n  Logical unit created: %s\n' % G3, G3, id='stmfha-section'),
])
def test_parse_created_lu(stdout, guid):
    assert parse_created_lu(stdout) == guid


@pytest.mark.parametrize('parser, stdout', [
    pytest.param(parse_created_target, '', id='target-empty'),
    pytest.param(parse_created_target, 'Target group created\n', id='target-stmfha-other-message'),
    pytest.param(parse_created_lu, '', id='lu-empty'),
    pytest.param(parse_created_lu, 'Logical unit created: 600144F0\n', id='lu-short-guid'),
])
def test_parse_created_absent_raises(parser, stdout):
    with pytest.raises(ValueError):
        parser(stdout)


# ---------------------------------------------------------------------------
# empty outputs (quick table 9: "list ... none" prints nothing, rc 0)

@pytest.mark.parametrize('parser, kwargs', [
    pytest.param(parse_stmfadm_list_lu, {}, id='stmfadm-list-lu'),
    pytest.param(parse_stmfadm_list_view, {}, id='stmfadm-list-view'),
    pytest.param(parse_stmfadm_groups, {}, id='stmfadm-list-hg'),
    pytest.param(parse_stmfadm_list_target, {}, id='stmfadm-list-target'),
    pytest.param(parse_sbdadm_list_lu, None, id='sbdadm-list-lu'),
    pytest.param(parse_itadm_list_target, {'parsable': True}, id='itadm-list-target-p'),
    pytest.param(parse_itadm_list_target, {'parsable': False}, id='itadm-list-target-human'),
    pytest.param(parse_itadm_list_tpg, {'parsable': True}, id='itadm-list-tpg-p'),
    pytest.param(parse_itadm_list_tpg, {'parsable': False}, id='itadm-list-tpg-human'),
    pytest.param(parse_itadm_list_initiator, {'parsable': True}, id='itadm-list-initiator-p'),
    pytest.param(parse_itadm_list_initiator, {'parsable': False}, id='itadm-list-initiator-human'),
    pytest.param(parse_zfs_volumes, {}, id='zfs-list'),
    pytest.param(parse_zfs_values, None, id='zfs-get'),
    pytest.param(parse_zpool_names, None, id='zpool-list'),
])
def test_empty_output_gives_empty_tuple(parser, kwargs, warnings):
    if kwargs is None:
        assert parser('') == ()
    else:
        assert parser('', warn=warnings, **kwargs) == ()
        assert warnings == []


def test_rsfcli_empty():
    assert parse_rsfcli_list('') == {}


# ---------------------------------------------------------------------------
# unknown lines never crash, with or without a warn callback

@pytest.mark.parametrize('parser, kwargs, name', [
    pytest.param(parse_stmfadm_list_lu, {}, 'stmfadm_list_lu_v_mixed.txt', id='list-lu'),
    pytest.param(parse_stmfadm_list_view, {}, 'stmfadm_list_view_multi.txt', id='list-view'),
    pytest.param(parse_stmfadm_groups, {}, 'stmfadm_list_hg_v_multi.txt', id='list-hg'),
    pytest.param(parse_stmfadm_list_target, {}, 'stmfadm_list_target_v.txt', id='stmfadm-list-target'),
    pytest.param(parse_itadm_list_target, {'parsable': False}, 'itadm_list_target_v_quirks.txt', id='itadm-list-target-human'),
    pytest.param(parse_itadm_list_target, {'parsable': True}, 'itadm_list_target_pv_quirks.txt', id='itadm-list-target-p'),
    pytest.param(parse_itadm_list_tpg, {'parsable': False}, 'itadm_list_tpg_v_quirks.txt', id='itadm-list-tpg-human'),
    pytest.param(parse_itadm_list_tpg, {'parsable': True}, 'itadm_list_tpg_pv.txt', id='itadm-list-tpg-p'),
    pytest.param(parse_itadm_list_initiator, {'parsable': False}, 'itadm_list_initiator_quirks.txt', id='itadm-list-initiator-human'),
    pytest.param(parse_itadm_list_initiator, {'parsable': True}, 'itadm_list_initiator_p.txt', id='itadm-list-initiator-p'),
    pytest.param(parse_zfs_volumes, {}, 'zfs_list_volumes.txt', id='zfs-list'),
    pytest.param(parse_rsfcli_list, {}, 'rsfcli_list.txt', id='rsfcli-list'),
])
def test_unknown_line_is_a_warning_not_a_crash(parser, kwargs, name, warnings):
    text = golden(name)
    expected = parser(text, **kwargs)
    noisy = 'stray line from a newer release\n' + text + '\x00\tweird: \t\n'
    assert parser(noisy, warn=warnings, **kwargs) == expected
    assert len(warnings) == 2
    assert "'stray line from a newer release'" in warnings[0]
    assert parser(noisy, **kwargs) == expected


# ---------------------------------------------------------------------------
# error classification (reference 8; every stderr of the quick table 9)

@pytest.mark.parametrize('stderr, expected', [
    pytest.param('stmfadm: filename /dev/zvol/rdsk/p/v: in use\n', 'exists', id='create-lu-file-in-use'),
    pytest.param('stmfadm: guid in use\n', 'exists', id='create-lu-guid-in-use'),
    pytest.param('stmfadm: data file error\n', None, id='create-lu-bad-path'),
    pytest.param('stmfadm: meta file error\n', None, id='import-lu-meta-file-error'),
    pytest.param('stmfadm: %s: not found\n' % G1.lower(), 'not_found', id='delete-lu-missing'),
    pytest.param('stmfadm: %s: not found\n' % G1, 'not_found', id='list-lu-missing'),
    pytest.param('stmfadm: X: already exists\n', 'exists', id='create-hg-exists'),
    pytest.param('stmfadm: X: not found\n', 'not_found', id='add-hg-member-group-missing'),
    pytest.param('stmfadm: STMF target must be offline\n', 'state', id='add-tg-member-target-online'),
    pytest.param('stmfadm: STMF service must be offline\n', 'state', id='add-tg-member-service-online'),
    pytest.param('stmfadm: X: group is in use by existing view entry\n', 'state', id='delete-hg-used-by-view'),
    pytest.param('stmfadm: view entry exists\n', 'exists', id='add-view-again'),
    pytest.param('stmfadm: LUN already in use\n', 'exists', id='add-view-lun-taken'),
    pytest.param('stmfadm: %s: no views found\n' % G1.lower(), 'not_found', id='list-view-none'),
    pytest.param('stmfadm: %s, 3: not found\n' % G1.lower(), 'not_found', id='list-view-entry-missing'),
    pytest.param('stmfadm: STMF service is offline\n', 'state', id='online-target-stmf-offline'),
    pytest.param('stmfadm: STMF service offline\n', 'state', id='list-target-stmf-offline'),
    pytest.param(golden('itadm_service_offline.stderr'), 'state', id='itadm-service-not-online'),
    pytest.param('iSCSI target %s already configured\nitadm create-target failed with error 17\n' % T63, 'exists',
                 id='create-target-exists'),
    pytest.param('Invalid name foo\nitadm create-target failed with error 22\n', None, id='create-target-invalid-name'),
    pytest.param('Invalid tpg-tag missing, tag not defined\nitadm create-target failed with error 1\n', None,
                 id='create-target-missing-tpg'),
    pytest.param('Error, create-target does not support any operands\n', None, id='create-target-operand'),
    pytest.param('Invalid secret file /dev/stdin\n', None, id='secret-file-not-regular'),
    pytest.param('Secret must be between 12 and 255 characters\n', None, id='secret-length'),
    pytest.param('Target %s not found\nitadm modify-target failed with error 22\n' % T63, 'not_found', id='modify-target-missing'),
    pytest.param("The target is online or busy. Use the -f (force) option, or 'stmfadm offline-target %s'\n"
                 'itadm delete-target failed with error 16\n' % T63, 'state', id='delete-target-online'),
    pytest.param('Target %s not found\nitadm delete-target failed with error 1\n' % T63, 'not_found', id='delete-target-missing'),
    pytest.param('Target %s not found!\nitadm list-target failed with error 1\n' % T63, 'not_found', id='list-target-missing'),
    pytest.param('Target Portal Group T already exists\nitadm create-tpg failed with error 1\n', 'exists', id='create-tpg-exists'),
    pytest.param('Portal 10.0.0.1 already in use\nitadm create-tpg failed with error 17\n', 'exists', id='create-tpg-portal-used'),
    pytest.param('Target portal group associated with one or more targets.  Cannot delete.\nitadm delete-tpg failed with error 16\n',
                 'state', id='delete-tpg-in-use'),
    pytest.param('Target Portal Group T not found!\n\nitadm list-tpg failed with error 1\n', 'not_found', id='list-tpg-missing'),
    pytest.param('Target portal group T does not exist\nitadm delete-tpg failed with error 1\n', 'not_found', id='delete-tpg-missing'),
    pytest.param('Initiator %s already exists\nitadm create-initiator failed with error 22\n' % ESX1, 'exists',
                 id='create-initiator-exists'),
    pytest.param('Error, initiator %s not found\nitadm modify-initiator failed with error 2\n' % ESX1, 'not_found',
                 id='modify-initiator-missing'),
    pytest.param('A target with name %s already exists\nitadm modify-target failed with error 1\n' % T63, 'exists',
                 id='rename-target-exists'),
    pytest.param("cannot create 'p/v': dataset already exists\n", 'exists', id='zfs-create-exists'),
    pytest.param("cannot open 'p/v': dataset does not exist\n", 'not_found', id='zfs-list-missing'),
    pytest.param("cannot open 'pool9': no such pool\n", 'not_found', id='zpool-not-imported'),
    pytest.param("cannot create 'p/v': volume size must be a multiple of volume block size\n", None, id='zfs-size-alignment'),
    pytest.param('pkg list: no packages matching the following patterns are installed:\n  foo\n', None, id='pkg-list-missing'),
    pytest.param('', None, id='empty'),
    pytest.param(None, None, id='none'),
])
def test_classify_error(stderr, expected):
    assert classify_error(stderr) == expected


# ---------------------------------------------------------------------------
# records

def test_records_are_frozen():
    view = View(entry=0, host_group=None, target_group=None, lun=0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.lun = 1  # type: ignore[misc]
