"""Document of the test double.

# frappe/model/document.py + base_document.py + naming.py (v15): insert/save/submit/cancel flow,
# docstatus transitions, naming, mandatory/select/link validation, fetch_from, permissions incl.
# permlevel reset, Password fields in __Auth, controller hooks + hooks.py doc_events.
"""

import copy
import datetime

import frappe
from frappe import _, _dict
from frappe.model.meta import default_fields, display_fieldtypes, table_fields
from frappe.utils import cint, cstr, now_datetime, strip_html

NO_LINK_VALIDATION = {"Role", "DocType", "Currency", "Country", "Letter Head", "Salary Slip"}


class DocStatus(int):
	# frappe/model/docstatus.py (v15): int with is_draft/is_submitted/is_cancelled
	def is_draft(self):
		return self == 0

	def is_submitted(self):
		return self == 1

	def is_cancelled(self):
		return self == 2

	@classmethod
	def draft(cls):
		return cls(0)

	@classmethod
	def submitted(cls):
		return cls(1)

	@classmethod
	def cancelled(cls):
		return cls(2)


def _is_dummy_password(pwd):
	# frappe/model/base_document.py (v15): is_dummy_password -> only "*" characters
	return "".join(set(cstr(pwd))) == "*"


class Document:
	def __init__(self, *args, **kwargs):
		self.__dict__["flags"] = _dict()
		self.__dict__["_table_fieldnames"] = set()
		if args and isinstance(args[0], str) and (len(args) > 1 or kwargs.get("name") is not None):
			# Document(doctype, name) -> load
			self.doctype = args[0]
			self.name = args[1] if len(args) > 1 else kwargs["name"]
			self._init_table_fields()
			# frappe/model/document.py (v15): "for_update is set in flags to avoid changing
			# load_from_db signature"
			self.flags.for_update = kwargs.get("for_update")
			self.load_from_db()
			return
		if args and isinstance(args[0], str):
			# Document("Single Name")
			self.doctype = self.name = args[0]
			self._init_table_fields()
			self.flags.for_update = kwargs.get("for_update")
			self.load_from_db()
			return
		d = args[0] if args else kwargs
		d = dict(d)
		self.doctype = d.pop("doctype")
		self._init_table_fields()
		self.docstatus = DocStatus(cint(d.pop("docstatus", 0)))
		self.update(d)

	def _init_table_fields(self):
		meta = frappe.get_meta(self.doctype)
		self.__dict__["_table_fieldnames"] = {f.fieldname for f in meta.get_table_fields()}
		for f in self._table_fieldnames:
			self.__dict__.setdefault(f, [])

	# ------------------------------------------------------------ dict-like access

	@property
	def meta(self):
		return frappe.get_meta(self.doctype)

	def __getattr__(self, key):
		if key.startswith("__"):
			raise AttributeError(key)
		# frappe/model/base_document.py (v15): unknown fields read as None
		return None

	def get(self, key, default=None):
		if isinstance(key, dict):
			return _dict(key)
		value = self.__dict__.get(key, default)
		if value is None and default is not None:
			return default
		return value

	def set(self, key, value, as_value=False):
		if key in self._table_fieldnames and isinstance(value, list) and not as_value:
			self.__dict__[key] = []
			for row in value:
				self.append(key, row)
			return
		if key == "docstatus":
			value = DocStatus(cint(value))
		self.__dict__[key] = value

	def __setattr__(self, key, value):
		self.set(key, value)

	def update(self, d):
		# frappe/model/base_document.py (v15): update() sets each key (name first)
		if "name" in d:
			self.name = d["name"]
		for k, v in d.items():
			if k != "name":
				self.set(k, v)
		return self

	def append(self, key, value=None):
		# frappe/model/base_document.py (v15): append(tablefield, dict|doc) -> child Document
		if value is None:
			value = {}
		meta = self.meta
		df = meta.get_field(key)
		if not df or df.fieldtype not in table_fields:
			raise ValueError(f"Document for field {key} attached to child table of {self.doctype} not found")
		if isinstance(value, Document):
			child = value
		else:
			child_cls = frappe.get_controller(df.options)
			child = child_cls(
				{"doctype": df.options, **{k: v for k, v in dict(value).items() if k != "doctype"}}
			)
		child.parent = self.name
		child.parenttype = self.doctype
		child.parentfield = key
		if not child.idx:
			child.idx = len(self.__dict__.setdefault(key, [])) + 1
		self.__dict__.setdefault(key, []).append(child)
		return child

	def precision(self, fieldname, parentfield=None):
		# frappe/model/base_document.py (v15): precision of a Currency/Float/Percent field (of the
		# child table `parentfield` when given), None for other fields
		from frappe.model.meta import get_field_precision

		if parentfield and not isinstance(parentfield, str):
			parentfield = parentfield.get("parentfield")
		doctype = self.meta.get_field(parentfield).options if parentfield else self.doctype
		df = frappe.get_meta(doctype).get_field(fieldname)
		if df and df.fieldtype in ("Currency", "Float", "Percent"):
			return get_field_precision(df, self)
		return None

	def round_floats_in(self, doc, fieldnames=None):
		# frappe/model/base_document.py (v15): flt(value, precision) for the given (default: every
		# Currency/Float/Percent) fields of `doc`, precision read through this document
		if not fieldnames:
			fieldnames = [
				df.fieldname for df in doc.meta.fields if df.fieldtype in ("Currency", "Float", "Percent")
			]
		for fieldname in fieldnames:
			doc.set(
				fieldname,
				frappe.utils.flt(doc.get(fieldname), self.precision(fieldname, doc.get("parentfield"))),
			)

	def validate_from_to_dates(self, from_date_field, to_date_field):
		# frappe/model/document.py (v15): both set and to < from -> InvalidDates
		from frappe.utils import date_diff

		from_date, to_date = self.get(from_date_field), self.get(to_date_field)
		if not (from_date and to_date):
			return
		if date_diff(to_date, from_date) < 0:
			frappe.throw(
				_("{0} must be after {1}").format(
					frappe.bold(_(self.meta.get_label(to_date_field))),
					frappe.bold(_(self.meta.get_label(from_date_field))),
				),
				frappe.exceptions.InvalidDates,
			)

	def get_all_children(self):
		out = []
		for f in self._table_fieldnames:
			out.extend(self.__dict__.get(f) or [])
		return out

	def is_new(self):
		return bool(self.get("__islocal")) or not self.get("name") or not self._exists_in_db()

	def _exists_in_db(self):
		if self.meta.issingle:
			return True
		return frappe.local.db._get_row(self.doctype, self.name) is not None

	def get_valid_dict(self, convert_dates_to_str=False):
		meta = self.meta
		d = _dict()
		cols = meta.get_valid_columns()
		for c in cols:
			v = self.__dict__.get(c)
			df = meta.get_field(c)
			if df:
				v = _cast_for_db(df.fieldtype, v)
			if convert_dates_to_str and isinstance(v, datetime.date):
				v = str(v)
			d[c] = v
		d["doctype"] = self.doctype
		return d

	def as_dict(
		self, no_nulls=False, no_default_fields=False, convert_dates_to_str=False, no_child_table_fields=False
	):
		# frappe/model/base_document.py (v15): as_dict -> _dict incl. children as lists of dicts
		d = _dict({"doctype": self.doctype})
		for k, v in self.__dict__.items():
			if k in ("flags", "_table_fieldnames") or k.startswith("_"):
				continue
			if k in self._table_fieldnames:
				d[k] = [c.as_dict(no_nulls, no_default_fields, convert_dates_to_str) for c in v]
				continue
			if no_default_fields and k in default_fields:
				continue
			if no_nulls and v is None:
				continue
			if convert_dates_to_str and isinstance(v, datetime.date):
				v = str(v)
			d[k] = v
		if self.get("__islocal"):
			d["__islocal"] = 1
		return d

	def as_json(self):
		return frappe.as_json(self.as_dict())

	def __repr__(self):
		return f"<{self.doctype}: {self.name}>"

	# ------------------------------------------------------------ load

	def load_from_db(self):
		# frappe/model/document.py (v15): load_from_db — Single from get_singles_dict (defaults when
		# never saved) with numeric fix; others -> DoesNotExistError "{doctype} {name} not found"
		# flags.for_update: every read below is a locking read (v15 passes for_update to
		# get_singles_dict / get_value / the children's get_values)
		db = frappe.local.db
		meta = self.meta
		for_update = bool(self.flags.get("for_update"))
		if meta.issingle:
			values = db.get_singles_dict(self.doctype, for_update=for_update)
			if not values:
				values = new_doc(self.doctype, as_dict=True)
				values.pop("__islocal", None)
			values["name"] = self.doctype
			self.__dict__.update({k: v for k, v in values.items() if k not in self._table_fieldnames})
			self._fix_numeric_types()
		else:
			row = db._get_row(self.doctype, self.name, for_update=for_update)
			if row is None:
				frappe.throw(
					_("{0} {1} not found").format(_(self.doctype), self.name), frappe.DoesNotExistError
				)
			self.__dict__.update(copy.deepcopy(row))
		self.docstatus = DocStatus(cint(self.__dict__.get("docstatus")))
		for f in self._table_fieldnames:
			df = meta.get_field(f)
			rows = [
				r
				for r in (
					db._select(df.options, {"parent": self.name}, True)
					if for_update
					else db._rows(df.options)
				)
				if r.get("parent") == self.name
				and r.get("parenttype") == self.doctype
				and r.get("parentfield") == f
			]
			rows.sort(key=lambda r: cint(r.get("idx")))
			child_cls = frappe.get_controller(df.options)
			children = []
			for r in rows:
				c = child_cls({"doctype": df.options, **copy.deepcopy(r)})
				children.append(c)
			self.__dict__[f] = children
		self.__dict__.pop("__islocal", None)
		return self

	def _fix_numeric_types(self):
		# frappe/model/base_document.py (v15): _fix_numeric_types for singles (Int/Check/Float)
		for df in self.meta.fields:
			v = self.__dict__.get(df.fieldname)
			if df.fieldtype in ("Int", "Check"):
				self.__dict__[df.fieldname] = cint(v)
			elif df.fieldtype in ("Float", "Currency", "Percent"):
				self.__dict__[df.fieldname] = frappe.utils.flt(v)

	def reload(self):
		return self.load_from_db()

	def get_doc_before_save(self):
		return getattr(self, "_doc_before_save", None)

	def load_doc_before_save(self, raise_exception=False):
		try:
			self.__dict__["_doc_before_save"] = None if self.is_new() else get_doc(self.doctype, self.name)
		except frappe.DoesNotExistError:
			self.__dict__["_doc_before_save"] = None
			if raise_exception:
				raise

	def has_value_changed(self, fieldname):
		before = self.get_doc_before_save()
		if not before:
			return True
		return before.get(fieldname) != self.get(fieldname)

	# ------------------------------------------------------------ hooks

	def run_method(self, method, *args, **kwargs):
		# frappe/model/document.py (v15): run_method -> controller method, then hooks.py doc_events
		# for this doctype and "*"
		out = None
		fn = getattr(type(self), method, None)
		if callable(fn):
			out = fn(self, *args, **kwargs)
		events = frappe.get_hooks("doc_events", {}) or {}
		for key in (self.doctype, "*"):
			for handler in (
				(events.get(key) or {}).get(method, []) if isinstance(events.get(key), dict) else []
			):
				frappe.get_attr(handler)(self, method, *args, **kwargs) if isinstance(
					handler, str
				) else handler(self, method, *args, **kwargs)
		return out

	# ------------------------------------------------------------ permissions

	def has_permission(self, permtype="read", user=None):
		# frappe/permissions.py (v15): the roles, else a share of this very document
		from frappe.model.meta import has_permission
		from frappe.share import is_shared

		if has_permission(self.doctype, permtype, user=user):
			return True
		return bool(self.name) and is_shared(self.doctype, self.name, user or frappe.session.user, permtype)

	def check_permission(self, permtype="read", permlevel=None):
		# frappe/model/document.py (v15): check_permission -> raise_no_permission_to (PermissionError)
		if self.flags.ignore_permissions or frappe.local.flags.in_install:
			return
		if frappe.session.user == "Administrator":
			return
		if not self.has_permission(permtype):
			self.raise_no_permission_to(permtype)

	def raise_no_permission_to(self, perm_type):
		# frappe/model/document.py (v15): flags.error_message + bare PermissionError
		frappe.local.flags.error_message = (
			_("Insufficient Permission for {0}").format(self.doctype) + f" ({frappe.bold(_(perm_type))})"
		)
		raise frappe.PermissionError

	def get_permlevel_access(self, permission_type="write"):
		roles = frappe.get_roles()
		levels = []
		for p in self.meta.permissions:
			if p.role in roles and p.get(permission_type) and p.permlevel not in levels:
				levels.append(p.permlevel)
		return levels

	def validate_higher_perm_levels(self):
		# frappe/model/document.py (v15): validate_higher_perm_levels / reset_values_if_no_permlevel_access
		# — fields at a permlevel the user cannot write are silently reset (new doc: default; else: DB value)
		if self.flags.ignore_permissions or frappe.local.flags.in_install:
			return
		if frappe.session.user == "Administrator":
			return
		has_access_to = self.get_permlevel_access()
		to_reset = [
			df
			for df in self.meta.get_high_permlevel_fields()
			if df.permlevel not in has_access_to
			and df.fieldtype not in display_fieldtypes
			and df.fieldname not in (self.flags.get("ignore_permlevel_for_fields") or [])
		]
		if not to_reset:
			return
		ref = new_doc(self.doctype) if self.is_new() else get_doc(self.doctype, self.name)
		for df in to_reset:
			self.set(df.fieldname, ref.get(df.fieldname))

	# ------------------------------------------------------------ naming / defaults

	def _set_defaults(self):
		# frappe/model/document.py (v15): _set_defaults -> fill empty fields from new_doc defaults
		defaults = new_doc(self.doctype, as_dict=True)
		for k, v in defaults.items():
			if k.startswith("__") or k in default_fields:
				continue
			if self.__dict__.get(k) in (None, "") and v not in (None, ""):
				self.__dict__[k] = v

	def set_new_name(self, set_name=None):
		# frappe/model/naming.py (v15): set_new_name
		if self.flags.name_set and not set_name:
			return
		if set_name:
			self.name = set_name
		elif self.get("__newname"):
			self.name = self.get("__newname")
		elif getattr(type(self), "autoname", None) and callable(type(self).autoname):
			self.run_method("autoname")
		elif self.meta.istable or self.meta.issingle:
			self.name = self.doctype if self.meta.issingle else frappe.generate_hash(length=10)
		else:
			autoname = (self.meta.get("autoname") or "").strip()
			if autoname == "hash" or (not autoname and not self.name):
				self.name = frappe.generate_hash(length=10)
			elif autoname.startswith("field:"):
				fieldname = autoname[len("field:") :]
				value = cstr(self.get(fieldname)).strip()
				if not value:
					frappe.throw(_("{0} is required").format(self.meta.get_label(fieldname)))
				self.name = value
			elif autoname.startswith("naming_series:"):
				if not self.naming_series:
					opts = (self.meta.get_field("naming_series") or _dict()).get("options") or ""
					self.naming_series = opts.split("\n")[0] if opts else None
				if not self.naming_series:
					frappe.throw(_("Naming Series mandatory"))
				self.name = make_autoname(self.naming_series + ".#####", doc=self)
			elif autoname.lower() == "prompt" or not autoname:
				if not self.name:
					frappe.throw(_("Please set the document name"))
			else:
				self.name = make_autoname(autoname, doc=self)
		self.flags.name_set = True
		for c in self.get_all_children():
			if not c.name:
				c.name = frappe.generate_hash(length=10)

	def set_parent_in_children(self):
		for c in self.get_all_children():
			c.parent = self.name
			c.parenttype = self.doctype

	def deferred_insert(self):
		# frappe/model/document.py (v15): deferred_insert -> set_user_and_timestamp, then
		# frappe.deferred_insert.deferred_insert(doctype, records=get_valid_dict(convert_dates_to_str))
		from frappe.deferred_insert import deferred_insert

		self.set_user_and_timestamp()
		deferred_insert(doctype=self.doctype, records=self.get_valid_dict(convert_dates_to_str=True))

	def set_user_and_timestamp(self):
		# frappe/model/document.py (v15): modified/modified_by now; a new document's creation/owner
		# too (so a deferred insert's row is created when it is flushed), except during install,
		# patch or migrate
		self.__dict__["_original_modified"] = self.modified
		self.modified = now_datetime()
		self.modified_by = frappe.session.user
		flags = frappe.local.flags
		if self.is_new() and not (
			flags.get("in_install") or flags.get("in_patch") or flags.get("in_migrate")
		):
			self.creation = self.modified
			self.owner = self.modified_by
		for c in self.get_all_children():
			c.modified = self.modified
			c.modified_by = self.modified_by
			if not c.owner:
				c.owner = self.owner
			if not c.creation:
				c.creation = self.creation

	# ------------------------------------------------------------ validation

	def _validate_mandatory(self):
		# frappe/model/base_document.py (v15): _validate_mandatory -> msgprint per field, then
		# MandatoryError("[doctype, name]: f1, f2")
		if self.flags.ignore_mandatory:
			return
		missing = self._missing_mandatory()
		for c in self.get_all_children():
			missing.extend(c._missing_mandatory())
		if not missing:
			return
		for _f, msg in missing:
			frappe.msgprint(msg)
		raise frappe.MandatoryError(
			"[{doctype}, {name}]: {fields}".format(
				fields=", ".join(m[0] for m in missing), doctype=self.doctype, name=self.name
			)
		)

	def _missing_mandatory(self):
		out = []
		for df in self.meta.fields:
			if not df.get("reqd"):
				continue
			v = self.get(df.fieldname)
			if df.fieldtype in table_fields:
				if not v:
					out.append((df.fieldname, _("Error: Data missing in table {0}").format(_(df.label))))
				continue
			if v in (None, []) or not strip_html(cstr(v)).strip():
				if self.get("parentfield"):
					msg = _("Error: {0} Row #{1}: Value missing for: {2}").format(
						_(frappe.unscrub(self.parentfield)), self.idx, _(df.label)
					)
				else:
					msg = _("Error: Value missing for {0}: {1}").format(_(self.doctype), _(df.label))
				out.append((df.fieldname, msg))
		return out

	def _validate_selects(self):
		# frappe/model/base_document.py (v15): _validate_selects message/title
		for df in self.meta.fields:
			if df.fieldtype != "Select" or df.fieldname == "naming_series" or not self.get(df.fieldname):
				continue
			options = (df.options or "").split("\n")
			if not any(options):
				continue
			value = cstr(self.get(df.fieldname)).strip()
			self.set(df.fieldname, value)
			if value not in options:
				prefix = _("Row #{0}:").format(self.idx) if self.get("parentfield") else ""
				comma_options = '", "'.join(_(o) for o in options)
				frappe.throw(
					_('{0} {1} cannot be "{2}". It should be one of "{3}"').format(
						prefix, _(self.meta.get_label(df.fieldname)), value, comma_options
					),
					title=_("Invalid Option"),
				)

	def _validate_links(self):
		# frappe/model/document.py + base_document.py (v15): get_invalid_links -> "Could not find {0}"
		# (LinkValidationError) / cancelled links; also applies fetch_from values. v15 skips it when
		# cancelling (`self._action == "cancel"`): what links a document is cancelled in its on_cancel
		if (
			self.flags.ignore_links
			or frappe.local.flags.ignore_links
			or self.__dict__.get("_action") == "cancel"
		):
			return
		invalid, cancelled = [], []
		for doc in [self, *self.get_all_children()]:
			i, c = doc._get_invalid_links()
			invalid.extend(i)
			cancelled.extend(c)
		if invalid:
			frappe.throw(_("Could not find {0}").format(", ".join(invalid)), frappe.LinkValidationError)
		if cancelled:
			frappe.throw(
				_("Cannot link cancelled document: {0}").format(", ".join(cancelled)),
				frappe.CancelledLinkError,
			)

	def _get_invalid_links(self):
		from frappe.model.meta import doctype_exists

		meta = self.meta
		invalid, cancelled = [], []
		prefix = _("Row #{0}:").format(self.idx) + " " if self.get("parentfield") else ""
		for df in meta.fields:
			if df.fieldtype not in ("Link", "Dynamic Link"):
				continue
			value = self.get(df.fieldname)
			if not value:
				continue
			target = df.options if df.fieldtype == "Link" else self.get(df.options)
			if not target or target in NO_LINK_VALIDATION or not doctype_exists(target):
				continue
			tmeta = frappe.get_meta(target)
			if tmeta.issingle:
				continue
			row = frappe.local.db._get_row(target, value)
			if row is None:
				invalid.append(prefix + _("{0}: {1}").format(_(meta.get_label(df.fieldname)), value))
				continue
			# base_document.get_invalid_links (v15): only a submittable document may not link a
			# cancelled one — a Comment (or any plain record) on a cancelled document is fine.
			if (
				meta.is_submittable
				and tmeta.is_submittable
				and cint(row.get("docstatus")) == 2
				and df.fieldname != "amended_from"
			):
				cancelled.append(prefix + _("{0}: {1}").format(_(meta.get_label(df.fieldname)), value))
			# fetch_from
			for fdf in meta.fields:
				ff = fdf.get("fetch_from")
				if not ff or ff.split(".")[0] != df.fieldname:
					continue
				if fdf.get("fetch_if_empty") and self.get(fdf.fieldname):
					continue
				if self.docstatus == 1 and not fdf.get("allow_on_submit"):
					continue
				self.__dict__[fdf.fieldname] = row.get(ff.split(".", 1)[1])
		return invalid, cancelled

	def _unique_fields(self):
		return [df.fieldname for df in self.meta.fields if df.get("unique")]

	def _unique_violation(self, fieldname):
		# frappe/model/base_document.py (v15): db_insert/db_update IntegrityError on a unique column ->
		# show_unique_validation_message: msgprint "{label} must be unique" + UniqueValidationError
		frappe.msgprint(_("{0} must be unique").format(_(self.meta.get_label(fieldname))))
		raise frappe.UniqueValidationError(self.doctype, self.name, fieldname)

	def _validate_unique(self):
		# The UPDATE's unique check (db_update), against what this transaction sees.
		for fieldname in self._unique_fields():
			value = self.get(fieldname)
			if value in (None, ""):
				continue
			for row in frappe.local.db._rows(self.doctype):
				if row["name"] != self.name and cstr(row.get(fieldname)).lower() == cstr(value).lower():
					self._unique_violation(fieldname)

	def _save_passwords(self):
		# frappe/model/base_document.py (v15): _save_passwords -> __Auth, field set to "*" * len
		from frappe.utils.password import remove_encrypted_password, set_encrypted_password

		if self.flags.ignore_save_passwords is True:
			return
		for df in self.meta.fields:
			if df.fieldtype != "Password":
				continue
			new_password = self.get(df.fieldname)
			if not new_password:
				remove_encrypted_password(self.doctype, self.name, df.fieldname)
			if new_password and not _is_dummy_password(new_password):
				set_encrypted_password(self.doctype, self.name, new_password, df.fieldname)
				self.set(df.fieldname, "*" * len(new_password))

	def get_password(self, fieldname="password", raise_exception=True):
		# frappe/model/base_document.py (v15): non-dummy in-memory value first, else __Auth
		from frappe.utils.password import get_decrypted_password

		value = self.get(fieldname)
		if value and not _is_dummy_password(value):
			return value
		return get_decrypted_password(self.doctype, self.name, fieldname, raise_exception=raise_exception)

	def is_dummy_password(self, pwd):
		return _is_dummy_password(pwd)

	def _validate(self):
		# frappe/model/document.py (v15): _validate (mandatory, data fields, selects, length,
		# passwords, ...), each on the children too
		self._validate_mandatory()
		self._validate_data_fields()
		self._validate_selects()
		self._validate_length()
		for c in self.get_all_children():
			c._validate_data_fields()
			c._validate_selects()
			c._validate_length()
		self._save_passwords()
		self.validate_workflow()

	def validate_workflow(self):
		# frappe/model/document.py (v15): validate_workflow, the last step of _validate
		if self.meta.istable:
			return
		workflow = self.meta.get_workflow()
		if workflow:
			from frappe.model.workflow import set_workflow_state_on_action, validate_workflow

			validate_workflow(self)
			if self._action != "save":
				set_workflow_state_on_action(self, workflow, self._action)

	def _validate_data_fields(self):
		# frappe/model/base_document.py (v15): _validate_data_fields — Data fields with
		# options Email must hold valid addresses (Name/Phone/URL options are not imitated:
		# a DocType using them fails loudly here instead of passing unchecked).
		for df in self.meta.fields:
			if df.fieldtype != "Data" or not df.get("options"):
				continue
			if df.options not in ("Email",):
				raise NotImplementedError(f"the double does not validate Data options {df.options!r}")
			data = self.get(df.fieldname)
			if (self.owner in frappe.STANDARD_USERS) and (data in frappe.STANDARD_USERS):
				continue
			for email_address in frappe.utils.split_emails(data):
				frappe.utils.validate_email_address(email_address, throw=True)

	def _validate_length(self):
		# frappe/model/base_document.py (v15): _validate_length — varchar columns hold
		# `length` (else the type's default, 140) characters, int columns their range; Singles
		# (mediumtext) and Check fields are skipped. CharacterLengthExceededError, like MariaDB
		# would otherwise truncate.
		from frappe.database import MAX_POSITIVE_VALUE, TYPE_MAP

		if self.meta.issingle:
			return
		for fieldname, value in self.get_valid_dict().items():
			df = self.meta.get_field(fieldname)
			if not df or df.fieldtype == "Check" or df.fieldtype not in TYPE_MAP:
				continue
			column_type, default_length = TYPE_MAP[df.fieldtype]
			if column_type == "varchar":
				max_length = cint(df.get("length")) or cint(default_length)
				if len(cstr(value)) > max_length:
					self._throw_length_exceeded(df, max_length, value)
			elif column_type in MAX_POSITIVE_VALUE:
				max_length = MAX_POSITIVE_VALUE[column_type]
				if abs(cint(value)) > max_length:
					self._throw_length_exceeded(df, max_length, value)

	def _throw_length_exceeded(self, df, max_length, value):
		# frappe/model/base_document.py (v15): throw_length_exceeded_error
		if self.get("parentfield"):
			reference = _("{0}, Row {1}").format(_(self.doctype), self.idx)
		else:
			reference = f"{_(self.doctype)} {self.name}"
		frappe.throw(
			_("{0}: '{1}' ({3}) will get truncated, as max characters allowed is {2}").format(
				reference, _(df.label, context=df.parent), max_length, value
			),
			frappe.CharacterLengthExceededError,
			title=_("Value too big"),
		)

	def check_if_latest(self):
		# frappe/model/document.py (v15): check_if_latest -> TimestampMismatchError; docstatus transitions
		if self.is_new():
			if self.docstatus == 0:
				self._action = "save"
			elif self.docstatus == 1:
				self._action = "submit"
				self.check_permission("submit")
			else:
				raise frappe.DocstatusTransitionError(
					_("Cannot change docstatus from 0 (Draft) to 2 (Cancelled)")
				)
			return
		# v15 reads `modified`/`docstatus` with SELECT ... FOR UPDATE: a locking read, so it
		# compares against the latest commit (and waits for a concurrent writer), not the snapshot.
		db = frappe.local.db
		if self.meta.issingle:
			tmp = _dict(db._singles(self.doctype, for_update=True))
			tmp.docstatus = 0
		else:
			tmp = _dict(db._get_row(self.doctype, self.name, for_update=True))
		modified = tmp.get("modified")
		original = self.__dict__.get("_original_modified")
		if modified and original and cstr(modified) != cstr(original):
			frappe.msgprint(
				_("Error: Document has been modified after you have opened it")
				+ (f" ({tmp.modified}, {original}). ")
				+ _("Please refresh to get the latest document."),
				raise_exception=frappe.TimestampMismatchError,
			)
		self._check_docstatus_transition(cint(tmp.get("docstatus")))

	def _check_docstatus_transition(self, docstatus):
		# frappe/model/document.py (v15): check_docstatus_transition
		if docstatus == 0:
			if self.docstatus == 0:
				self._action = "save"
			elif self.docstatus == 1:
				self._action = "submit"
				self.check_permission("submit")
			elif self.docstatus == 2:
				raise frappe.DocstatusTransitionError(
					_("Cannot change docstatus from 0 (Draft) to 2 (Cancelled)")
				)
			else:
				raise frappe.ValidationError(_("Invalid docstatus"), self.docstatus)
		elif docstatus == 1:
			if self.docstatus == 1:
				self._action = "update_after_submit"
				self.check_permission("submit")
			elif self.docstatus == 2:
				self._action = "cancel"
				self.check_permission("cancel")
			elif self.docstatus == 0:
				raise frappe.DocstatusTransitionError(
					_("Cannot change docstatus from 1 (Submitted) to 0 (Draft)")
				)
			else:
				raise frappe.ValidationError(_("Invalid docstatus"), self.docstatus)
		elif docstatus == 2:
			raise frappe.ValidationError(_("Cannot edit cancelled document"))

	def validate_update_after_submit(self):
		# frappe/model/document.py (v15): only allow_on_submit fields may change after submit
		before = self.get_doc_before_save()
		if not before:
			return
		for df in self.meta.fields:
			if (
				df.get("allow_on_submit")
				or df.fieldtype in display_fieldtypes
				or df.fieldtype in table_fields
			):
				continue
			old, new = before.get(df.fieldname), self.get(df.fieldname)
			if _cast_for_db(df.fieldtype, old) != _cast_for_db(df.fieldtype, new):
				frappe.throw(
					_("Not allowed to change {0} after submission from {1} to {2}").format(
						frappe.bold(_(df.label)), frappe.bold(old), frappe.bold(new)
					),
					frappe.UpdateAfterSubmitError,
					title=_("Cannot Update After Submit"),
				)

	def run_before_save_methods(self):
		# frappe/model/document.py (v15): run_before_save_methods
		self.load_doc_before_save()
		if self.flags.ignore_validate:
			return
		if self._action == "save":
			self.run_method("validate")
			self.run_method("before_save")
		elif self._action == "submit":
			self.run_method("validate")
			self.run_method("before_submit")
		elif self._action == "cancel":
			self.run_method("before_cancel")
		elif self._action == "update_after_submit":
			self.run_method("before_update_after_submit")

	def run_post_save_methods(self):
		# frappe/model/document.py (v15): run_post_save_methods
		if self._action == "save":
			self.run_method("on_update")
		elif self._action == "submit":
			self.run_method("on_update")
			self.run_method("on_submit")
		elif self._action == "cancel":
			self.run_method("on_cancel")
		elif self._action == "update_after_submit":
			self.run_method("on_update_after_submit")
		self.run_method("on_change")

	# ------------------------------------------------------------ write paths

	def insert(
		self,
		ignore_permissions=None,
		ignore_links=None,
		ignore_if_duplicate=False,
		ignore_mandatory=None,
		set_name=None,
		set_child_names=True,
	):
		# frappe/model/document.py (v15): insert()
		if ignore_permissions is not None:
			self.flags.ignore_permissions = ignore_permissions
		if ignore_links is not None:
			self.flags.ignore_links = ignore_links
		if ignore_mandatory is not None:
			self.flags.ignore_mandatory = ignore_mandatory
		self.__dict__["__islocal"] = True
		self._set_defaults()
		self.set_user_and_timestamp()
		if self.docstatus is None:
			self.docstatus = DocStatus(0)
		self.check_if_latest()
		self._validate_links()
		self.check_permission("create")
		self.run_method("before_insert")
		self.set_new_name(set_name=set_name)
		self.set_parent_in_children()
		self.validate_higher_perm_levels()
		self.flags.in_insert = True
		self.run_before_save_methods()
		self._validate()
		self.flags.in_insert = False
		db = frappe.local.db
		if self.meta.issingle:
			self._update_single()
		else:
			if db._get_row(self.doctype, self.name) is not None:
				if ignore_if_duplicate:
					return self
				# frappe/model/base_document.py (v15): db_insert duplicate primary key
				frappe.msgprint(_("{0} {1} already exists").format(_(self.doctype), frappe.bold(self.name)))
				raise frappe.DuplicateEntryError(self.doctype, self.name)
			clash = db._insert_row(self.doctype, self.get_valid_dict(), unique=self._unique_fields())
			if clash:
				self._unique_violation(clash)
		self._write_children()
		self.run_method("after_insert")
		self.flags.in_insert = True
		self.run_post_save_methods()
		self.flags.in_insert = False
		self.__dict__.pop("__islocal", None)
		return self

	def save(self, *args, **kwargs):
		return self._save(*args, **kwargs)

	def _save(self, ignore_permissions=None, ignore_version=None):
		# frappe/model/document.py (v15): _save()
		if ignore_permissions is not None:
			self.flags.ignore_permissions = ignore_permissions
		if self.get("__islocal") or not self.get("name") or not self._exists_in_db():
			return self.insert()
		self.check_permission("write", "save")
		self.set_user_and_timestamp()
		if self.docstatus is None:
			self.docstatus = DocStatus(0)
		self.check_if_latest()
		self.set_parent_in_children()
		self.validate_higher_perm_levels()
		self._validate_links()
		self.run_before_save_methods()
		if self._action != "cancel":
			self._validate()
		if self._action == "update_after_submit":
			self.validate_update_after_submit()
		if self.meta.issingle:
			self._update_single()
		else:
			self._validate_unique()
			frappe.local.db._update_row(self.doctype, self.name, self.get_valid_dict())
		self._write_children()
		self.run_post_save_methods()
		return self

	def _update_single(self):
		from frappe.database import _single_text

		# frappe/model/document.py (v15) update_single: DELETE all tabSingles rows of the doctype,
		# then INSERT the values — the whole Single is replaced (and locked).
		frappe.local.db._write_single(
			self.doctype,
			{
				k: _single_text(v)
				for k, v in self.get_valid_dict().items()
				if k not in ("doctype",) and k not in self._table_fieldnames
			},
			replace=True,
		)

	def _write_children(self):
		db = frappe.local.db
		for f in self._table_fieldnames:
			df = self.meta.get_field(f)
			keep = set()
			for i, c in enumerate(self.__dict__.get(f) or [], start=1):
				c.idx = i
				c.parent, c.parenttype, c.parentfield = self.name, self.doctype, f
				c.docstatus = self.docstatus
				if not c.name:
					c.name = frappe.generate_hash(length=10)
				keep.add(c.name)
				row = c.get_valid_dict()
				if db._get_row(df.options, c.name) is None:
					db._insert_row(df.options, row)
				else:
					db._update_row(df.options, c.name, row)
			for r in db._rows(df.options):
				if (
					r.get("parent") == self.name
					and r.get("parenttype") == self.doctype
					and r.get("parentfield") == f
					and r["name"] not in keep
				):
					db._delete_row(df.options, r["name"])

	def submit(self):
		# frappe/model/document.py (v15): _submit -> docstatus = 1, save()
		self.docstatus = DocStatus(1)
		return self.save()

	def cancel(self):
		# frappe/model/document.py (v15): _cancel -> docstatus = 2, save()
		self.docstatus = DocStatus(2)
		return self.save()

	def delete(self, ignore_permissions=False, force=False, *, delete_permanently=False):
		return delete_doc(
			self.doctype, self.name, ignore_permissions=ignore_permissions or self.flags.ignore_permissions
		)

	def db_set(self, fieldname, value=None, update_modified=True, notify=False, commit=False):
		# frappe/model/document.py (v15): db_set -> set attribute + frappe.db.set_value (no hooks)
		if isinstance(fieldname, dict):
			self.update(fieldname)
		else:
			self.set(fieldname, value)
		if update_modified and (self.doctype, self.name) not in frappe.local.flags.currently_saving:
			self.modified = now_datetime()
			self.modified_by = frappe.session.user
		values = fieldname if isinstance(fieldname, dict) else {fieldname: value}
		frappe.local.db.set_value(
			self.doctype,
			self.name,
			values,
			None,
			self.modified,
			self.modified_by,
			update_modified=update_modified,
		)
		if commit:
			frappe.local.db.commit()

	def add_comment(self, comment_type="Comment", text=None, comment_email=None, comment_by=None):
		# frappe/model/document.py (v15): add_comment -> Comment doc, ignore_permissions
		return frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": comment_type,
				"comment_email": comment_email or frappe.session.user,
				"comment_by": comment_by,
				"reference_doctype": self.doctype,
				"reference_name": self.name,
				"content": text or comment_type,
			}
		).insert(ignore_permissions=True)

	def get_title(self):
		return self.get(self.meta.get_title_field()) or self.name

	def notify_update(self):
		pass

	def clear_cache(self):
		pass


