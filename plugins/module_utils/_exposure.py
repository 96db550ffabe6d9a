# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to this collection: who can reach a logical unit without proving anything (pure: state in, findings out)."""

from __future__ import annotations

import typing as t

from ansible_collections.illumos.comstar.plugins.module_utils._records import Initiator, Target, View
from ansible_collections.illumos.comstar.plugins.module_utils._state import NodeState

# A target bound to no TPG listens in the default portal group: every address of the node on the
# iSCSI port (reference 3.4, 3.5).
DEFAULT_PORTAL = '*:3260'


def _targets_of(state: NodeState, target_group: str | None) -> list[Target]:
    """The targets a view is offered through: every target for All, else the group's members."""
    targets = list(state.targets or ())
    if target_group is None:
        return targets
    members = next((set(group.members) for group in state.target_groups or () if group.name == target_group), set())
    return [target for target in targets if target.name in members]


def _portals(state: NodeState, target: Target) -> list[str]:
    if not target.tpgs:
        return [DEFAULT_PORTAL]
    known = {tpg.name: tpg.portals for tpg in state.tpgs or ()}
    return sorted(portal for tag in target.tpgs for portal in known.get(tag.name, ()))


def view_exposure(state: NodeState, guid: str, view: View) -> list[dict[str, t.Any]]:
    """Findings for one view: for host group All (any initiator), each target without
    authentication (auth none, set or inherited from the defaults) and each of its portals."""
    if view.host_group is not None or state.targets is None:
        return []
    found = []
    for target in _targets_of(state, view.target_group):
        if target.auth != 'none':
            continue
        why = ('view entry %d (LUN %s) is for host group All through target group %s, and the target has auth none%s: '
               'any initiator that reaches the portal can read and write the LU'
               % (view.entry, 'auto' if view.lun is None else view.lun, view.target_group or 'All',
                  ' (inherited from the defaults)' if target.auth_inherited else ''))
        found.extend({'lu': guid, 'target': target.name, 'portal': portal, 'why': why} for portal in _portals(state, target))
    return found


def exposure(state: NodeState) -> list[dict[str, t.Any]]:
    """Every finding on the node, sorted by LU, target and portal."""
    found = [item for guid, views in sorted((state.views or {}).items()) for view in views
             for item in view_exposure(state, guid, view)]
    return sorted(found, key=lambda item: (item['lu'], item['target'], item['portal']))


def exposure_warning(item: dict[str, t.Any]) -> str:
    return 'EXPOSED: logical unit %s through target %s on portal %s: %s' % (item['lu'], item['target'], item['portal'], item['why'])


def chap_lockout(target: str, initiators: t.Iterable[Initiator] | None) -> str | None:
    """A CHAP target while no initiator context has a secret: no initiator can log in (reference 3.3)."""
    if initiators is None or any(initiator.chap_secret_set for initiator in initiators):
        return None
    return ('target %s has auth_method chap, but no initiator context on this node has a CHAP secret: no initiator can '
            'log in; give each initiator its secret (illumos.comstar.comstar_initiator, chap_secret)' % target)
