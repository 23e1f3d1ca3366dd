"""erpnext double."""

import double_version

# erpnext/__init__.py: __version__ of the imitated release (double_version.py)
__version__ = double_version.release("erpnext")