def _cast_for_db(fieldtype, value):
	from frappe.database.query import cast_value

	return cast_value(fieldtype, value)


def make_autoname(key, doctype="", doc=None):
	# frappe/model/naming.py (v15): make_autoname — "hash"; "PREFIX-.YYYY.-.#####" parts joined,
	# counter per prefix in the Series table, no "#" -> ".#####" appended
	if key == "hash":
		return frappe.generate_hash(length=10)
	if "#" not in key:
		key = key + ".#####"
	today = now_datetime()
	parts = key.split(".")
	name = ""
	for part in parts:
		if not part:
			continue
		if part.startswith("#"):
			digits = len(part)
			count = frappe.local.db._next_series(name)
			name += f"{count:0{digits}d}"
		elif part == "YYYY":
			name += today.strftime("%Y")
		elif part == "YY":
			name += today.strftime("%y")
		elif part == "MM":
			name += today.strftime("%m")
		elif part == "DD":
			name += today.strftime("%d")
		elif part == "WW":
			name += today.strftime("%W")
		elif part.startswith("{") and part.endswith("}") and doc is not None:
			name += cstr(doc.get(part[1:-1]))
		elif doc is not None and doc.meta.has_field(part) and part not in ("YYYY",):
			name += cstr(doc.get(part))
		else:
			name += part
	return name


