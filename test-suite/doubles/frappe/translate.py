"""# frappe/translate.py (v15): how Frappe picks a language and looks translations up.

Followed from frappe version-15 @e0497f55 (15.44.2; frappe/translate.py, frappe/__init__.py `_` / `set_user_lang`,
frappe/auth.py `HTTPRequest.set_lang`, frappe/sessions.py `Session.resume`,
frappe/core/doctype/system_settings/system_settings.py `set_defaults`):

- an app's translations live in `<app package>/translations/<lang>.csv`, rows
  `source,translated[,context]` read with `csv.reader` (utf-8); a row with context is keyed
  `source:context`; apps are merged in installed order (frappe first, later apps win); a dialect
  (`de-CH`, `de_CH`) starts from its parent language (`de`) and overrides it;
- `get_all_translations(lang)` = app translations (+ user translations, the Translation DocType —
  not imitated: the double has no Translation DocType), cached per language; `_()` (frappe/__init__.py)
  strips HTML tags and whitespace from the message for the lookup and returns the message as given
  when nothing is found;
- Gettext catalogues (`<app>/locale/<lang>.mo`, frappe/gettext/translate.py
  `get_translations_from_mo`) are read by v15 too; the double reads the CSV form only.

Stricter than v15: a CSV row that is neither 2 nor 3 columns makes v15 `log_error("Error in
translation file")` and skip the row (`throw=False`); the double raises instead, whatever `throw`
says, so a broken file fails the test that reads it.
"""

from __future__ import annotations

import functools
import os
from contextlib import contextmanager
from csv import reader

import frappe
from frappe.utils import cstr, strip

# Cache keys (frappe/translate.py v15)
MERGED_TRANSLATION_KEY = "merged_translations"
USER_TRANSLATION_KEY = "lang_user_translations"


class TranslationFileError(frappe.ValidationError):
	"""Double-only: a translation CSV row v15 would log as "Error in translation file" and skip."""


def get_language(lang_list: list | None = None) -> str:
	"""# frappe/translate.py (v15) get_language: the request's language, in this order:
	1. form_dict `_lang` (a Language name or language_name); 2. a logged-in user keeps
	`frappe.local.lang` (set from User.language by Session.resume); for Guest: 3. cookie
	`preferred_language`, 4. Accept-Language — each only if an enabled Language (or its parent)
	exists; 5. the default "lang" (System Settings language) or "en"."""
	is_logged_in = frappe.session.user != "Guest"

	if frappe.form_dict._lang:
		language = get_lang_code(frappe.form_dict._lang or get_parent_language(frappe.form_dict._lang))
		if language:
			return language

	if is_logged_in:
		return frappe.local.lang

	lang_set = set(lang_list or get_all_languages() or [])

	preferred_language_cookie = frappe.request.cookies.get("preferred_language")
	if preferred_language_cookie:
		if preferred_language_cookie in lang_set:
			return preferred_language_cookie
		parent_language = get_parent_language(preferred_language_cookie)
		if parent_language in lang_set:
			return parent_language

	for language in list(frappe.request.accept_languages.values()):
		if language in lang_set:
			return language
		parent_language = get_parent_language(language)
		if parent_language in lang_set:
			return parent_language

	return frappe.db.get_default("lang") or "en"


@functools.lru_cache
def get_parent_language(lang: str) -> str | None:
	# frappe/translate.py (v15): zh-TW -> zh, sr_BA -> sr; None for a base language
	for sep in ("_", "-"):
		if sep in lang:
			return lang.split(sep, maxsplit=1)[0]
	return None


def get_user_lang(user: str | None = None) -> str:
	# frappe/translate.py (v15): User.language => default "lang" => frappe.local.lang => "en"
	user = user or frappe.session.user
	return (
		frappe.get_cached_value("User", user, "language")
		or frappe.db.get_default("lang")
		or frappe.local.lang
		or "en"
	)


