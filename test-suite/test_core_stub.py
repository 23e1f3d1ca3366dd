"""The `_core` stub package documents every export of the native module, exactly.

The stub is split by concern (`frappe_slack_connector/_core/*.pyi`, as pyca/cryptography's
`_rust/*.pyi`); `_core/__init__.pyi` star-imports every file, which re-exports their public names to
type checkers. These tests read the split files the way a type checker does.
"""

from __future__ import annotations

import ast
import importlib.machinery
import inspect
from pathlib import Path

from frappe_slack_connector import _core, core

STUBS = Path(core.__file__).with_name("_core")
INIT = STUBS / "__init__.pyi"


def _definitions(tree: ast.Module) -> dict[str, ast.AST]:
	"""The names a stub module defines at its top level (imports excluded)."""
	names: dict[str, ast.AST] = {}
	for node in tree.body:
		if isinstance(node, ast.FunctionDef | ast.ClassDef):
			names[node.name] = node
		elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
			names[node.target.id] = node
		elif isinstance(node, ast.Assign):
			for target in node.targets:
				if isinstance(target, ast.Name):
					names[target.id] = node
	return names


def _star_imported(init: ast.Module) -> list[str]:
	"""The stub files `__init__.pyi` re-exports with `from .x import *`, in order."""
	modules = []
	for node in init.body:
		if isinstance(node, ast.ImportFrom):
			assert node.level == 1 and node.module, (
				f"only relative imports in {INIT.name}: {ast.unparse(node)}"
			)
			assert [a.name for a in node.names] == ["*"], f"re-export whole files: {ast.unparse(node)}"
			modules.append(node.module)
	return modules


def _stub_names() -> dict[str, ast.AST]:
	"""Every name `_core` has for a type checker: `__init__.pyi`'s own and its files' public ones."""
	init = ast.parse(INIT.read_text())
	names = _definitions(init)
	for module in _star_imported(init):
		for name, node in _definitions(ast.parse((STUBS / f"{module}.pyi").read_text())).items():
			if not name.startswith("_"):
				assert name not in names, f"{name} is defined in two stub files"
				names[name] = node
	return names


def test_every_export_is_in_the_stub_with_a_docstring():
	stub = _stub_names()
	exported = [name for name in dir(_core) if not name.startswith("_")]
	assert exported, "the native module exports nothing?"
	for name in exported:
		assert name in stub, f"{name} is exported by _core but missing from the _core stubs"
		node = stub[name]
		if isinstance(node, ast.FunctionDef | ast.ClassDef):
			assert ast.get_docstring(node), f"{name} has no docstring in the _core stubs"
			assert (inspect.isclass(getattr(_core, name))) == isinstance(node, ast.ClassDef), name


def test_stub_functions_exist_at_runtime_with_the_same_parameters():
	for name, node in _stub_names().items():
		if not isinstance(node, ast.FunctionDef):
			continue
		assert hasattr(_core, name), f"the _core stubs document {name}, which _core does not export"
		runtime = inspect.signature(getattr(_core, name))
		documented = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
		assert list(runtime.parameters) == documented, name


def test_every_stub_file_is_reexported_and_says_what_it_holds():
	reexported = _star_imported(ast.parse(INIT.read_text()))
	files = sorted(p.stem for p in STUBS.glob("*.pyi") if p.name != INIT.name)
	assert sorted(reexported) == files, "every stub file is star-imported by __init__.pyi, and only those"
	assert not list(STUBS.glob("*.py")), "the stub directory holds stubs only (no runtime package)"
	for name in ["__init__", *files]:
		assert ast.get_docstring(ast.parse((STUBS / f"{name}.pyi").read_text())), (
			f"{name}.pyi has no docstring"
		)


def test_the_native_module_is_imported_not_the_stub_directory():
	origin = _core.__spec__.origin or ""
	assert origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)), origin


def test_core_reexports_everything():
	assert sorted(core.__all__) == sorted(n for n in dir(_core) if not n.startswith("_"))