def get_doc(*args, **kwargs):
	# frappe/model/document.py (v15): get_doc(dict | **kwargs) -> new controller instance;
	# get_doc(doctype, name) -> loaded; get_doc(doctype) for Singles
	for_update = kwargs.pop("for_update", None)
	if args and isinstance(args[0], Document):
		return args[0]
	if args and isinstance(args[0], dict):
		d = args[0]
		cls = frappe.get_controller(d["doctype"])
		return cls(d)
	if not args and "doctype" in kwargs and "name" not in kwargs:
		cls = frappe.get_controller(kwargs["doctype"])
		return cls(kwargs)
	if not args and "doctype" in kwargs:
		args = (kwargs.pop("doctype"), kwargs.pop("name"))
	doctype = args[0]
	if len(args) == 1 or args[1] is None:
		if not frappe.get_meta(doctype).issingle:
			raise frappe.DoesNotExistError(_("{0} {1} not found").format(doctype, None))
		name = doctype
	else:
		name = args[1]
	if isinstance(name, dict):
		found = frappe.local.db.get_value(doctype, name, "name")
		if not found:
			frappe.throw(_("{0} {1} not found").format(_(doctype), name), frappe.DoesNotExistError)
		name = found
	cls = frappe.get_controller(doctype)
	if for_update:
		return cls(doctype, name, for_update=True)
	return cls(doctype, name)


