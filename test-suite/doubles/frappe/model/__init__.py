# frappe/model/__init__.py (v15): field name groups
from frappe.model.meta import (  # noqa: F401
	child_table_fields,
	default_fields,
	display_fieldtypes,
	no_value_fields,
	table_fields,
)
