"""In-memory ``frappe.db`` of the test double.

# frappe/database/database.py (v15): get_value/set_value/get_single_value/get_singles_dict/exists/
# count/commit/rollback + CallbackManager (before/after commit/rollback). Rows are typed like MariaDB
# returns them (Date -> date, Check/Int -> int, Float -> float); Singles are stored as text like
# `tabSingles`. ``commit()`` snapshots the store, ``rollback()`` restores the last snapshot.
"""

import copy
import datetime
import threading
from collections import deque

import frappe
from frappe import _, _dict

from .query import apply_filters, cast_value, order_rows

DefaultOrderBy = "KEEP_DEFAULT_ORDERING"


class CallbackManager:
	# frappe/utils/__init__.py (v15): CallbackManager — add(fn), run() pops FIFO, reset()
	def __init__(self):
		self._functions = deque()

	def add(self, func):
		self._functions.append(func)

	def __call__(self, func):
		self.add(func)

	def run(self):
		while self._functions:
			self._functions.popleft()()

	def reset(self):
		self._functions.clear()

	def __len__(self):
		return len(self._functions)


class InvalidColumnName(frappe.ValidationError):
	pass


def _empty_store():
	return {"tables": {}, "singles": {}, "auth": {}, "series": {}, "defaults": {}}


def _single_text(value):
	# tabSingles.value is a text column: the driver stores str(value); None stays NULL
	if value is None:
		return None
	if isinstance(value, bool):
		return "1" if value else "0"
	if isinstance(value, datetime.datetime):
		return value.strftime("%Y-%m-%d %H:%M:%S.%f")
	if isinstance(value, datetime.date):
		return value.isoformat()
	if isinstance(value, float) and value.is_integer():
		return str(value)
	return str(value)


