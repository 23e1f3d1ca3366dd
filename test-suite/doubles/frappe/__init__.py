"""In-memory imitation of Frappe v15 (or v16, see double_version.py) for the test suite (loaded only
when the real frappe is absent).

Every imitated behaviour names the Frappe v15 source file it follows. State lives in ``frappe.local``
(one site, shared by all threads — real Frappe keeps it per thread/request). ``frappe.db``,
``frappe.session``, ``frappe.form_dict`` ... are resolved through ``frappe.local`` on every access,
like v15's ``LocalProxy`` objects.
"""

import functools
import hashlib
import importlib
import inspect
import json
import os
import sys
import tempfile
import types

import double_version

from .exceptions import *  # noqa: F403
from .exceptions import (
	DoesNotExistError,
	FrappeTypeError,  # noqa: F401
	OutgoingEmailError,
	PermissionError,
	ValidationError,
)

# frappe/__init__.py: __version__ of the imitated release (v15 or v16, double_version.py)
__version__ = f"{double_version.release('frappe')}-double"
__title__ = "Frappe Framework (test double)"

STANDARD_USERS = ("Guest", "Administrator")


class _dict(dict):
	# frappe/__init__.py (v15): _dict — dict with attribute access, missing attribute -> None
	def __getattr__(self, key):
		ret = self.get(key)
		if ret is None and key.startswith("__"):
			raise AttributeError(key)
		return ret

	def __setattr__(self, key, value):
		self[key] = value

	def __delattr__(self, key):
		self.pop(key, None)

	def __getstate__(self):
		return self

	def __setstate__(self, d):
		self.update(d)

	def update(self, *args, **kwargs):
		super().update(*args, **kwargs)
		return self

	def copy(self):
		return _dict(dict(self).copy())


class _Local(types.SimpleNamespace):
	pass


local = _Local()
controllers: dict = {}
whitelisted: set = set()
guest_methods: set = set()
xss_safe_methods: set = set()
allowed_http_methods_for_whitelisted_func: dict = {}
in_test = True
_dev_server = False

_LOCAL_PROXIES = {
	"db": "db",
	"conf": "conf",
	"form_dict": "form_dict",
	"form": "form_dict",
	"request": "request",
	"response": "response",
	"session": "session",
	"user": "user",
	"flags": "flags",
	"error_log": "error_log",
	"debug_log": "debug_log",
	"message_log": "message_log",
	"lang": "lang",
	"job": "job",
}


def __getattr__(name):
	# frappe/__init__.py (v15): module-level LocalProxy objects resolving to frappe.local.<name>
	if name in _LOCAL_PROXIES:
		return getattr(local, _LOCAL_PROXIES[name], None)
	if name == "cache":
		from frappe.utils.redis_wrapper import get_cache

		return get_cache()
	raise AttributeError(f"module 'frappe' has no attribute {name!r}")


# Double-only: what outlives a process's ``frappe.local`` — each site's database (the double's
# ``Database`` holds the committed data, as MariaDB does) and its site_config.json — keyed by site.
_sites: dict = {}


def init(site="test.localhost", sites_path=None, conf=None, new_site=False, force=False):
	"""Two uses. With ``conf`` (the test site fixture) or for a site the double does not know: a
	new site, ``frappe.local`` reset like frappe.init(site) + connect() with an empty database.

	Without ``conf``, for a known site: frappe/__init__.py (v15) ``init(site, sites_path=".",
	new_site=False, force=False)`` — a no-op when ``local`` is already initialised (unless
	``force``), else a fresh ``frappe.local`` for the site (flags, response, session, form_dict,
	lang = conf.lang or "en", conf read from the site's config) and no database connection until
	``connect()``. A long-running process (the Socket Mode client) opens and closes one such
	context per unit of work."""
	known = _sites.get(site)
	if conf is None and known is not None and not new_site:
		if getattr(local, "initialised", None) and not force:
			return
		# A process of its own (a worker, the Socket Mode client): not the test runner's flags.
		_fresh_local(site, known.sites_path, known.conf, in_test=False)
		local.db = None
		return
	from frappe.database import Database

	_fresh_local(site, sites_path or tempfile.mkdtemp(prefix="frappe-double-sites-"), _dict(conf or {}))
	local.db = Database()
	_sites[site] = _dict(db=local.db, conf=local.site_config_file, sites_path=local.sites_path)


