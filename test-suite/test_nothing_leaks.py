"""Nothing of the repository but the app is importable on a bench, and the app's tests import
nothing from outside the app.

The editable install (maturin, `python-source = "."`) writes a .pth that puts the repository root
on the bench's sys.path, so every Python identifier at the root is a module name there: a root
`tests` package once collided with another app's. The bench is imitated in a subprocess started
with `-I -S` (no environment, no user site, no .pth processing) whose sys.path is the repository
root, this environment's site-packages and the standard library."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "frappe_slack_connector"
SUITE = Path(__file__).resolve().parent
# Not Python trees of this repository: the Rust crates (their helper scripts are run by path),
# build output, environments.
NOT_PYTHON_TREES = {"frappe_slack_connector", "rust", "target", ".venv", "node_modules", ".git"}
# The names the dev tree had or has, asked for whatever the files say.
DEV_NAMES = (
	"tests",
	"benchmarks",
	"conftest",
	"setup",
	"harness",
	"doubles",
	"suite_plugin",
	"frappe_test_site",
)

# Runs on the bench-like sys.path: for each dotted name, where (if anywhere) in the repository it
# resolves. A parent found elsewhere (another distribution's package) is followed; a namespace
# package merging one of our directories counts as ours.
PROBE = """
import importlib.util, json, os, sys

repo, site_packages, names = json.loads(sys.argv[1])
sys.path[:] = [repo, site_packages, *sys.path]
package = os.path.join(repo, "frappe_slack_connector")


def ours(spec):
	places = list(spec.submodule_search_locations or []) + ([spec.origin] if spec.origin else [])
	places = [os.path.abspath(p) for p in places if p not in ("built-in", "frozen")]
	return [p for p in places if p.startswith(repo + os.sep) and not in_app(p)]


def in_app(place):
	return place == package or place.startswith(package + os.sep)


def leak(name):
	parts = name.split(".")
	for i in range(1, len(parts) + 1):
		spec = importlib.util.find_spec(".".join(parts[:i]))
		if spec is None:
			return None
		if ours(spec):
			return ours(spec)
	return None


import frappe_slack_connector

app = os.path.abspath(frappe_slack_connector.__file__)
leaks = {name: leak(name) for name in names}
print(json.dumps({"app": app, "leaks": {name: where for name, where in leaks.items() if where}}))
"""


def dotted_names() -> set[str]:
	"""The module name of every .py file outside the app and the Rust crates whose path parts are
	all identifiers (any other file cannot be imported by name)."""
	names = set()
	for path in REPO.rglob("*.py"):
		rel = path.relative_to(REPO)
		if rel.parts[0] in NOT_PYTHON_TREES:
			continue
		parts = [*rel.parts[:-1], path.stem] if path.stem != "__init__" else list(rel.parts[:-1])
		if parts and all(p.isidentifier() for p in parts):
			names.add(".".join(parts))
	return names


def bench_like_imports(root: Path, names: list[str]) -> dict:
	"""Import the app and look `names` up with sys.path = [root, site-packages, stdlib]."""
	site_packages = sysconfig.get_paths()["purelib"]
	result = subprocess.run(
		[sys.executable, "-I", "-S", "-c", PROBE, json.dumps([str(root), site_packages, names])],
		cwd="/",
		capture_output=True,
		text=True,
		timeout=60,
		check=True,
	)
	return json.loads(result.stdout)


def test_the_dev_tree_has_files_whose_names_would_leak():
	"""The probe below is not vacuous: the dev tree is Python, just not under importable names."""
	assert any(p.suffix == ".py" for p in SUITE.rglob("*.py"))
	assert not SUITE.name.isidentifier()


def test_on_a_bench_only_the_app_is_importable_from_the_repository():
	names = sorted(dotted_names() | set(DEV_NAMES))
	found = bench_like_imports(REPO, names)
	assert found["app"] == str(PACKAGE / "__init__.py")
	assert found["leaks"] == {}


def test_a_top_level_file_at_the_root_would_be_caught(tmp_path):
	"""The probe finds a leak where there is one: a root like ours with a `conftest.py` and a
	`tests/` directory (no __init__.py: a namespace package)."""
	(tmp_path / "frappe_slack_connector").mkdir()
	(tmp_path / "frappe_slack_connector" / "__init__.py").write_text("")
	(tmp_path / "conftest.py").write_text("")
	(tmp_path / "tests").mkdir()
	(tmp_path / "tests" / "helper.py").write_text("")
	leaks = bench_like_imports(tmp_path, ["conftest", "tests.helper", "setup"])["leaks"]
	assert sorted(leaks) == ["conftest", "tests.helper"]


def imported_modules(path: Path) -> list[str]:
	found = []
	for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
		if isinstance(node, ast.Import):
			found += [alias.name for alias in node.names]
		elif isinstance(node, ast.ImportFrom) and not node.level:
			found.append(node.module or "")
	return found


def test_the_app_and_its_tests_import_nothing_from_the_dev_tree():
	"""What `bench run-tests` runs must run from the app alone: no module of the app (its tests and
	their support/ included) imports test-suite/'s modules, the doubles' site helper or a root
	`tests` package. (frappe, hrms and erpnext are the real ones on a bench, the doubles here.)"""
	suite_names = {p.stem for p in SUITE.glob("*.py")} | {
		p.name for p in SUITE.iterdir() if p.is_dir() and p.name.isidentifier()
	}
	forbidden = suite_names | set(DEV_NAMES)
	assert {
		"harness",
		"doubles",
		"benchmarks",
		"conftest",
		"suite_plugin",
		"test_leave_workflow",
	} <= forbidden
	offending = {
		f"{path.relative_to(REPO)}: {name}"
		for path in sorted(PACKAGE.rglob("*.py"))
		for name in imported_modules(path)
		if name.split(".")[0] in forbidden
	}
	assert offending == set()
	tests_modules = {name for path in (PACKAGE / "tests").rglob("*.py") for name in imported_modules(path)}
	assert "frappe_slack_connector.tests.support.slack_mock" in tests_modules  # the scan sees them