class Database:
	InvalidColumnName = InvalidColumnName

	def __init__(self):
		self._lock = threading.RLock()
		self._store = _empty_store()
		self._committed = copy.deepcopy(self._store)
		self._savepoints = {}
		self.before_commit = CallbackManager()
		self.after_commit = CallbackManager()
		self.before_rollback = CallbackManager()
		self.after_rollback = CallbackManager()
		self.value_cache = {}
		self.transaction_writes = 0
		self.commits = 0
		self.rollbacks = 0

	# ------------------------------------------------------------ raw storage

	def _table(self, doctype):
		return self._store["tables"].setdefault(doctype, {})

	def _rows(self, doctype):
		return list(self._store["tables"].get(doctype, {}).values())

	def _get_row(self, doctype, name):
		return self._store["tables"].get(doctype, {}).get(name)

	def _insert_row(self, doctype, row):
		with self._lock:
			table = self._table(doctype)
			if row["name"] in table:
				return False
			table[row["name"]] = row
			self.transaction_writes += 1
			return True

	def _update_row(self, doctype, name, values):
		with self._lock:
			row = self._table(doctype).get(name)
			if row is not None:
				row.update(values)
				self.transaction_writes += 1

	def _delete_row(self, doctype, name):
		with self._lock:
			self._table(doctype).pop(name, None)
			self.transaction_writes += 1

	def _singles(self, doctype):
		return self._store["singles"].setdefault(doctype, {})

	def _next_series(self, prefix):
		with self._lock:
			current = self._store["series"].get(prefix, 0) + 1
			self._store["series"][prefix] = current
			return current

	# ------------------------------------------------------------ transactions

	def begin(self, *, read_only=False):
		pass

	def commit(self):
		# frappe/database/database.py (v15): reset rollback callbacks, run before_commit, COMMIT,
		# begin, run after_commit
		self.before_rollback.reset()
		self.after_rollback.reset()
		self.before_commit.run()
		with self._lock:
			self._committed = copy.deepcopy(self._store)
			self._savepoints.clear()
			self.transaction_writes = 0
			self.commits += 1
		self.after_commit.run()

	def rollback(self, *, save_point=None):
		# frappe/database/database.py (v15): rollback(save_point=...) or full ROLLBACK with
		# before_commit/after_commit reset and after_rollback run
		if save_point:
			with self._lock:
				self._store = copy.deepcopy(self._savepoints[save_point])
			return
		self.before_commit.reset()
		self.after_commit.reset()
		self.before_rollback.run()
		with self._lock:
			self._store = copy.deepcopy(self._committed)
			self._savepoints.clear()
			self.transaction_writes = 0
			self.rollbacks += 1
		self.after_rollback.run()

	def _discard(self):
		"""Connection closed with an open transaction: changes vanish, no callbacks run."""
		with self._lock:
			self._store = copy.deepcopy(self._committed)
			self.transaction_writes = 0
		self.before_commit.reset()
		self.after_commit.reset()
		self.before_rollback.reset()
		self.after_rollback.reset()

	def savepoint(self, save_point):
		with self._lock:
			self._savepoints[save_point] = copy.deepcopy(self._store)

	def release_savepoint(self, save_point):
		self._savepoints.pop(save_point, None)

	def close(self):
		pass

	def sql(self, *args, **kwargs):
		raise NotImplementedError("frappe.db.sql is not imitated by the test double; use get_all/get_value")

	# ------------------------------------------------------------ reads

	def get_value(
		self,
		doctype,
		filters=None,
		fieldname="name",
		ignore=None,
		as_dict=False,
		debug=False,
		order_by=DefaultOrderBy,
		cache=False,
		for_update=False,
		*,
		run=True,
		pluck=False,
		distinct=False,
		skip_locked=False,
		wait=True,
	):
		# frappe/database/database.py (v15): first row of get_values; a str/list-of-one fieldname gives
		# a scalar, several fields a tuple, as_dict a _dict; nothing found -> None
		result = self.get_values(
			doctype,
			filters,
			fieldname,
			ignore,
			as_dict,
			debug,
			order_by,
			cache=cache,
			for_update=for_update,
			limit=1,
		)
		if not result:
			return None
		row = result[0]
		if as_dict:
			return row
		return row if len(row) > 1 else row[0]

	def get_values(
		self,
		doctype,
		filters=None,
		fieldname="name",
		ignore=None,
		as_dict=False,
		debug=False,
		order_by=DefaultOrderBy,
		update=None,
		cache=False,
		for_update=False,
		*,
		run=True,
		pluck=False,
		distinct=False,
		limit=None,
	):
		meta = frappe.get_meta(doctype)
		if filters is not None and (filters != doctype or doctype == "DocType") and not meta.issingle:
			fields = [fieldname] if isinstance(fieldname, str) else list(fieldname)
			if "*" in fields:
				fields = None
			if isinstance(filters, str | int):
				filters = {"name": str(filters)}
			rows = apply_filters(self._rows(doctype), doctype, filters)
			if order_by and order_by != DefaultOrderBy:
				rows = order_rows(rows, order_by)
			if limit:
				rows = rows[:limit]
			out = []
			for r in rows:
				cols = fields or list(r)
				if as_dict:
					out.append(_dict({c: r.get(c) for c in cols}))
				else:
					out.append(tuple(r.get(c) for c in cols))
			if pluck:
				return [r[0] for r in out]
			return out
		# frappe/database/database.py (v15): get_values_from_single — for_update is NOT applied to
		# Singles; values are the raw text of tabSingles
		if not meta.issingle:
			return []
		values = self._singles(doctype)
		fields = [fieldname] if isinstance(fieldname, str) else list(fieldname)
		if "*" in fields:
			return [_dict(values)] if as_dict else [tuple(values.values())]
		if as_dict:
			return [_dict({f: values.get(f) for f in fields})]
		return [tuple(values.get(f) for f in fields)]

	def get_single_value(self, doctype, fieldname, cache=True):
		# frappe/database/database.py (v15): value cast by the field's type; unknown field throws
		meta = frappe.get_meta(doctype)
		df = meta.get_field(fieldname)
		if not df and fieldname not in ("name", "modified", "owner", "creation"):
			frappe.throw(_("Invalid field name: {0}").format(frappe.bold(fieldname)), self.InvalidColumnName)
		val = self._singles(doctype).get(fieldname)
		return cast_value(df.fieldtype if df else "Data", val, single=True)

	def get_singles_dict(self, doctype, debug=False, *, for_update=False, cast=False):
		# frappe/database/database.py (v15): {field: text value}; cast=True casts by fieldtype.
		# for_update=True locks the tabSingles rows (SELECT ... FOR UPDATE): the double serialises
		# through frappe.utils.synchronization instead — it records the request in `singles_locked`.
		if for_update:
			self.singles_locked = getattr(self, "singles_locked", [])
			self.singles_locked.append(doctype)
		values = _dict(self._singles(doctype))
		if cast:
			meta = frappe.get_meta(doctype)
			for k, v in list(values.items()):
				df = meta.get_field(k)
				if df:
					values[k] = cast_value(df.fieldtype, v, single=True)
		return values

	def get_default(self, key, parent="__default"):
		# frappe/database/database.py + frappe/defaults.py (v15): a DefaultValue row of `parent`
		# (System Settings' on_update writes its changed fields and "lang" under "__default")
		defaults = self._store["defaults"].get(parent, {})
		if key in defaults:
			return defaults[key]
		if key == "date_format":
			return self._singles("System Settings").get("date_format") or "dd-mm-yyyy"
		return None

	def set_default(self, key, val, parent="__default", parenttype=None):
		# frappe/database/database.py (v15): set_default -> frappe.defaults.set_default (DefaultValue)
		with self._lock:
			self._store["defaults"].setdefault(parent, {})[key] = val
			self.transaction_writes += 1

	def exists(self, dt, dn=None, cache=False):
		# frappe/database/database.py (v15): name of a matching document or None; dict filters
		# allowed (incl. {"doctype": ...}); a Single "exists" when dt == dn
		if isinstance(dt, dict):
			dn = dict(dt)
			dt = dn.pop("doctype")
		if dt != "DocType" and dt == dn and frappe.get_meta(dt).issingle:
			return True
		if dn is None:
			return None
		return self.get_value(dt, dn, "name", order_by=None)

	def count(self, dt, filters=None, debug=False, cache=False, distinct=True):
		# frappe/database/database.py (v15): count of rows matching filters
		return len(apply_filters(self._rows(dt), dt, filters or {}))

	def get_all(self, *args, **kwargs):
		return frappe.get_all(*args, **kwargs)

	def get_list(self, *args, **kwargs):
		return frappe.get_list(*args, **kwargs)

	def get_table_columns(self, doctype):
		return frappe.get_meta(doctype).get_valid_columns()

	def has_column(self, doctype, column):
		return column in self.get_table_columns(doctype)

	# ------------------------------------------------------------ writes

	def set_value(
		self,
		dt,
		dn,
		field,
		val=None,
		modified=None,
		modified_by=None,
		update_modified=True,
		debug=False,
	):
		# frappe/database/database.py (v15): direct UPDATE without controller hooks; dn may be a
		# filter dict; updates modified/modified_by unless update_modified=False
		from frappe.utils import now_datetime

		to_update = dict(field) if isinstance(field, dict) else {field: val}
		if update_modified:
			to_update["modified"] = modified or now_datetime()
			to_update["modified_by"] = modified_by or frappe.session.user
		meta = frappe.get_meta(dt)
		if meta.issingle:
			with self._lock:
				singles = self._singles(dt)
				for k, v in to_update.items():
					singles[k] = _single_text(v)
				self.transaction_writes += 1
			return
		filters = dn if isinstance(dn, dict) else {"name": dn}
		for row in apply_filters(self._rows(dt), dt, filters):
			typed = {}
			for k, v in to_update.items():
				df = meta.get_field(k)
				typed[k] = cast_value(df.fieldtype, v) if df else v
			self._update_row(dt, row["name"], typed)

	def set_single_value(self, doctype, fieldname, value=None, *args, **kwargs):
		# frappe/database/database.py (v15): = set_value(doctype, doctype, fieldname, value)
		return self.set_value(doctype, doctype, fieldname, value, *args, **kwargs)

	def delete(self, doctype, filters=None, debug=False, **kwargs):
		# frappe/database/database.py (v15): DELETE rows matching filters (no hooks)
		if frappe.get_meta(doctype).issingle:
			with self._lock:
				self._store["singles"].pop(doctype, None)
			return
		for row in apply_filters(self._rows(doctype), doctype, filters or {}):
			self._delete_row(doctype, row["name"])

	def truncate(self, doctype):
		with self._lock:
			self._store["tables"].pop(doctype, None)