def connect(site=None, db_name=None, set_admin_as_user=True):
	# frappe/__init__.py (v15): connect() — init(site) when given, then local.db = a new connection
	# to the site's database (the double: its Database, where this thread is one connection), then
	# set_user("Administrator") unless told not to.
	if site:
		init(site)
	local.db = _sites[local.site].db
	if set_admin_as_user:
		set_user("Administrator")


def destroy():
	# frappe/__init__.py (v15): destroy() — db.close(), then release_local(local): every attribute
	# of frappe.local is gone (the next init() starts afresh).
	if getattr(local, "db", None) is not None:
		local.db.close()
	local.__dict__.clear()


def _fresh_local(site, sites_path, conf, in_test=True):
	local.site = site
	local.site_name = site
	local.sites_path = sites_path
	local.site_path = os.path.join(local.sites_path, site)
	os.makedirs(local.site_path, exist_ok=True)
	local.error_log = []
	local.message_log = []
	local.debug_log = []
	local.realtime_log = []
	# frappe/__init__.py (v15): init() flags
	local.flags = _dict(
		currently_saving=[],
		redirect_location="",
		in_install_db=False,
		in_install_app=False,
		in_import=False,
		in_test=in_test,
		mute_messages=False,
		ignore_links=False,
		mute_emails=False,
		has_dataurl=False,
		new_site=False,
		read_only=False,
	)
	local.response = _dict({"docs": []})
	# What the site's site_config.json holds (frappe.installer.update_site_config writes here; it
	# outlives one context, as the file does); local.conf starts as a copy, as frappe.init reads
	# the file into it.
	local.site_config_file = conf
	local.conf = _dict(conf)
	# frappe/__init__.py (v15): init() -> local.lang = local.conf.lang or "en"
	local.lang = local.conf.lang or "en"
	local.request = None
	local.job = None
	local.form_dict = _dict()
	local.session = _dict(user="Guest", sid="Guest", data=_dict())
	local.cache = {}
	local.request_cache = {}
	local.role_permissions = {}
	local.initialised = True


def get_site_config(sites_path=None, site_path=None):
	"""frappe/__init__.py (v15) get_site_config: the site's site_config.json, read afresh."""
	return _dict(getattr(local, "site_config_file", None) or {})


def get_conf(site=None):
	"""frappe/__init__.py (v15) get_conf: frappe.local.conf once the site is initialised."""
	return local.conf


def set_user(username):
	# frappe/__init__.py (v15): set_user resets session user/sid, form_dict and per-user caches
	local.session.user = username
	local.session.sid = username
	local.cache = {}
	local.form_dict = _dict()
	local.session.data = _dict()
	local.role_permissions = {}


def get_user():
	return local.session.user


def get_roles(user=None):
	# frappe/__init__.py + frappe/utils/user.py (v15): Guest -> ["Guest"]; Administrator -> all roles;
	# others -> Has Role rows + automatic roles "All" and "Guest"
	if not getattr(local, "session", None) or not local.session.user:
		return ["Guest"]
	user = user or local.session.user
	if user == "Guest":
		return ["Guest"]
	from frappe.model.meta import all_roles

	if user == "Administrator":
		return all_roles()
	roles = [
		r["role"]
		for r in local.db._rows("Has Role")
		if r.get("parent") == user and r.get("parenttype") == "User"
	]
	return [*dict.fromkeys(roles), "All", "Guest"]


def _(msg, lang=None, context=None):
	# frappe/__init__.py (v15): translate `msg` into `lang` (default frappe.local.lang) from
	# frappe.translate.get_all_translations: HTML tags stripped and whitespace trimmed for the
	# lookup, "msg:context" tried before "msg"; untranslated -> the message exactly as given
	from frappe.translate import get_all_translations
	from frappe.utils import is_html, strip_html_tags

	if not hasattr(local, "lang"):
		local.lang = lang or "en"
	if not lang:
		lang = local.lang
	non_translated_string = msg
	if is_html(msg):
		msg = strip_html_tags(msg)
	msg = as_unicode(msg).strip()
	translated_string = ""
	all_translations = get_all_translations(lang)
	if context:
		translated_string = all_translations.get(f"{msg}:{context}")
	if not translated_string:
		translated_string = all_translations.get(msg)
	return translated_string or non_translated_string