def new_doc(doctype, as_dict=False, **kwargs):
	# frappe/model/create_new.py (v15): get_new_doc -> static defaults ("Today" -> today(),
	# Check defaults as int, reqd Select -> first option), then the dynamic ones
	meta = frappe.get_meta(doctype)
	d = _dict({"doctype": doctype, "__islocal": 1, "docstatus": 0})
	for df in meta.fields:
		if df.fieldtype in table_fields:
			d[df.fieldname] = []
			continue
		default = df.get("default")
		if default is not None and default != "":
			if default == "Today":
				default = frappe.utils.today()
			elif default == "__user":
				default = frappe.session.user
			elif df.fieldtype in ("Check", "Int"):
				default = cint(default)
			elif df.fieldtype in ("Float", "Currency", "Percent"):
				default = frappe.utils.flt(default)
			d[df.fieldname] = default
		elif df.fieldtype == "Select" and df.get("reqd") and df.options:
			d[df.fieldname] = df.options.split("\n")[0]
		elif df.fieldtype in ("Check",):
			d[df.fieldname] = 0
		else:
			d[df.fieldname] = None
		# set_dynamic_default_values (v15 and v16): every Time field gets the current time, over
		# its default
		if df.fieldtype == "Time":
			d[df.fieldname] = frappe.utils.nowtime()
	d.update(kwargs)
	if as_dict:
		return d
	doc = get_doc(d)
	doc.__dict__["__islocal"] = 1
	return doc


