"""Filters, ordering and get_list for the in-memory store.

# frappe/model/db_query.py (v15): filters as dict ({f: v} / {f: [op, v]}) or list ([f, op, v] /
# [doctype, f, op, v]); operators = != < <= > >= in, not in, like, not like, between, is set/not set.
# String comparisons are case-insensitive like MariaDB's default utf8mb4 collation.
"""

import datetime
import re

import frappe
from frappe import _dict

NUMERIC = ("Int", "Check", "Float", "Currency", "Percent", "Rating", "Duration")
STANDARD_TYPES = {
	"creation": "Datetime",
	"modified": "Datetime",
	"docstatus": "Int",
	"idx": "Int",
}


# frappe/utils/data.py (v15) cast(): the text types it turns into str.
TEXT_TYPES = ("Data", "Text", "Small Text", "Long Text", "Text Editor", "Select", "Link", "Dynamic Link")


def cast_value(fieldtype, value, single=False):
	"""The Python type Frappe v15 hands back for a stored ``fieldtype`` value.

	``single=True``: a tabSingles text value read through get_singles_dict(cast=True) /
	get_single_value, which apply frappe/utils/data.py cast(): NULL becomes the type's "lowest"
	value (0, "", date(1, 1, 1), datetime(1, 1, 1), timedelta(0)).
	Otherwise a table column as the MariaDB driver returns it: NULL stays None, DATE → date,
	DATETIME → datetime, TIME → timedelta, INT → int, DECIMAL → float.
	"""
	if single:
		return _cast_single(fieldtype, value)
	from frappe.utils import cint, flt, get_datetime, get_timedelta, getdate

	if fieldtype in ("Int", "Check"):
		return cint(value) if value not in (None, "") else value
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(value) if value not in (None, "") else value
	if value in (None, ""):
		return None if fieldtype in ("Date", "Datetime", "Time") else value
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype == "Datetime":
		return get_datetime(value)
	if fieldtype == "Time":
		return get_timedelta(value)
	return value


def _cast_single(fieldtype, value):
	# frappe/utils/data.py (v15) cast(fieldtype, value), field by field.
	from frappe.utils import cint, cstr, flt, get_datetime, get_timedelta, getdate, sbool

	if fieldtype in ("Currency", "Float", "Percent"):
		return flt(value)
	if fieldtype in ("Int", "Check"):
		return cint(sbool(value))
	if fieldtype in TEXT_TYPES:
		return cstr(value)
	if fieldtype == "Date":
		return getdate(value) if value else datetime.date(1, 1, 1)
	if fieldtype == "Datetime":
		return get_datetime(value) if value else datetime.datetime(1, 1, 1)
	if fieldtype == "Time":
		return get_timedelta(value)
	return value


def _fieldtype(doctype, fieldname):
	if fieldname in STANDARD_TYPES:
		return STANDARD_TYPES[fieldname]
	try:
		df = frappe.get_meta(doctype).get_field(fieldname)
	except frappe.DoesNotExistError:
		return "Data"
	return df.fieldtype if df else "Data"


def _norm(v):
	if isinstance(v, str):
		return v.lower()
	return v


def _coerce(fieldtype, v):
	if v is None:
		return None
	if fieldtype == "Date" and isinstance(v, str | datetime.datetime):
		return frappe.utils.getdate(v)
	if fieldtype == "Datetime" and isinstance(v, str | datetime.date):
		return frappe.utils.get_datetime(v)
	if fieldtype in NUMERIC and isinstance(v, str):
		try:
			return float(v)
		except ValueError:
			return v
	return v


def _like(value, pattern):
	regex = "^" + "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern) + "$"
	return re.match(regex, "" if value is None else str(value), re.I | re.S) is not None


def _match(row, doctype, fieldname, op, value, cache=None):
	if "." in fieldname:
		fieldname = fieldname.split(".")[-1].strip("`")
	ft = _fieldtype(doctype, fieldname)
	actual = row.get(fieldname)
	op = op.lower().strip()
	if op in ("=", "=="):
		if value in (None, ""):
			# db_query wraps with ifnull(field, '') = ''
			return actual in (None, "")
		return actual is not None and _norm(_coerce(ft, actual)) == _norm(_coerce(ft, value))
	if op in ("!=", "<>"):
		if value in (None, ""):
			return actual not in (None, "")
		return actual is None or _norm(_coerce(ft, actual)) != _norm(_coerce(ft, value))
	if op in ("in", "not in"):
		# The normalised list is made once per query (`cache`, kept by apply_filters), not once
		# per row: a filter `name in <5,000 names>` made the double quadratic.
		key = (id(value), ft)
		values = cache.get(key) if cache is not None else None
		if values is None:
			values = value
			if isinstance(values, str):
				values = [v.strip() for v in values.split(",")]
			values = {_norm(_coerce(ft, v)) for v in values or []}
			if cache is not None:
				cache[key] = values
		present = _norm(_coerce(ft, actual if actual is not None else "")) in values
		return present if op == "in" else not present
	if op in ("like", "not like"):
		ok = _like(actual, value)
		return ok if op == "like" else not ok
	if op == "is":
		is_set = actual not in (None, "")
		return is_set if value == "set" else not is_set
	if op == "between":
		lo, hi = value
		if actual is None:
			return False
		a = _coerce(ft, actual)
		return _coerce(ft, lo) <= a <= _coerce(ft, hi)
	if op in ("<", "<=", ">", ">="):
		if actual is None:
			return False
		a, b = _coerce(ft, actual), _coerce(ft, value)
		try:
			return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
		except TypeError:
			return {
				"<": str(a) < str(b),
				"<=": str(a) <= str(b),
				">": str(a) > str(b),
				">=": str(a) >= str(b),
			}[op]
	raise frappe.ValidationError(f"Unsupported operator in test double: {op}")