class _LazyTranslate:
	# frappe/types/lazytranslatedstring.py (v15): translated by `_` only when used as a string
	__slots__ = ("context", "lang", "msg")

	def __init__(self, msg, lang=None, context=None):
		self.msg, self.lang, self.context = msg, lang, context

	@property
	def value(self):
		return _(str(self.msg), self.lang, self.context)

	def __str__(self):
		return self.value

	def __repr__(self):
		return f"'{self.value}'"

	def __eq__(self, other):
		return self.value == (other.value if isinstance(other, _LazyTranslate) else other)

	def __hash__(self):
		return hash(self.value)

	def __add__(self, other):
		return self.value + str(other)

	def __radd__(self, other):
		return str(other) + self.value


def _lt(msg, lang=None, context=None):
	# frappe/__init__.py (v15): a lazily translated string (for module-level constants)
	return _LazyTranslate(msg, lang, context)


def set_user_lang(user, user_language=None):
	# frappe/__init__.py (v15): local.lang = get_user_lang(user) or user_language
	from frappe.translate import get_user_lang

	local.lang = get_user_lang(user) or user_language


# frappe/__init__.py (v15): get_installed_apps reads the "installed_apps" global (frappe first, then
# install order); the double's site has these apps installed, in this order.
INSTALLED_APPS = ("frappe", "erpnext", "hrms", "frappe_slack_connector")


def get_installed_apps(*, _ensure_on_bench=False):
	return list(INSTALLED_APPS)


def get_all_apps(with_internal_apps=True, sites_path=None):
	# frappe/__init__.py (v15): apps of the bench (apps.txt), frappe first
	return list(INSTALLED_APPS)


def get_pymodule_path(modulename, *joins):
	# frappe/__init__.py (v15): directory of the (imported) module, joined with `joins`
	if "public" not in joins:
		joins = [scrub(part) for part in joins]
	return os.path.join(os.path.dirname(get_module(scrub(modulename)).__file__ or ""), *joins)


def get_app_path(app_name, *joins):
	# frappe/__init__.py (v15): get_pymodule_path(app_name, *joins)
	return get_pymodule_path(app_name, *joins)


def bold(text):
	# frappe/utils/data.py (v15): bold() -> <strong>text</strong>
	return f"<strong>{text}</strong>"


def as_unicode(text):
	from frappe.utils import cstr

	return cstr(text)


def scrub(txt):
	# frappe/__init__.py (v15): scrub("Leave Application") -> "leave_application"
	return txt.replace(" ", "_").replace("-", "_").lower()


def unscrub(txt):
	return txt.replace("_", " ").replace("-", " ").title()