def delete_doc(doctype, name, ignore_permissions=False, ignore_missing=True, force=False):
	# frappe/model/delete_doc.py (v15): missing -> ignored (ignore_missing) or DoesNotExistError;
	# permission "delete"; submitted -> cannot delete; on_trash/after_delete hooks; children removed
	if doctype == "DocType":
		return _delete_doctype_record(name, ignore_permissions, ignore_missing, force)
	db = frappe.local.db
	if db._get_row(doctype, name) is None:
		if ignore_missing:
			return
		frappe.throw(_("{0} {1} not found").format(_(doctype), name), frappe.DoesNotExistError)
	doc = get_doc(doctype, name)
	doc.flags.ignore_permissions = ignore_permissions
	if not ignore_permissions and not doc.has_permission("delete") and frappe.session.user != "Administrator":
		frappe.throw(_("User not allowed to delete {0}: {1}").format(doctype, name), frappe.PermissionError)
	if doc.docstatus == 1:
		frappe.throw(
			_("{0} {1}: Submitted Record cannot be deleted. You must {2} Cancel {3} it first.").format(
				_(doctype), name, "<strong>", "</strong>"
			)
		)
	doc.run_method("on_trash")
	if not force:
		_check_if_doc_is_dynamically_linked(doc)
	for c in doc.get_all_children():
		db._delete_row(c.doctype, c.name)
	db._delete_row(doctype, name)
	for key in db._auth_keys(doctype, name):
		db._auth_set(key, None)
	doc.run_method("after_delete")


