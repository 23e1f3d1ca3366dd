"""The admin's first screen: every DocType the README sends people to opens in the desk, the
"Slack" Workspace leads to each of them, and help texts render as written.

Whether `/app/<slug>` resolves follows Frappe v15: frappe/public/js/frappe/router.js `setup()`
makes a route for each DocType in `frappe.boot.user.can_read` only, and frappe/utils/user.py
`UserPermissions.build_permissions` fills `can_read` (read here from the DocType JSON, as
`build_doctype_map` / `build_perm_map` read it from the database at permlevel 0).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "frappe_slack_connector"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SYSTEM_MANAGER = "System Manager"

DOCTYPES = {
	definition["name"]: definition
	for definition in (json.loads(p.read_text()) for p in sorted(APP.glob("*/doctype/*/*.json")))
	if definition.get("doctype") == "DocType"
}
WORKSPACE_FILES = sorted(APP.glob("*/workspace/*/*.json"))
# The tags a help text may use; anything else that starts with "<" is eaten by the browser
# (frappe/public/js/frappe/form/controls/base_control.js puts a description in with .html()).
HELP_TAGS = re.compile(r"</?(code|b|i|em|strong|br|a)(\s[^<>]*)?/?>")


def rights_of(definition: dict, role: str) -> dict[str, int]:
	"""The role's level-0 rights, merged over its permission rows (frappe/utils/user.py
	build_perm_map)."""
	rights: dict[str, int] = {}
	for perm in definition.get("permissions", []):
		if perm.get("role") == role and not perm.get("permlevel"):
			rights.update({right: 1 for right, value in perm.items() if right != "role" and value})
	return rights


def has_desk_route(definition: dict, role: str) -> bool:
	"""frappe/utils/user.py (v15) build_permissions: is the DocType in `can_read` for `role`?"""
	if definition.get("istable"):
		return False
	rights = rights_of(definition, role)
	# create (in_create or not) and write land in can_write, which is added to can_read.
	if (rights.get("create") and not definition.get("issingle")) or rights.get("write"):
		return True
	# Read only: `read_only` ("User Cannot Search") puts it in no_list_view_link, out of can_read.
	return bool(rights.get("read")) and not definition.get("read_only")


def readme_doctypes() -> list[str]:
	"""The app's DocTypes the README names (as a whole phrase: "Slack Message", not "Slack Messages")."""
	return sorted(name for name in DOCTYPES if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", README))


def test_the_readme_sends_admins_to_these_doctypes():
	assert {"Slack Settings", "Slack User Meta", "Slack Message", "Slack Approver Reminder"} <= set(
		readme_doctypes()
	)


@pytest.mark.parametrize("name", readme_doctypes())
def test_every_doctype_the_readme_names_opens_in_the_desk(name):
	definition = DOCTYPES[name]
	assert has_desk_route(definition, SYSTEM_MANAGER), (
		f"/app/{name.lower().replace(' ', '-')} would not resolve"
	)
	# Every role given read can open it too, not only search it.
	for role in {p["role"] for p in definition["permissions"] if p.get("read")}:
		assert has_desk_route(definition, role), (name, role)


@pytest.mark.parametrize("name", ["Slack Message", "Slack Approver Reminder"])
def test_the_apps_own_records_stay_out_of_peoples_hands(name):
	definition = DOCTYPES[name]
	assert definition.get("in_create") == 1
	for perm in definition["permissions"]:
		assert not any(perm.get(right) for right in ("create", "write", "delete", "import")), perm


def test_the_route_rule_matches_frappe():
	read = [{"role": SYSTEM_MANAGER, "read": 1}]
	assert has_desk_route({"permissions": read}, SYSTEM_MANAGER)
	assert not has_desk_route({"permissions": read, "read_only": 1}, SYSTEM_MANAGER)
	assert has_desk_route(
		{"permissions": [{"role": SYSTEM_MANAGER, "read": 1, "create": 1}], "read_only": 1, "in_create": 1},
		SYSTEM_MANAGER,
	)
	assert has_desk_route(
		{"permissions": [{"role": SYSTEM_MANAGER, "read": 1, "write": 1}], "issingle": 1}, SYSTEM_MANAGER
	)
	assert not has_desk_route({"permissions": read, "istable": 1}, SYSTEM_MANAGER)
	assert not has_desk_route(
		{"permissions": [{"role": SYSTEM_MANAGER, "read": 1, "permlevel": 1}]}, SYSTEM_MANAGER
	)
	assert not has_desk_route({"permissions": read}, "HR Manager")


# ---------------------------------------------------------------- the Workspace


def modules() -> set[str]:
	return {line.strip() for line in (APP / "modules.txt").read_text().splitlines() if line.strip()}


def test_the_app_ships_one_workspace_named_slack():
	assert [json.loads(p.read_text())["name"] for p in WORKSPACE_FILES] == ["Slack"]


@pytest.mark.parametrize("path", WORKSPACE_FILES, ids=lambda p: p.stem)
def test_the_workspace_loads_as_frappe_v15_syncs_it(path: Path):
	workspace = json.loads(path.read_text())
	assert workspace["doctype"] == "Workspace"
	assert workspace["module"] in modules()
	# frappe/modules/import_file.py: <module>/workspace/<scrubbed name>/<scrubbed name>.json
	scrubbed = workspace["name"].lower().replace(" ", "_")
	assert path.parent.parent.parent.name == workspace["module"].lower().replace(" ", "_")
	assert path.parent.name == path.stem == scrubbed
	assert workspace["label"] == workspace["title"] == workspace["name"]
	assert workspace["public"] == 1 and not workspace.get("for_user") and not workspace.get("is_hidden")

	blocks = json.loads(workspace["content"])
	assert len({b["id"] for b in blocks}) == len(blocks), "block ids are unique"
	assert {b["type"] for b in blocks} <= {"header", "shortcut", "card", "spacer", "paragraph"}
	shortcut_labels = [s["label"] for s in workspace["shortcuts"]]
	card_labels = [link["label"] for link in workspace["links"] if link["type"] == "Card Break"]
	# frappe/public/js/frappe/views/workspace/blocks: a block finds its shortcut / card by label.
	assert [b["data"]["shortcut_name"] for b in blocks if b["type"] == "shortcut"] == shortcut_labels
	assert [b["data"]["card_name"] for b in blocks if b["type"] == "card"] == card_labels

	# frappe/desk/doctype/workspace/workspace.py (v15) takes a card's links by its link_count.
	links = workspace["links"]
	for at, row in enumerate(links):
		if row["type"] == "Card Break":
			following = []
			for later in links[at + 1 :]:
				if later["type"] == "Card Break":
					break
				following.append(later)
			assert row["link_count"] == len(following), row["label"]
			assert all(link["type"] == "Link" and link["link_type"] == "DocType" for link in following)
	for shortcut in workspace["shortcuts"]:
		assert shortcut["type"] == "DocType" and shortcut["link_to"] in DOCTYPES
		if shortcut.get("format"):
			assert "{}" in shortcut["format"] and json.loads(shortcut["stats_filter"])


def test_the_workspace_leads_to_every_doctype_people_open():
	[path] = WORKSPACE_FILES
	workspace = json.loads(path.read_text())
	linked = {link["link_to"] for link in workspace["links"] if link["type"] == "Link"}
	own = {name for name, definition in DOCTYPES.items() if not definition.get("istable")}
	assert own <= linked
	assert own <= {s["link_to"] for s in workspace["shortcuts"]}
	for name in own:
		assert has_desk_route(DOCTYPES[name], SYSTEM_MANAGER), name


# ---------------------------------------------------------------- help texts


def help_texts() -> list[tuple[str, str]]:
	texts = []
	for name, definition in DOCTYPES.items():
		if definition.get("description"):
			texts.append((name, definition["description"]))
		texts += [
			(f"{name}.{f['fieldname']}", f["description"])
			for f in definition["fields"]
			if f.get("description")
		]
	return texts


@pytest.mark.parametrize(("where", "text"), help_texts(), ids=[w for w, _ in help_texts()])
def test_help_texts_are_html_that_shows_what_it_says(where, text):
	assert "`" not in text, "Markdown does not render here: use <code>"
	assert "<" not in HELP_TAGS.sub("", text), "escape a placeholder as &lt;…&gt;"


def test_the_socket_mode_command_shows_its_site_placeholder():
	connection = next(f for f in DOCTYPES["Slack Settings"]["fields"] if f["fieldname"] == "connection")
	assert "<code>bench --site &lt;site&gt; slack-socket-mode</code>" in connection["description"]


def test_client_credentials_say_what_they_are_for():
	fields = {f["fieldname"]: f for f in DOCTYPES["Slack Settings"]["fields"]}
	for fieldname in ("client_id", "client_secret"):
		assert "Add to Slack" in fields[fieldname]["description"]


def test_the_user_sync_record_is_shown_read_only():
	fields = {f["fieldname"]: f for f in DOCTYPES["Slack Settings"]["fields"]}
	assert fields["last_user_sync"]["fieldtype"] == "Datetime"
	assert fields["last_user_sync_result"]["fieldtype"] == "Small Text"
	for fieldname in ("last_user_sync", "last_user_sync_result"):
		assert fields[fieldname]["read_only"] == 1 and not fields[fieldname].get("hidden")
