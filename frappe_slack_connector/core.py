"""Public Python face of the Rust core (`frappe_slack_connector._core`).

Import from here, not from `_core`. Every export is documented in its stub (`_core/*.pyi`); this module adds
nothing and never imports frappe.
"""

from frappe_slack_connector import _core
from frappe_slack_connector._core import *  # noqa: F403

__all__ = [name for name in dir(_core) if not name.startswith("_")]