def _check_if_doc_is_dynamically_linked(doc):
	# frappe/model/delete_doc.py (v15): after on_trash, a document that a non-cancelled record
	# still points at through a Dynamic Link cannot be deleted (LinkExistsError), unless the
	# pointing doctype is in hooks.py `ignore_links_on_delete`.
	from frappe.model.meta import dynamic_links_to

	ignored = set(frappe.get_hooks("ignore_links_on_delete") or [])
	for parent, df in dynamic_links_to(doc.doctype):
		if parent in ignored:
			continue
		for row in frappe.local.db._rows(parent):
			if row.get(df.options) == doc.doctype and row.get(df.fieldname) == doc.name:
				if cint(row.get("docstatus")) == 2:
					continue
				frappe.throw(
					_("Cannot delete or cancel because {0} {1} is linked with {2} {3} {4}").format(
						_(doc.doctype), doc.name, _(parent), row.get("name"), ""
					),
					frappe.LinkExistsError,
				)


def _delete_doctype_record(name, ignore_permissions, ignore_missing, force):
	# frappe/model/delete_doc.py (v15), the DocType branch (what frappe/model/sync.py
	# remove_orphan_doctypes runs with force=True): a standard DocType goes only with force,
	# developer_mode or in_patch, and only as Administrator (v15 also lets a user with delete
	# permission remove a custom one; the double does not); no controller hook runs. The record goes, `tab<name>` is not dropped: its rows stay ("Deleting the entry doesn't
	# delete any data"). The double keeps the table even when it holds no row.
	from frappe.model.meta import doctype_exists, unregister_doctype

	if not doctype_exists(name):
		if ignore_missing:
			return False
		raise frappe.DoesNotExistError
	meta = frappe.get_meta(name)
	if not (meta.get("custom") or frappe.conf.developer_mode or frappe.flags.in_patch or force):
		frappe.throw(_("Standard DocType can not be deleted."))
	if not ignore_permissions and frappe.session.user != "Administrator":
		frappe.throw(_("User not allowed to delete {0}: {1}").format("DocType", name), frappe.PermissionError)
	if not meta.issingle:
		frappe.local.db._table(name)
	unregister_doctype(name)
