# frappe/model/docstatus.py (v15): DocStatus lives there; the double defines it with Document.
from frappe.model.document import DocStatus

__all__ = ["DocStatus"]