def get_lang_code(lang: str) -> str | None:
	# frappe/translate.py (v15): a Language by name, else by language_name
	return frappe.db.get_value("Language", {"name": lang}) or frappe.db.get_value(
		"Language", {"language_name": lang}
	)


def set_default_language(lang):
	# frappe/translate.py (v15): the global default "lang", and this request's language
	if frappe.db.get_default("lang") != lang:
		frappe.db.set_default("lang", lang)
	frappe.local.lang = lang


def get_all_languages(with_language_name: bool = False) -> list:
	# frappe/translate.py (v15): enabled Language codes (cached "languages")
	if with_language_name:
		return frappe.get_all("Language", ["language_code", "language_name"], {"enabled": 1})
	return frappe.get_all("Language", filters={"enabled": 1}, pluck="name")


def get_all_translations(lang: str) -> dict[str, str]:
	# frappe/translate.py (v15): the language's app translations (+ user translations and
	# translated country names, not imitated), cached under MERGED_TRANSLATION_KEY per language.
	# A loading error is re-raised under flags.in_test (v15 too), else logged and {} returned.
	if not lang:
		return {}

	def _merge_translations():
		return get_translations_from_apps(lang).copy()

	try:
		return frappe.cache.hget(MERGED_TRANSLATION_KEY, lang, generator=_merge_translations)
	except Exception:
		if frappe.flags and frappe.flags.in_test:
			raise
		frappe.logger().error("Unable to load translations", exc_info=True)
		return {}


def get_translations_from_apps(lang, apps=None):
	# frappe/translate.py (v15): every installed app's CSV (then .mo, not imitated), in installed
	# order — a later app's row wins; a dialect starts from its parent language
	translations = {}
	for app in apps or frappe.get_installed_apps(_ensure_on_bench=True):
		translations.update(get_translations_from_csv(lang, app) or {})
	if parent := get_parent_language(lang):
		parent_translations = get_translations_from_apps(parent, apps)
		parent_translations.update(translations)
		return parent_translations
	return translations


def get_translations_from_csv(lang, app):
	# frappe/translate.py (v15): <app>/translations/<lang>.csv
	return get_translation_dict_from_file(
		os.path.join(frappe.get_app_path(app, "translations"), lang + ".csv"), lang, app
	)


def get_translation_dict_from_file(path, lang, app, throw=False) -> dict[str, str]:
	# frappe/translate.py (v15): 3 columns with a context -> "source:context"; 2 or 3 columns ->
	# source; the translation is `strip()`ped; an empty row is skipped; any other row is bad
	translation_map = {}
	if os.path.exists(path):
		for item in read_csv_file(path):
			if len(item) == 3 and item[2]:
				translation_map[item[0] + ":" + item[2]] = strip(item[1])
			elif len(item) in [2, 3]:
				translation_map[item[0]] = strip(item[1])
			elif item:
				msg = f"Bad translation in '{app}' for language '{lang}': {cstr(item)}"
				frappe.log_error(message=msg, title="Error in translation file")
				# v15: frappe.throw only when throw=True; the double always refuses (stricter)
				raise TranslationFileError(msg)
	return translation_map


def read_csv_file(path):
	# frappe/translate.py (v15): csv.reader over the utf-8 file, rows as lists
	with open(path, encoding="utf-8", newline="") as msgfile:
		return [list(row) for row in reader(msgfile)]


def clear_cache():
	# frappe/translate.py (v15): drop the merged / user translation caches
	frappe.cache.delete_value(keys=["bootinfo", USER_TRANSLATION_KEY, MERGED_TRANSLATION_KEY])


@contextmanager
def print_language(language: str):
	# frappe/translate.py (v15): set frappe.local.lang for the block, restore after. (v15 restores
	# only on a normal exit — no try/finally — and so does the double.)
	if not language or language == frappe.local.lang:
		yield
		return
	_lang = frappe.local.lang
	frappe.local.lang = language
	yield
	frappe.local.lang = _lang
