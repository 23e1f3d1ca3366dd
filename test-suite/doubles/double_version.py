"""Which Frappe major the double imitates, read once from the environment.

`FRAPPE_DOUBLE_VERSION=15` (the default) or `16`: where Frappe, ERPNext and Frappe HR v16 differ
from v15 in something the app touches, the double behaves as the chosen major (the list is in
docs/COMPATIBILITY.md). Anything else is refused: a typo must not quietly run the v15 double.

The release numbers are those of the real sites the app was tried on (/work/shared/DESIGN.md §10,
§10b); the double's own frappe reports `<version>-double` so tests can tell it from a real bench.
"""

import os

RELEASES = {
	15: {"frappe": "15.105.0", "erpnext": "15.104.0", "hrms": "15.59.0"},
	16: {"frappe": "16.10.7", "erpnext": "16.7.3", "hrms": "16.1.0"},
}

_RAW = os.environ.get("FRAPPE_DOUBLE_VERSION", "15").strip()
if not _RAW.isdigit() or int(_RAW) not in RELEASES:
	raise RuntimeError(f"FRAPPE_DOUBLE_VERSION={_RAW!r}: the Frappe double speaks {sorted(RELEASES)} only")

MAJOR = int(_RAW)
V16 = MAJOR >= 16


def release(app: str) -> str:
	return RELEASES[MAJOR][app]
