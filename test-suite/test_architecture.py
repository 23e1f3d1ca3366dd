"""The app's structure, checked from its source (`ast`, every import including those inside
functions): one direction of imports, one door to the ERP, a Slack client that knows no Frappe.

Rules:
1. No import cycle among the app's Python modules (importing `a.b.c` also imports `a.b`).
2. Only `erp/` imports hrms or erpnext.
3. `slack/client.py` imports neither frappe nor anything of the app: a plain slack_sdk wrapper.
4. Outside `erp/`, code uses frappe only to be a Frappe route or DocType and to answer:
   `frappe.whitelist`, `frappe.only_for`, `frappe._`, `frappe.throw`, `frappe.request`,
   `frappe.local.response`, `frappe.respond_as_web_page`, `frappe.utils.sbool`, Frappe's
   exception classes, (DocType controllers only) `frappe.model.document.Document` and (the bench
   commands in `commands.py` only) `frappe.commands.pass_context` / `get_site`. Reading
   or writing data (`frappe.db`, `frappe.get_*`, `frappe.new_doc` …), jobs (`frappe.enqueue`),
   sessions, cache, config and logs all go through `erp/`.
5. The app's own tests (`frappe_slack_connector/tests/`, `doctype/*/test_*.py`: what
   `bench run-tests` runs) are test code, free like test-suite/; no app module imports them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "frappe_slack_connector"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE
DOCTYPES = f"{PACKAGE}.{PACKAGE}.doctype."
FRAPPE_OUTSIDE_ERP = {
	"frappe.whitelist",
	"frappe.only_for",
	"frappe._",
	"frappe.throw",
	"frappe.request",
	"frappe.local.response",
	"frappe.respond_as_web_page",
	"frappe.utils.sbool",
	"frappe.ValidationError",
	"frappe.PermissionError",
	"frappe.DoesNotExistError",
}
FROM_FRAPPE_OUTSIDE_ERP = {("frappe", "_")}
FROM_FRAPPE_IN_DOCTYPES = {("frappe.model.document", "Document")}
# The bench command surface (commands.py), as a route has frappe.whitelist.
FROM_FRAPPE_IN_COMMANDS = {("frappe.commands", "pass_context"), ("frappe.commands", "get_site")}


def module_name(path: Path) -> str:
	parts = path.relative_to(ROOT.parent).with_suffix("").parts
	return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_test_code(name: str) -> bool:
	return (
		name == f"{PACKAGE}.tests"
		or name.startswith(f"{PACKAGE}.tests.")
		or (name.startswith(DOCTYPES) and name.rsplit(".", 1)[-1].startswith("test_"))
	)


ALL_MODULES = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}
TEST_CODE = sorted(n for n in ALL_MODULES if is_test_code(n))
MODULES = {n: p for n, p in ALL_MODULES.items() if not is_test_code(n)}
TREES = {name: ast.parse(path.read_text(), filename=str(path)) for name, path in MODULES.items()}


def is_package(name: str) -> bool:
	return MODULES[name].name == "__init__.py"


def imported_names(name: str) -> list[tuple[str, str | None]]:
	"""(module, imported attribute or None) for every import of module `name`."""
	found = []
	for node in ast.walk(TREES[name]):
		if isinstance(node, ast.Import):
			found += [(alias.name, None) for alias in node.names]
		elif isinstance(node, ast.ImportFrom):
			base = node.module or ""
			if node.level:
				anchor = name if is_package(name) else name.rpartition(".")[0]
				for _ in range(node.level - 1):
					anchor = anchor.rpartition(".")[0]
				base = f"{anchor}.{base}".rstrip(".")
			found += [(base, alias.name) for alias in node.names]
	return found


def app_dependencies(name: str) -> set[str]:
	"""The app modules that importing `name` runs (the module, a submodule, its parent packages)."""
	deps = set()
	for module, attr in imported_names(name):
		target = f"{module}.{attr}" if attr and f"{module}.{attr}" in MODULES else module
		while target.startswith(PACKAGE):
			if target in MODULES:
				deps.add(target)
			target = target.rpartition(".")[0]
	deps.discard(name)
	return deps


def find_cycle() -> list[str] | None:
	graph = {name: sorted(app_dependencies(name)) for name in MODULES}
	state: dict[str, str] = {}
	stack: list[str] = []

	def visit(node: str) -> list[str] | None:
		state[node] = "open"
		stack.append(node)
		for dep in graph[node]:
			if state.get(dep) == "open":
				return [*stack[stack.index(dep) :], dep]
			if dep not in state and (cycle := visit(dep)):
				return cycle
		stack.pop()
		state[node] = "done"
		return None

	for node in graph:
		if node not in state and (cycle := visit(node)):
			return cycle
	return None


def test_the_app_has_modules_to_check():
	assert {f"{PACKAGE}.erp.leave", f"{PACKAGE}.slack.site", f"{PACKAGE}.slack.handlers"} <= set(MODULES)


def test_no_import_cycle():
	cycle = find_cycle()
	assert cycle is None, " → ".join(cycle)


def test_cycle_finder_sees_function_level_and_relative_imports():
	# The rules are only as good as the parser: a function-level import counts.
	tree = ast.parse("def f():\n\tfrom frappe_slack_connector.erp import leave\n")
	TREES["__probe__"] = tree
	MODULES["__probe__"] = ROOT / "probe.py"
	try:
		assert f"{PACKAGE}.erp.leave" in app_dependencies("__probe__")
	finally:
		del TREES["__probe__"], MODULES["__probe__"]


@pytest.mark.parametrize("name", sorted(n for n in MODULES if not n.startswith(f"{PACKAGE}.erp")))
def test_only_erp_imports_hrms_or_erpnext(name):
	offending = {m for m, _ in imported_names(name) if m.split(".")[0] in ("hrms", "erpnext")}
	assert not offending, f"{name} imports {offending}: go through {PACKAGE}.erp"


def test_slack_client_knows_no_frappe_and_nothing_of_the_app():
	imports = {m for m, _ in imported_names(f"{PACKAGE}.slack.client")}
	assert not {m for m in imports if m.split(".")[0] in ("frappe", PACKAGE)}, imports


def frappe_uses(tree: ast.AST) -> set[str]:
	"""Every `frappe.a.b…` chain used, as its longest dotted prefix ("frappe.db.get_value")."""
	chains = set()
	for node in ast.walk(tree):
		if isinstance(node, ast.Attribute):
			parts, current = [], node
			while isinstance(current, ast.Attribute):
				parts.append(current.attr)
				current = current.value
			if isinstance(current, ast.Name) and current.id == "frappe":
				chains.add(".".join(["frappe", *reversed(parts)]))
	# Keep only the outermost chain of each expression: frappe.local.response, not frappe.local.
	return {c for c in chains if not any(o != c and o.startswith(c + ".") for o in chains)}


def allowed(chain: str) -> bool:
	return any(chain == ok or chain.startswith(ok + ".") for ok in FRAPPE_OUTSIDE_ERP)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if not n.startswith(f"{PACKAGE}.erp")))
def test_outside_erp_frappe_is_only_the_route_and_doctype_surface(name):
	tree = TREES[name]
	used = {chain for chain in frappe_uses(tree) if not allowed(chain)}
	assert not used, f"{name} uses {sorted(used)}: go through {PACKAGE}.erp"
	permitted = FROM_FRAPPE_OUTSIDE_ERP | (FROM_FRAPPE_IN_DOCTYPES if name.startswith(DOCTYPES) else set())
	if name == f"{PACKAGE}.commands":
		permitted |= FROM_FRAPPE_IN_COMMANDS
	from_frappe = {(m, a) for m, a in imported_names(name) if a and m.split(".")[0] == "frappe"}
	assert from_frappe <= permitted, f"{name} imports {sorted(from_frappe - permitted)} from frappe"
	plain = {m for m, a in imported_names(name) if a is None and m.split(".")[0] == "frappe"}
	assert plain <= {"frappe"}, f"{name} imports {sorted(plain)}"


def test_the_frappe_rule_catches_data_access():
	probe = ast.parse(
		"frappe.db.get_value('User', 'x')\nfrappe.enqueue('m')\nfrappe.local.response['a'] = 1\n"
	)
	assert {c for c in frappe_uses(probe) if not allowed(c)} == {"frappe.db.get_value", "frappe.enqueue"}


def test_no_app_module_imports_the_app_tests():
	assert TEST_CODE, "the package tests moved: update is_test_code"
	for name in MODULES:
		imported = {module for module, _attr in imported_names(name)}
		assert not {m for m in imported if is_test_code(m) or m.startswith("tests")}, name
