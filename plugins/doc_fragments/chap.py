# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """When a CHAP secret is sent: the same for a target and an initiator context."""

    DOCUMENTATION = r'''
options:
  update_secret:
    description:
      - When O(chap_secret) is sent. A stored secret reads back only as set or unset, so it cannot be compared.
      - V(on_create) sends it only while none is stored - when the module creates the object, or finds it
        without a secret.
      - V(always) sends it on every run, so the module B(always reports changed) - it is never idempotent.
    type: str
    choices: [on_create, always]
    default: on_create
'''
