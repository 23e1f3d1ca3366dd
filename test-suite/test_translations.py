"""`bench get-untranslated de` finds nothing of ours untranslated, and de.csv is what v15 reads.

The app's messages are extracted the way Frappe v15 does it (frappe/translate.py, version-15
@e0497f55, `get_messages_for_app`), re-implemented here:

- DocTypes of the app's modules (`get_messages_from_doctype`): name, module, description, every
  field's label and description, Select options (unless the first option names an icon), HTML
  field options, permission roles — kept if `is_translatable` (frappe/gettext/extractors/utils.py:
  has a letter, not `fa fa-…`, not `…px`, not `eval:…`);
- Workspaces of the app's modules (`get_messages_from_workspace`): header blocks' text without
  HTML, shortcut labels and count formats, link and card labels (v15 loops over the characters of
  "label", so the Workspace's own label is not extracted);
- every `.py` / `.html` / `.js` / `.vue` file under the package (`get_server_messages`, skipping
  `.git`, `__pycache__`, `public/dist`) and under `public/` (`get_all_messages_from_js_files`),
  through `get_messages_from_file`: Python with babel's `extract_python` and the keywords `_`,
  `_lt` (first argument; a second string argument is the context); other files with the
  `_("…")` pattern of frappe/gettext/extractors/utils.py (`TRANSLATE_PATTERN`: a quoted literal
  right after `_(`, then `)` or more arguments on the same line); `.js` files also with a
  JavaScript parser for `__("…", …)` (frappe/gettext/extractors/javascript.py — babel's
  JavaScript lexer; here babel's own `extract_javascript`, first argument).

Then `get_untranslated` lists every message without a translation in the merged dictionary;
this test asks our `translations/de.csv` alone to cover them (it does not lean on frappe's or
hrms's German), and checks the file the way v15's `get_translation_dict_from_file` reads it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter
from pathlib import Path

import frappe
import pytest
from babel.messages.extract import extract_javascript, extract_python
from frappe.translate import get_translation_dict_from_file

PACKAGE = Path(__file__).resolve().parents[1] / "frappe_slack_connector"
DE_CSV = PACKAGE / "translations" / "de.csv"
FILE_EXTENSIONS = (".py", ".html", ".js", ".vue")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# frappe/gettext/extractors/utils.py TRANSLATE_PATTERN, in substance: `_(` + a literal quoted with
# ', ", ''' or """ (on one line) + optional further arguments on that line + `)`.
TRANSLATE_CALL = re.compile(r"""_\(\s*(?P<q>["']{0,3})(?P<message>(?:(?!(?P=q)).)*)(?P=q)(?:\s*,.*?)?\s*\)""")


def is_translatable(message: str) -> bool:
	# frappe/gettext/extractors/utils.py (v15) is_translatable
	return bool(
		re.search("[a-zA-Z]", message)
		and not message.startswith("fa fa-")
		and not message.endswith("px")
		and not message.startswith("eval:")
	)


def python_messages(code: str) -> list[tuple[str, str | None]]:
	# frappe/translate.py (v15) extract_messages_from_python_code
	found = []
	for _lineno, _func, args, _comments in extract_python(
		io.BytesIO(code.encode()), keywords=["_", "_lt"], comment_tags=(), options={}
	):
		if not args or not args[0]:
			continue
		source = args[0] if isinstance(args, tuple) else args
		context = args[1] if isinstance(args, tuple) and len(args) == 2 else None
		found.append((source, context))
	return found


def pattern_messages(code: str) -> list[tuple[str, str | None]]:
	# frappe/gettext/extractors/utils.py (v15) extract_messages_from_code (no jinja includes here)
	return [(m["message"], None) for m in TRANSLATE_CALL.finditer(code) if is_translatable(m["message"])]


def javascript_messages(code: str) -> list[tuple[str, str | None]]:
	# frappe/translate.py (v15) extract_messages_from_javascript_code: `__(message, [args], context)`
	found = []
	for _lineno, _func, args, _comments in extract_javascript(
		io.BytesIO(code.encode()), keywords={"__": None}, comment_tags=(), options={}
	):
		source = args[0] if isinstance(args, tuple) else args
		if source:
			found.append((source, None))
	return found


def file_messages(path: Path) -> list[tuple[str, str | None]]:
	# frappe/translate.py (v15) get_messages_from_file
	code = path.read_text(encoding="utf-8")
	if path.suffix == ".py":
		return python_messages(code)
	found = pattern_messages(code)
	if path.suffix == ".js":
		found += javascript_messages(code)
	return found


def doctype_messages(definition: dict) -> list[str]:
	# frappe/translate.py (v15) get_messages_from_doctype (the JSON part)
	messages = [definition["name"], definition.get("module")]
	if definition.get("description"):
		messages.append(definition["description"])
	for field in definition.get("fields", []):
		messages += [field.get("label"), field.get("description")]
		options = field.get("options")
		if field.get("fieldtype") == "Select" and options:
			choices = options.split("\n")
			if "icon" not in choices[0]:
				messages += choices
		if field.get("fieldtype") == "HTML" and options:
			messages.append(options)
	messages += [perm["role"] for perm in definition.get("permissions", []) if perm.get("role")]
	return [m for m in messages if m and is_translatable(m)]