def generate_hash(txt=None, length=56):
	# frappe/__init__.py (v15): random hex hash (secrets) of `length` characters
	import secrets

	if txt:
		return hashlib.sha224(str(txt).encode()).hexdigest()[:length]
	return secrets.token_hex(length // 2 + 1)[:length]


def as_json(obj, indent=1, separators=None):
	from frappe.utils.response import json_handler

	return json.dumps(obj, indent=indent, sort_keys=True, default=json_handler, separators=separators)


def parse_json(val):
	from frappe.utils import parse_json as _pj

	return _pj(val)


# ---------------------------------------------------------------- e-mail


def sendmail(recipients=None, sender="", subject="No Subject", message=None, content=None, **kwargs):
	"""frappe/__init__.py (v15) sendmail → email queue → EmailQueue.get_outgoing_email_account →
	frappe/email/doctype/email_account/email_account.py find_outgoing: without a default outgoing
	Email Account it throws OutgoingEmailError. The double has no Email Account, like a fresh test
	site: every send is refused, so code that mails as a side effect shows it in the tests."""
	throw(_("Please setup default outgoing Email Account from Tools > Email Account"), OutgoingEmailError)


# ---------------------------------------------------------------- messages


def msgprint(
	msg,
	title=None,
	raise_exception=0,
	as_table=False,
	as_list=False,
	indicator=None,
	alert=False,
	primary_action=None,
	is_minimizable=None,
	wide=None,
	*,
	realtime=False,
):
	# frappe/__init__.py (v15): msgprint appends _dict(message, title, indicator, raise_exception)
	# to local.message_log, then raises `raise_exception` (a class -> class(msg), truthy -> ValidationError)
	def _raise_exception():
		if raise_exception:
			if inspect.isclass(raise_exception) and issubclass(raise_exception, Exception):
				raise raise_exception(msg)
			raise ValidationError(msg)

	if local.flags.mute_messages:
		_raise_exception()
		return
	if as_list and isinstance(msg, list | tuple) and len(msg) > 1:
		msg = "<ul><li>" + "</li><li>".join(str(m) for m in msg) + "</li></ul>"
	out = _dict(message=msg)
	if title:
		out.title = title
	if not indicator and raise_exception:
		indicator = "red"
	if indicator:
		out.indicator = indicator
	if is_minimizable:
		out.is_minimizable = is_minimizable
	if alert:
		out.alert = 1
	if raise_exception:
		out.raise_exception = 1
	if primary_action:
		out.primary_action = primary_action
	if wide:
		out.wide = wide
	if not realtime:
		local.message_log.append(out)
	_raise_exception()


def throw(
	msg,
	exc=ValidationError,
	title=None,
	is_minimizable=False,
	wide=False,
	as_list=False,
	primary_action=None,
):
	# frappe/__init__.py (v15): throw() = msgprint(raise_exception=exc, indicator="red")
	msgprint(
		msg,
		raise_exception=exc,
		title=title,
		indicator="red",
		is_minimizable=is_minimizable,
		wide=wide,
		as_list=as_list,
		primary_action=primary_action,
	)


def throw_permission_error():
	# frappe/__init__.py (v15): throw(_("Not permitted"), PermissionError)
	throw(_("Not permitted"), PermissionError)


def errprint(msg):
	# frappe/__init__.py (v15): errprint appends {"exc": msg} to local.error_log
	local.error_log.append({"exc": as_unicode(msg)})


def log(msg):
	local.debug_log.append(as_unicode(msg))


def get_traceback(with_context=False):
	from frappe.utils import get_traceback as _gt

	return _gt(with_context)


def log_error(title=None, message=None, reference_doctype=None, reference_name=None, *, defer_insert=False):
	# frappe/utils/error.py (v15): log_error -> an "Error Log" (method=title, error=message or the
	# traceback); legacy positional (message, title) swapped if title has "\n". With
	# `defer_insert=True` (or flags.read_only) the row goes to the cache via
	# Document.deferred_insert() and reaches the table only when the scheduled
	# frappe.deferred_insert.save_to_db runs — so it is not part of (nor rolled back with) this
	# transaction — and nothing is returned; otherwise it is inserted now, ignore_permissions.
	from frappe.utils import get_traceback as _gt

	traceback = None
	if message:
		if "\n" in (title or ""):
			title, message = message, title
		traceback = message
	title = title or "Error"
	traceback = as_unicode(traceback or _gt(with_context=True))
	doc = get_doc(
		doctype="Error Log",
		error=traceback,
		method=title,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
	)
	if local.flags.get("read_only") or defer_insert:
		doc.deferred_insert()
		return None
	return doc.insert(ignore_permissions=True)


# ---------------------------------------------------------------- whitelist / call


def _in_request_or_test():
	# frappe/__init__.py (v15): type hints validated only during a request or in tests
	return getattr(local, "request", None) or getattr(local, "flags", _dict()).get("in_test")


def whitelist(allow_guest=False, xss_safe=False, methods=None):
	# frappe/__init__.py (v15): whitelist() wraps fn with validate_argument_types, then registers the
	# *wrapper* in whitelisted / guest_methods / xss_safe_methods (xss_safe only counts with allow_guest)
	if not methods:
		methods = ["GET", "POST", "PUT", "DELETE"]

	def innerfn(fn):
		from frappe.utils.typing_validations import validate_argument_types

		method = None
		if hasattr(fn, "__func__"):
			method = fn
			fn = method.__func__
		fn = validate_argument_types(fn, apply_condition=_in_request_or_test)
		whitelisted.add(fn)
		allowed_http_methods_for_whitelisted_func[fn] = methods
		if allow_guest:
			guest_methods.add(fn)
			if xss_safe:
				xss_safe_methods.add(fn)
		return method or fn

	return innerfn


def is_whitelisted(method):
	# frappe/__init__.py (v15): not whitelisted, or Guest and not guest-allowed -> PermissionError (403);
	# Guest + not xss_safe -> sanitize_html() every str in form_dict
	from frappe.utils.html_utils import sanitize_html

	is_guest = local.session["user"] == "Guest"
	if method not in whitelisted or (is_guest and method not in guest_methods):
		summary = _("You are not permitted to access this resource.")
		detail = _("Function {0} is not whitelisted.").format(
			bold(f"{getattr(method, '__module__', '')}.{getattr(method, '__name__', method)}")
		)
		msg = f"<details><summary>{summary}</summary>{detail}</details>"
		throw(msg, PermissionError, title="Method Not Allowed")

	if is_guest and method not in xss_safe_methods:
		for key, value in local.form_dict.items():
			if isinstance(value, str):
				local.form_dict[key] = sanitize_html(value)


def get_newargs(fn, kwargs):
	# frappe/__init__.py (v15): keep only named parameters unless fn takes **kwargs;
	# always drop "ignore_permissions" and "flags"
	if hasattr(fn, "fnargs"):
		fnargs = fn.fnargs
	else:
		sig = inspect.signature(fn)
		fnargs = list(sig.parameters)
		varkw = any(p.kind == inspect.Parameter.VAR_KEYWORD for p in sig.parameters.values())
		if varkw:
			fnargs = None
	if fnargs is None:
		newargs = dict(kwargs)
	else:
		newargs = {a: kwargs[a] for a in fnargs if a in kwargs}
	newargs.pop("ignore_permissions", None)
	newargs.pop("flags", None)
	return newargs


def call(fn, *args, **kwargs):
	# frappe/__init__.py (v15): call(fn | "dotted.path", *args, **kwargs) via get_newargs
	if isinstance(fn, str):
		fn = get_attr(fn)
	newargs = get_newargs(fn, kwargs)
	return fn(*args, **newargs)


def get_module(modulename):
	# frappe/__init__.py (v15): importlib.import_module
	return importlib.import_module(modulename)


def get_attr(method_string):
	# frappe/__init__.py (v15): "a.b.c" -> getattr(import a.b, "c"); no dot -> globals()
	if "." not in method_string:
		return globals()[method_string]
	modulename, methodname = method_string.rsplit(".", 1)
	return getattr(get_module(modulename), methodname)


# ---------------------------------------------------------------- hooks

_extra_hooks: dict = {}
_app_hooks_loaded: dict = {}


def _load_app_hooks():
	if "hooks" not in _app_hooks_loaded:
		try:
			mod = importlib.import_module("frappe_slack_connector.hooks")
			_app_hooks_loaded["hooks"] = {k: v for k, v in vars(mod).items() if not k.startswith("_")}
		except ImportError:
			_app_hooks_loaded["hooks"] = {}
	return _app_hooks_loaded["hooks"]


def _hrms_hooks():
	"""The hooks of the installed Frappe HR the app's code sees (installed before the app)."""
	if double_version.V16:
		# hrms/hooks.py (version-16): erpnext's get_holiday_list_for_employee answers through this
		# (erpnext/setup/doctype/employee/employee.py, version-16: the last one wins).
		return {"employee_holiday_list": ["hrms.utils.holiday_list.get_holiday_list_for_employee"]}
	# hrms/hooks.py (version-15) has no employee_holiday_list hook.
	return {}


def add_hook(hook, value):
	"""Double-only: register a hook value as a test app's hooks.py would."""
	_extra_hooks.setdefault(hook, []).append(value)


def get_hooks(hook=None, default=None, app_name=None):
	# frappe/__init__.py (v15): get_hooks merges every installed app's hooks.py (lists appended,
	# dicts merged into lists per key)
	merged: dict = {}

	def _merge(name, value):
		if isinstance(value, dict):
			target = merged.setdefault(name, {})
			for k, v in value.items():
				_merge_dict(target, k, v)
		else:
			merged.setdefault(name, [])
			merged[name].extend(value if isinstance(value, list | tuple) else [value])

	def _merge_dict(target, k, v):
		if isinstance(v, dict):
			sub = target.setdefault(k, {})
			for kk, vv in v.items():
				_merge_dict(sub, kk, vv)
		else:
			target.setdefault(k, [])
			target[k].extend(v if isinstance(v, list | tuple) else [v])

	if app_name in (None, "hrms"):
		for name, value in _hrms_hooks().items():
			_merge(name, value)
	if app_name in (None, "frappe_slack_connector"):
		for name, value in _load_app_hooks().items():
			if isinstance(value, types.ModuleType | types.FunctionType):
				continue
			_merge(name, value)
	for name, values in _extra_hooks.items():
		for value in values:
			_merge(name, value)
	if hook:
		return merged.get(hook, default if default is not None else [])
	return _dict(merged)


# ---------------------------------------------------------------- documents


def get_meta(doctype, cached=True):
	from frappe.model.meta import get_meta as _gm

	return _gm(doctype)


def get_controller(doctype):
	from frappe.model.base import get_controller as _gc

	return _gc(doctype)


def get_doc(*args, **kwargs):
	# frappe/__init__.py + frappe/model/document.py (v15): get_doc(dict) -> new unsaved doc;
	# get_doc(doctype, name) -> load (DoesNotExistError); get_doc(doctype) for singles
	from frappe.model.document import get_doc as _gd

	return _gd(*args, **kwargs)


def new_doc(doctype, parent_doc=None, parentfield=None, as_dict=False, **kwargs):
	# frappe/model/create_new.py (v15): new_doc with defaults applied
	from frappe.model.document import new_doc as _nd

	return _nd(doctype, as_dict=as_dict, **kwargs)


def get_single(doctype):
	# frappe/__init__.py (v15): get_single(dt) = get_doc(dt, dt)
	return get_doc(doctype, doctype)


def get_cached_doc(*args, **kwargs):
	# frappe/__init__.py (v15): cached in Redis, cleared on save — the double always reads the store
	return get_doc(*args, **kwargs)


def get_last_doc(doctype, filters=None, order_by="creation desc"):
	names = get_all(doctype, filters=filters, limit_page_length=1, order_by=order_by, pluck="name")
	if names:
		return get_doc(doctype, names[0])
	raise DoesNotExistError(doctype)


def get_cached_value(doctype, name, fieldname="name", as_dict=False):
	# frappe/__init__.py (v15): get_cached_value -> values of a cached doc (None if missing)
	if not local.db.exists(doctype, name):
		return None
	return local.db.get_value(doctype, name, fieldname, as_dict=as_dict)


def delete_doc(
	doctype=None,
	name=None,
	force=0,
	ignore_doctypes=None,
	for_reload=False,
	ignore_permissions=False,
	flags=None,
	ignore_on_trash=False,
	ignore_missing=True,
	delete_permanently=False,
):
	# frappe/model/delete_doc.py (v15): checks delete permission, runs on_trash/after_delete,
	# submitted docs can't be deleted, missing doc ignored when ignore_missing
	from frappe.model.document import delete_doc as _dd

	return _dd(
		doctype, name, ignore_permissions=ignore_permissions, ignore_missing=ignore_missing, force=force
	)


def get_all(doctype, *args, **kwargs):
	# frappe/__init__.py (v15): get_all = get_list(ignore_permissions=True, limit_page_length=0 default)
	kwargs["ignore_permissions"] = True
	if "limit_page_length" not in kwargs and "limit" not in kwargs and "page_length" not in kwargs:
		kwargs["limit_page_length"] = 0
	return get_list(doctype, *args, **kwargs)


def get_list(doctype, *args, **kwargs):
	# frappe/__init__.py + frappe/model/db_query.py (v15): get_list with read permission check,
	# default page length 20
	from frappe.database.query import get_list as _gl

	return _gl(doctype, *args, **kwargs)


def get_value(*args, **kwargs):
	return local.db.get_value(*args, **kwargs)


def has_permission(doctype=None, ptype="read", doc=None, user=None, throw=False, **kwargs):
	# frappe/permissions.py (v15): role-based doctype permission at permlevel 0; with `doc` (a
	# document or its name, loaded as has_permission does) also a share of it (DocShare) and the
	# user's User Permissions (get_doc_permissions → has_user_permission). Administrator passes
	# everything.
	from frappe.model.meta import has_permission as _hp
	from frappe.model.meta import has_user_permission

	ok = _hp(doctype, ptype, user=user)
	if ok and doc is not None and (user or local.session.user) != "Administrator":
		if isinstance(doc, str | int):
			doc = get_doc(doctype, doc)
		ok = has_user_permission(doc, user=user)
	if not ok and doc is not None:
		# false_if_not_shared: a share of this document grants read/write/submit/share
		from frappe.share import is_shared

		name = doc if isinstance(doc, str | int) else doc.get("name")
		ok = bool(name) and is_shared(doctype, name, user or local.session.user, ptype)
	if not ok and throw:
		msg = _("No permission for {0}").format(doctype)
		globals()["throw"](msg, PermissionError)
	return ok


def only_for(roles, message=False):
	# frappe/__init__.py (v15): PermissionError unless the session user has one of the roles —
	# except under flags.in_test (the test runner's process) or for Administrator. A request
	# gets fresh flags (frappe.init, in_test False), so requests are checked even in tests.
	if local.flags.in_test or local.session.user == "Administrator":
		return
	if isinstance(roles, str):
		roles = (roles,)
	if set(roles).isdisjoint(get_roles()):
		if not message:
			raise PermissionError
		throw(
			_("This action is only allowed for {}").format(", ".join(bold(r) for r in roles)), PermissionError
		)


def get_system_settings(key):
	# frappe/__init__.py (v15): cached System Settings single value
	return local.db.get_single_value("System Settings", key)


# ---------------------------------------------------------------- jobs


def enqueue(
	method,
	queue="default",
	timeout=None,
	event=None,
	is_async=True,
	job_name=None,
	now=False,
	enqueue_after_commit=False,
	*,
	on_success=None,
	on_failure=None,
	at_front=False,
	job_id=None,
	deduplicate=False,
	**kwargs,
):
	# frappe/utils/background_jobs.py (v15): enqueue signature and semantics
	from frappe.utils.background_jobs import enqueue as _enqueue

	return _enqueue(
		method,
		queue=queue,
		timeout=timeout,
		event=event,
		is_async=is_async,
		job_name=job_name,
		now=now,
		enqueue_after_commit=enqueue_after_commit,
		on_success=on_success,
		on_failure=on_failure,
		at_front=at_front,
		job_id=job_id,
		deduplicate=deduplicate,
		**kwargs,
	)


def publish_realtime(
	event=None,
	message=None,
	room=None,
	user=None,
	doctype=None,
	docname=None,
	task_id=None,
	after_commit=False,
):
	# frappe/realtime.py (v15): publish to the socket.io room of `user` (or `room`, doctype/docname,
	# task); the double records what a browser would receive in `frappe.local.realtime_log`
	# (double-only; not cleared by requests or jobs — like the browser, it sees them all)
	local.realtime_log.append(
		_dict(event=event, message=message, room=room, user=user, doctype=doctype, docname=docname)
	)


def respond_as_web_page(
	title,
	html,
	success=None,
	http_status_code=None,
	context=None,
	indicator_color=None,
	primary_action="/",
	primary_label=None,
	fullpage=False,
	width=None,
	template="message",
):
	# frappe/__init__.py (v15): respond_as_web_page -> local.message(_title), response type "page"
	# routed to the "message" template; `html` is rendered as HTML (callers escape what they embed)
	local.message_title = title
	local.message = html
	local.response["type"] = "page"
	local.response["route"] = template
	local.no_cache = 1
	if http_status_code:
		local.response["http_status_code"] = http_status_code
	context = dict(context or {})
	if not indicator_color:
		if success:
			indicator_color = "green"
		elif http_status_code and http_status_code > 300:
			indicator_color = "red"
		else:
			indicator_color = "blue"
	context.update(
		indicator_color=indicator_color,
		primary_label=primary_label,
		primary_action=primary_action,
		error_code=http_status_code,
		fullpage=fullpage,
	)
	if width:
		context["card_width"] = width
	local.response["context"] = context


def get_request_header(key, default=None):
	# frappe/__init__.py (v15): request.headers.get(key, default)
	if not local.request:
		return default
	return local.request.headers.get(key, default)


def clear_cache(*args, **kwargs):
	return None


def logger(module=None, with_more_info=False, allow_site=True, filter=None, max_size=None, file_count=None):
	import logging

	return logging.getLogger(module or "frappe")


init()
sys.modules.setdefault("frappe.exceptions", sys.modules[__name__ + ".exceptions"])
functools  # noqa: B018
