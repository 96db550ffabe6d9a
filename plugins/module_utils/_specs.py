# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: the options of each object, shared by its module and by comstar_config's items."""

from __future__ import annotations

import copy
import typing as t

Spec = t.Dict[str, t.Dict[str, t.Any]]

_STATE = {'type': 'str', 'choices': ['present', 'absent'], 'default': 'present'}
_FORCE = {'type': 'bool', 'default': False}
_SECRET = {'type': 'str', 'no_log': True}
_UPDATE_SECRET = {'type': 'str', 'choices': ['on_create', 'always'], 'default': 'on_create', 'no_log': False}

TPG: Spec = {
    'name': {'type': 'str', 'required': True},
    'portals': {'type': 'list', 'elements': 'str'},
    'state': _STATE,
    'force': _FORCE,
}
TPG_RULES: dict[str, t.Any] = {'required_if': [('state', 'present', ('portals',))]}

TARGET: Spec = {
    'name': {'type': 'str'},
    'alias': {'type': 'str'},
    'auth_method': {'type': 'str', 'choices': ['none', 'chap', 'radius', 'default']},
    'chap_user': {'type': 'str'},
    'chap_secret': _SECRET,
    'update_secret': _UPDATE_SECRET,
    'tpgs': {'type': 'list', 'elements': 'str'},
    'online': {'type': 'bool'},
    'state': _STATE,
    'force': _FORCE,
}
TARGET_RULES: dict[str, t.Any] = {'required_one_of': [('name', 'alias')]}

GROUP: Spec = {
    'name': {'type': 'str', 'required': True},
    'members': {'type': 'list', 'elements': 'str'},
    'append': {'type': 'bool', 'default': False},
    'state': _STATE,
    'force': _FORCE,
}

INITIATOR: Spec = {
    'name': {'type': 'str', 'required': True},
    'chap_user': {'type': 'str'},
    'chap_secret': _SECRET,
    'update_secret': _UPDATE_SECRET,
    'state': _STATE,
}

LU: Spec = {
    'zvol': {'type': 'str'},
    'data_file': {'type': 'path'},
    'size': {'type': 'str'},
    'sparse': {'type': 'bool', 'default': False},
    'volblocksize': {'type': 'str'},
    'zvol_properties': {'type': 'dict'},
    'guid': {'type': 'str'},
    'alias': {'type': 'str'},
    'block_size': {'type': 'int'},
    'write_cache': {'type': 'bool'},
    'write_protect': {'type': 'bool'},
    'vendor_id': {'type': 'str'},
    'product_id': {'type': 'str'},
    'serial': {'type': 'str'},
    'mgmt_url': {'type': 'str'},
    'state': _STATE,
    'keep_views': {'type': 'bool', 'default': False},
    'destroy_zvol': {'type': 'bool', 'default': False},
}
LU_RULES: dict[str, t.Any] = {'required_one_of': [('zvol', 'data_file')], 'mutually_exclusive': [('zvol', 'data_file')]}

VIEW: Spec = {
    'lu': {'type': 'str', 'required': True},
    'host_group': {'type': 'str'},
    'target_group': {'type': 'str'},
    'lun': {'type': 'int'},
    'state': _STATE,
    'force': _FORCE,
}

# A view inside a logical_units item of comstar_config: its LU is the item.
LU_VIEW: Spec = {key: value for key, value in VIEW.items() if key != 'lu'}

# itadm modify-defaults (reference 3.10)
DEFAULTS: Spec = {
    'auth_method': {'type': 'str', 'choices': ['none', 'chap', 'radius']},
    'radius_server': {'type': 'str'},
    'radius_secret': _SECRET,
    'update_secret': _UPDATE_SECRET,
    'isns': {'type': 'bool'},
    'isns_servers': {'type': 'list', 'elements': 'str'},
}


def options(spec: Spec) -> Spec:
    """A copy to hand to AnsibleModule (which may add keys to what it is given)."""
    return copy.deepcopy(spec)


def section(spec: Spec, rules: dict[str, t.Any] | None = None, extra: Spec | None = None) -> dict[str, t.Any]:
    """A list-of-dicts option whose items take `spec` (comstar_config's sections)."""
    entry: dict[str, t.Any] = {'type': 'list', 'elements': 'dict', 'options': dict(options(spec), **(extra or {}))}
    entry.update(copy.deepcopy(rules or {}))
    return entry


CONFIG_STATES = ['merged', 'replaced', 'overridden', 'deleted', 'gathered', 'rendered']


def config_options() -> Spec:
    """comstar_config's own options (besides backend, stmfha_path and the lock)."""
    return {
        'config': {'type': 'dict', 'options': {
            'tpgs': section(TPG),
            'initiators': section(INITIATOR),
            'targets': section(TARGET, TARGET_RULES),
            'host_groups': section(GROUP),
            'target_groups': section(GROUP),
            'logical_units': section(LU, LU_RULES, extra={'views': section(LU_VIEW)}),
            'defaults': {'type': 'dict', 'options': options(DEFAULTS)},
        }},
        'pools': {'type': 'list', 'elements': 'str'},
        'state': {'type': 'str', 'choices': list(CONFIG_STATES), 'default': 'merged'},
        'phase': {'type': 'str', 'choices': ['all', 'create', 'remove'], 'default': 'all'},
    }