def _normalise_filters(doctype, filters):
	out = []
	if not filters:
		return out
	if isinstance(filters, str):
		return [("name", "=", filters)]
	if isinstance(filters, dict):
		for k, v in filters.items():
			if isinstance(v, list | tuple) and v and isinstance(v[0], str) and len(v) == 2:
				out.append((k, v[0], v[1]))
			elif isinstance(v, list | tuple) and len(v) == 1:
				out.append((k, v[0], None))
			else:
				out.append((k, "=", v))
		return out
	for f in filters:
		if isinstance(f, dict):
			out.extend(_normalise_filters(doctype, f))
		elif len(f) == 4:
			out.append((f[1], f[2], f[3]))
		elif len(f) == 3:
			out.append((f[0], f[1], f[2]))
		elif len(f) == 2:
			out.append((f[0], "=", f[1]))
	return out


def apply_filters(rows, doctype, filters, or_filters=None):
	conds = _normalise_filters(doctype, filters)
	ors = _normalise_filters(doctype, or_filters)
	out = []
	cache = {}  # the filters' values live for the whole call, so their ids are stable keys
	for r in rows:
		if all(_match(r, doctype, f, op, v, cache) for f, op, v in conds) and (
			not ors or any(_match(r, doctype, f, op, v, cache) for f, op, v in ors)
		):
			out.append(r)
	return out


def order_rows(rows, order_by):
	if not order_by:
		return rows
	rows = list(rows)
	for part in reversed([p.strip() for p in order_by.split(",") if p.strip()]):
		bits = part.split()
		field = bits[0].split(".")[-1].strip("`")
		desc = len(bits) > 1 and bits[1].lower() == "desc"

		def key(r, field=field):
			v = r.get(field)
			if isinstance(v, str):
				v = v.lower()
			return (v is not None, v if v is not None else 0)

		try:
			rows.sort(key=key, reverse=desc)
		except TypeError:
			rows.sort(key=lambda r, field=field: str(r.get(field)), reverse=desc)
	return rows


def _parse_field(f):
	f = f.strip()
	m = re.match(r"^(.+?)\s+as\s+(\w+)$", f, re.I)
	if m:
		src, alias = m.group(1).strip(), m.group(2)
	else:
		src, alias = f, None
	src = src.split(".")[-1].strip("`")
	return src, alias or src


# The rest of frappe/model/db_query.py (v15) DatabaseQuery.execute's keywords (those above are named
# in get_list's signature); a locking read is frappe.db.get_value(s)(for_update=True) instead.
_EXECUTE_KEYWORDS = frozenset(
	{
		"docstatus",
		"with_childnames",
		"with_comment_count",
		"join",
		"ignore_ifnull",
		"save_user_settings",
		"save_user_settings_fields",
		"update",
		"add_total_row",
		"user_settings",
		"reference_doctype",
		"run",
		"strict",
		"ignore_ddl",
	}
)


def get_list(
	doctype,
	fields=None,
	filters=None,
	order_by=None,
	limit_start=None,
	limit_page_length=None,
	group_by=None,
	as_list=False,
	pluck=None,
	or_filters=None,
	ignore_permissions=False,
	user=None,
	limit=None,
	start=None,
	page_length=None,
	debug=False,
	distinct=False,
	parent_doctype=None,
	**kwargs,
):
	# frappe/model/db_query.py (v15): DatabaseQuery.execute — read permission unless ignore_permissions,
	# default fields ["name"], default order "<sort_field> <sort_order>" (modified desc), default page 20
	# It has no **kwargs and no `for_update` (frappe 15.105.0): any other keyword is a TypeError there.
	unknown = sorted(set(kwargs) - _EXECUTE_KEYWORDS)
	if unknown:
		raise TypeError(f"DatabaseQuery.execute() got an unexpected keyword argument {unknown[0]!r}")
	meta = frappe.get_meta(doctype)
	if (
		not ignore_permissions
		and not frappe.has_permission(doctype, "read", user=user)
		and not (frappe.has_permission(doctype, "select", user=user))
	):
		frappe.throw(frappe._("No permission to read {0}").format(doctype), frappe.PermissionError)
	if isinstance(fields, str):
		fields = [f for f in fields.split(",") if f.strip()]
	if pluck:
		fields = [pluck]
	fields = fields or ["name"]
	rows = frappe.local.db._select(doctype, filters, False, or_filters)
	if order_by is None:
		order_by = f"{meta.get('sort_field') or 'modified'} {meta.get('sort_order') or 'desc'}"
	rows = order_rows(rows, order_by)
	start_at = limit_start if limit_start is not None else start or 0
	length = limit if limit is not None else page_length if page_length is not None else limit_page_length
	if length is None:
		length = 20
	rows = rows[start_at:]
	if length:
		rows = rows[: int(length)]
	if "*" in fields:
		parsed = [(c, c) for c in meta.get_valid_columns()]
	else:
		parsed = [_parse_field(f) for f in fields]
	out = []
	for r in rows:
		if as_list:
			out.append(tuple(r.get(src) for src, _alias in parsed))
		else:
			out.append(_dict({alias: r.get(src) for src, alias in parsed}))
	if pluck:
		return [r[pluck] for r in out]
	return out