def workspace_messages(definition: dict) -> list[str]:
	# frappe/translate.py (v15) get_messages_from_workspace; strip_html as frappe/utils/html_utils.py
	messages = [
		re.sub(r"<.*?>", "", block["data"]["text"])
		for block in json.loads(definition.get("content") or "[]")
		if block.get("type") == "header" and block.get("data", {}).get("text")
	]
	for shortcut in definition.get("shortcuts", []):
		messages += [shortcut.get("format"), shortcut.get("label")]
	messages += [link.get("label") for link in definition.get("links", [])]
	return [m for m in messages if m]


def app_messages() -> dict[str, set[str]]:
	"""Every message of the app (v15 `get_messages_for_app`) → the files it comes from."""
	found: dict[str, set[str]] = {}

	def add(message: str, where: str) -> None:
		found.setdefault(message, set()).add(where)

	modules = [m.strip() for m in (PACKAGE / "modules.txt").read_text().splitlines() if m.strip()]
	for module in modules:
		for path in sorted((PACKAGE / module.lower().replace(" ", "_") / "doctype").glob("*/*.json")):
			definition = json.loads(path.read_text())
			if definition.get("doctype") == "DocType":
				for message in doctype_messages(definition):
					add(message, str(path.relative_to(PACKAGE)))
		for path in sorted((PACKAGE / module.lower().replace(" ", "_") / "workspace").glob("*/*.json")):
			for message in workspace_messages(json.loads(path.read_text())):
				add(message, str(path.relative_to(PACKAGE)))
	for base, folders, files in os.walk(PACKAGE):
		folders[:] = [f for f in folders if f not in {".git", "__pycache__"}]
		if "public/dist" in base:
			continue
		for name in files:
			if name.endswith(FILE_EXTENSIONS):
				path = Path(base) / name
				for message, _context in file_messages(path):
					add(message, str(path.relative_to(PACKAGE)))
	return found


def read_rows(path: Path) -> list[list[str]]:
	# frappe/translate.py (v15) read_csv_file
	with open(path, encoding="utf-8", newline="") as f:
		return [list(row) for row in csv.reader(f)]


MESSAGES = app_messages()
ROWS = read_rows(DE_CSV)


def test_the_extraction_sees_every_kind_of_source():
	kinds = {Path(w).suffix for wheres in MESSAGES.values() for w in wheres}
	assert {".py", ".js", ".json"} <= kinds
	assert "Slack Settings" in MESSAGES  # a DocType name
	assert "Signing Secret" in MESSAGES  # a field label
	assert "Connect Slack" in MESSAGES  # public/js/user.js
	assert "Enter a Channel ID to test." in MESSAGES  # api/ Python
	assert "Troubleshooting" in MESSAGES  # a Workspace card


def test_de_csv_reads_as_frappe_v15_reads_it(site):
	# The double raises on a row that is not 2 or 3 columns (v15 logs and drops it).
	translations = get_translation_dict_from_file(str(DE_CSV), "de", "frappe_slack_connector")
	assert translations
	assert all(len(row) in (2, 3) for row in ROWS if row)
	assert [row for row in ROWS if not row] == [], "no empty lines"
	sources = Counter((row[0], row[2] if len(row) == 3 else "") for row in ROWS)
	assert [s for s, n in sources.items() if n > 1] == [], "one row per source (v15 keeps the last)"
	assert [row[0] for row in ROWS if not row[1].strip()] == [], "no empty translation"
	assert [row[0] for row in ROWS if row[0] != row[0].strip()] == [], "sources as _() finds them"


def test_bench_get_untranslated_de_finds_nothing_of_ours():
	translated = {row[0] for row in ROWS if row[1].strip()}
	missing = sorted(f"{m!r} ({', '.join(sorted(w))})" for m, w in MESSAGES.items() if m not in translated)
	assert missing == [], "untranslated:\n" + "\n".join(missing)


def test_de_csv_has_no_stale_rows():
	stale = sorted(row[0] for row in ROWS if row[0] not in MESSAGES)
	assert stale == [], "rows whose source is no longer used:\n" + "\n".join(stale)


@pytest.mark.parametrize("row", [r for r in ROWS if PLACEHOLDER.search(r[0] + r[1])], ids=lambda r: r[0][:40])
def test_placeholders_survive_translation(row):
	source, translated = row[0], row[1]
	assert Counter(PLACEHOLDER.findall(source)) == Counter(PLACEHOLDER.findall(translated))
	# frappe/translate.py (v15) write_csv_file normalises "{ 0 }" to "{0}": keep them tight
	assert not re.search(r"\{\s+\d+|\d+\s+\}", translated)


def test_a_german_reader_gets_the_csv_and_an_english_one_the_source(site):
	source, german = next((row[0], row[1]) for row in ROWS if len(row) == 2 or not row[2])
	assert frappe._(source, lang="de") == german.strip()
	assert frappe._(source) == source
