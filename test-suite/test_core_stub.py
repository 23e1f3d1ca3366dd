"""`_core.pyi` documents every export of the native module, exactly."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from frappe_slack_connector import _core, core

STUB = Path(core.__file__).with_name("_core.pyi")


def _stub_names() -> dict[str, ast.AST]:
	tree = ast.parse(STUB.read_text())
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


def test_every_export_is_in_the_stub_with_a_docstring():
	stub = _stub_names()
	exported = [name for name in dir(_core) if not name.startswith("_")]
	assert exported, "the native module exports nothing?"
	for name in exported:
		assert name in stub, f"{name} is exported by _core but missing from _core.pyi"
		node = stub[name]
		if isinstance(node, ast.FunctionDef | ast.ClassDef):
			assert ast.get_docstring(node), f"{name} has no docstring in _core.pyi"
			assert (inspect.isclass(getattr(_core, name))) == isinstance(node, ast.ClassDef), name


def test_stub_functions_exist_at_runtime_with_the_same_parameters():
	for name, node in _stub_names().items():
		if not isinstance(node, ast.FunctionDef):
			continue
		assert hasattr(_core, name), f"_core.pyi documents {name}, which _core does not export"
		runtime = inspect.signature(getattr(_core, name))
		documented = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
		assert list(runtime.parameters) == documented, name


def test_core_reexports_everything():
	assert sorted(core.__all__) == sorted(n for n in dir(_core) if not n.startswith("_"))
