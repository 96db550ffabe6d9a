# Copyright (c) 2026 illumos.comstar contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Attributes every module of this collection shares."""

    DOCUMENTATION = r'''
options: {}
attributes:
  platform:
    description: Target operating systems.
    support: full
    platforms: [illumos, solaris]
'''

    # for the modules whose check mode returns the planned commands and nothing more
    CHECK_MODE = r'''
options: {}
attributes:
  check_mode:
    support: full
    description: Returns the planned commands and changes nothing.
'''
