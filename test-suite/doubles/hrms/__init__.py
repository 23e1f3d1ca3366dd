"""hrms double. `translations/de.csv` holds German for the messages this double's leave code
raises, in our own wording, in the `source,translated,` three-column form hrms ships its
translations in (hrms/translations/de.csv); frappe/translate.py reads it like any installed app's
translations."""

import double_version

# hrms/__init__.py: __version__ of the imitated release (double_version.py)
__version__ = double_version.release("hrms")
