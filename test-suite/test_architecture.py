"""The app's structure, checked from its source: the "may import" table of docs/ARCHITECTURE.md
is read and every import of the app's Python modules and Rust files is held against it.

Table rules (the format is documented above the table in docs/ARCHITECTURE.md):
1. Every module (Python) and file (Rust) belongs to exactly one room: the room with the longest
   path that contains it. New code without a room fails: it needs a row first.
2. A room imports only its own room, the paths its may-import cell names (and what lies below
   them) and the third-party names that cell names (`no X` / `never X` forbids X outright).
3. No circle among Python modules (importing `a.b.c` also imports `a.b`) nor among Rust files (a
   module file presenting its own submodules, `mod x;` / `pub use x::Item`, is not an import).

Fixed rules, beside the table:
4. Only `erp/` imports hrms or erpnext.
5. `slack/client.py` imports neither frappe nor anything of the app: a plain slack_sdk wrapper.
6. Outside `erp/`, code uses frappe only to be a Frappe route or DocType and to answer:
   `frappe.whitelist`, `frappe.only_for`, `frappe._`, `frappe.throw`, `frappe.request`,
   `frappe.local.response`, `frappe.respond_as_web_page`, `frappe.utils.sbool`, Frappe's
   exception classes, (DocType controllers only) `frappe.model.document.Document` and (the bench
   commands in `commands.py` only) `frappe.commands.pass_context` / `get_site`. Reading
   or writing data (`frappe.db`, `frappe.get_*`, `frappe.new_doc` …), jobs (`frappe.enqueue`),
   sessions, cache, config and logs all go through `erp/`.
7. The app's own tests (`frappe_slack_connector/tests/`, `doctype/*/test_*.py`: what
   `bench run-tests` runs) are test code, free like test-suite/; no app module imports them. Rust
   test code (`#[cfg(test)]` items and the files they declare) is free likewise.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tomllib


def repo_root() -> Path:
	"""The repository root, found upward from this file, so the tests may move."""
	for folder in Path(__file__).resolve().parents:
		if (folder / "pyproject.toml").is_file() and (folder / "Cargo.toml").is_file():
			return folder
	raise RuntimeError("no repository root (pyproject.toml + Cargo.toml) above this test")


REPO = repo_root()
PACKAGE = "frappe_slack_connector"
ROOT = REPO / PACKAGE
ARCHITECTURE = REPO / "docs" / "ARCHITECTURE.md"
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
# Every Python room may import frappe for the surface above (rule 6 limits what it uses);
# a may-import cell saying "no frappe" takes even that away.
EVERY_PYTHON_ROOMS_EXTERNALS = frozenset({"frappe"})


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
# A native module's stub (`_core.pyi`) stands for the module: importing `_core` lands in its room.
STUBS = {module_name(p) for p in ROOT.rglob("*.pyi") if not p.with_suffix(".py").exists()}


def is_package(name: str) -> bool:
	return MODULES[name].name == "__init__.py"


def imports_in(tree: ast.AST, name: str, package: bool) -> list[tuple[str, str | None]]:
	"""(module, imported attribute or None) for every import in `tree`, the source of module
	`name` (a package when `package`), relative imports made absolute."""
	found = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			found += [(alias.name, None) for alias in node.names]
		elif isinstance(node, ast.ImportFrom):
			base = node.module or ""
			if node.level:
				anchor = name if package else name.rpartition(".")[0]
				for _ in range(node.level - 1):
					anchor = anchor.rpartition(".")[0]
				base = f"{anchor}.{base}".rstrip(".")
			found += [(base, alias.name) for alias in node.names]
	return found


def imported_names(name: str) -> list[tuple[str, str | None]]:
	"""(module, imported attribute or None) for every import of module `name`."""
	return imports_in(TREES[name], name, is_package(name))


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


# --- The table -------------------------------------------------------------------------------

TABLE_HEADER = re.compile(r"^\|\s*room\s*\|\s*what lives there\s*\|\s*may import\s*\|\s*$")
BACKTICKED = re.compile(r"`([^`]*)`")
SOURCE_SUFFIX = re.compile(r"\.(pyi?|rs)$")


def path_key(path: str) -> str:
	"""A room path as the checker compares it: no trailing slash, no source suffix."""
	return SOURCE_SUFFIX.sub("", path.strip().rstrip("/"))


def external_key(name: str) -> str:
	"""A third-party name as the checker compares it: Python's top-level package or a Rust
	crate, `-` and `_` alike (`slack-morphism` is `slack_morphism`, `frappe.commands` is frappe)."""
	return name.strip().split(".")[0].replace("-", "_").lower()


def is_rust_path(key: str) -> bool:
	return key.startswith("rust/")


@dataclass(frozen=True)
class Room:
	name: str  # the room cell as written
	paths: tuple[str, ...]  # path keys: Rust as repo paths, Python relative to the package
	may_import: tuple[str, ...] = ()  # path keys this room may import (and what lies below)
	externals: frozenset[str] = frozenset()  # third-party names it may import
	forbidden: frozenset[str] = frozenset()  # third-party names it must not import
	anything: bool = False

	def contains(self, key: str) -> str | None:
		"""The longest of this room's paths that holds `key`."""
		held = [p for p in self.paths if key == p or key.startswith(p + "/")]
		return max(held, key=len) if held else None

	def allows(self, key: str) -> bool:
		return self.anything or any(key == p or key.startswith(p + "/") for p in self.may_import)


def split_row(line: str) -> list[str]:
	"""The cells of a Markdown table row (a `|` inside backticks does not split)."""
	cells, current, ticked = [], "", False
	for char in line.strip().strip("|"):
		if char == "`":
			ticked = not ticked
		if char == "|" and not ticked:
			cells.append(current.strip())
			current = ""
		else:
			current += char
	return [*cells, current.strip()]


def parse_table(markdown: str) -> list[Room]:
	lines = markdown.splitlines()
	start = next((i for i, line in enumerate(lines) if TABLE_HEADER.match(line)), None)
	assert start is not None, "docs/ARCHITECTURE.md has no `| room | what lives there | may import |` table"
	rows = []
	for line in lines[start + 2 :]:
		if not line.startswith("|"):
			break
		cells = split_row(line)
		assert len(cells) == 3, f"a table row needs three cells: {line}"
		rows.append(cells)
	room_keys = {path_key(p) for room_cell, _, _ in rows for p in BACKTICKED.findall(room_cell)}
	return [room_from_row(room_cell, may_cell, room_keys) for room_cell, _, may_cell in rows]


def room_from_row(room_cell: str, may_cell: str, room_keys: set[str]) -> Room:
	paths = tuple(path_key(p) for p in BACKTICKED.findall(room_cell))
	assert paths, f"a room names its paths in backticks: {room_cell}"
	may_import, externals = [], set()
	for entry in BACKTICKED.findall(may_cell):
		key = path_key(entry)
		# A path names a folder or file (`erp/`, `slack/site.py`, `rust/core`) or a room (`core`).
		if "/" in entry or SOURCE_SUFFIX.search(entry.strip()) or key in room_keys:
			may_import.append(key)
		else:
			externals.add(external_key(entry))
	words = [w.lower() for w in re.findall(r"[A-Za-z_][\w.-]*", BACKTICKED.sub(" ", may_cell))]
	forbidden = {
		external_key(w) for before, w in zip(["", *words], words, strict=False) if before in ("no", "never")
	}
	externals |= {external_key(w) for w in words} - forbidden
	return Room(
		name=room_cell,
		paths=paths,
		may_import=tuple(may_import),
		externals=frozenset(externals),
		forbidden=frozenset(forbidden),
		anything="anything" in words,
	)


def table_problems(rooms: list[Room]) -> list[str]:
	"""What makes the table unreadable as a map: a path named twice, a room mixing Python and
	Rust, a path that names nothing in the repository."""
	problems, seen = [], {}
	for room in rooms:
		if len({is_rust_path(p) for p in room.paths}) > 1:
			problems.append(f"room {room.name}: Python and Rust paths in one room")
		for path in room.paths:
			if path in seen:
				problems.append(f"`{path}` is in two rooms: {seen[path]} and {room.name}")
			seen[path] = room.name
		for path in (*room.paths, *room.may_import):
			if not names_something(path):
				problems.append(f"room {room.name}: `{path}` names nothing in the repository")
	return problems


def names_something(key: str) -> bool:
	base = REPO / key if is_rust_path(key) else ROOT / key
	suffixes = (".rs",) if is_rust_path(key) else (".py", ".pyi")
	return base.is_dir() or any(base.with_name(base.name + s).is_file() for s in suffixes)


ROOMS = parse_table(ARCHITECTURE.read_text())


# --- The checker -----------------------------------------------------------------------------


@dataclass
class Graph:
	"""Units (Python modules or Rust files, as path keys) and what each imports."""

	imports: dict[str, set[str]]  # unit → the units it imports (the table's check)
	externals: dict[str, set[str]] = field(default_factory=dict)  # unit → third-party names
	circle_edges: dict[str, set[str]] | None = None  # the edges the circle check follows
	implicit_externals: frozenset[str] = frozenset()  # what every room may import


def room_of(key: str, rooms: list[Room]) -> Room | None:
	"""The room with the longest path holding `key`."""
	holding = [(len(path), room) for room in rooms if (path := room.contains(key)) is not None]
	return max(holding, key=lambda pair: pair[0])[1] if holding else None


def violations(rooms: list[Room], graph: Graph) -> list[str]:
	found = []
	for unit in sorted(graph.imports):
		room = room_of(unit, rooms)
		if room is None:
			found.append(f"{unit}: in no room")
			continue
		for target in sorted(graph.imports[unit] - {unit}):
			if room_of(target, rooms) is not room and not room.allows(target):
				found.append(f"{unit} ({room.name}) imports {target}: not in its may-import")
		for name in sorted(graph.externals.get(unit, set())):
			if name in room.forbidden:
				found.append(f"{unit} ({room.name}) uses {name}: its may-import forbids it")
			elif not (room.anything or name in room.externals or name in graph.implicit_externals):
				found.append(f"{unit} ({room.name}) uses {name}: not in its may-import")
	found += [f"circle: {' → '.join(c)}" for c in circles(graph.circle_edges or graph.imports)]
	return found


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
	"""One circle through each strongly connected group of units (Tarjan), as a path a → … → a."""
	index: dict[str, int] = {}
	low: dict[str, int] = {}
	stack: list[str] = []
	groups: list[set[str]] = []

	def connect(node: str) -> None:
		index[node] = low[node] = len(index)
		stack.append(node)
		for dep in sorted(edges.get(node, ())):
			if dep not in index:
				connect(dep)
				low[node] = min(low[node], low[dep])
			elif dep in stack:
				low[node] = min(low[node], index[dep])
		if low[node] == index[node]:
			group = set()
			while True:
				member = stack.pop()
				group.add(member)
				if member == node:
					break
			if len(group) > 1 or node in edges.get(node, ()):
				groups.append(group)

	for node in sorted(edges):
		if node not in index:
			connect(node)
	return sorted(walk_circle(min(group), group, edges) for group in groups)


def walk_circle(start: str, group: set[str], edges: dict[str, set[str]]) -> list[str]:
	"""The shortest way from `start` back to itself inside `group` (breadth first)."""
	paths = {start: [start]}
	queue = [start]
	while queue:
		node = queue.pop(0)
		for dep in sorted(edges.get(node, set()) & group):
			if dep == start:
				return [*paths[node], start]
			if dep not in paths:
				paths[dep] = [*paths[node], dep]
				queue.append(dep)
	raise AssertionError(f"no circle through {start}")


# --- Python ----------------------------------------------------------------------------------


def python_key(name: str, packages: set[str]) -> str:
	"""`frappe_slack_connector.erp.leave` → `erp/leave`; a package is its `__init__`."""
	parts = name.split(".")[1:]
	return "/".join([*parts, "__init__"] if name in packages else parts)


def python_graph(trees: dict[str, ast.AST], packages: set[str], stubs: set[str]) -> Graph:
	"""The import graph of the app's modules `trees` (dotted name → source tree)."""
	known = set(trees) | stubs
	imports: dict[str, set[str]] = {}
	externals: dict[str, set[str]] = {}
	for name, tree in trees.items():
		unit = python_key(name, packages)
		imports[unit], externals[unit] = set(), set()
		for module, attr in imports_in(tree, name, name in packages):
			top = module.split(".")[0]
			if top == PACKAGE:
				target = f"{module}.{attr}" if attr and f"{module}.{attr}" in known else module
				while target not in known and "." in target:
					target = target.rpartition(".")[0]
				imports[unit].add(python_key(target, packages))
			elif top and top != "__future__" and top not in sys.stdlib_module_names:
				externals[unit].add(external_key(top))
	circle_edges = {unit: set() for unit in imports}
	for name, tree in trees.items():
		for module, attr in imports_in(tree, name, name in packages):
			target = f"{module}.{attr}" if attr and f"{module}.{attr}" in known else module
			# Importing a.b.c runs a.b and a first: each is a dependency for the circle check.
			while target.startswith(PACKAGE):
				if target in known and target != name:
					circle_edges[python_key(name, packages)].add(python_key(target, packages))
				target = target.rpartition(".")[0]
	return Graph(imports, externals, circle_edges, EVERY_PYTHON_ROOMS_EXTERNALS)


def app_python_graph() -> Graph:
	return python_graph(TREES, {n for n in MODULES if is_package(n)}, STUBS)


def python_rooms(rooms: list[Room]) -> list[Room]:
	return [room for room in rooms if not any(is_rust_path(p) for p in room.paths)]


# --- Rust ------------------------------------------------------------------------------------

# Comments, strings and char literals: gone before any path is read.
RUST_NOISE = re.compile(
	r"""//[^\n]*
	| /\*.*?\*/
	| (?<!\w)b?r(?P<hashes>\#*)".*?"(?P=hashes)
	| b?"(?:\\.|[^"\\])*"
	| b?'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^'\\])'
	""",
	re.VERBOSE | re.DOTALL,
)
CFG_TEST = re.compile(r"#\[cfg\((?:[^\[\]]*\btest\b[^\[\]]*)\)\]")
RESTRICTED_VISIBILITY = re.compile(r"\bpub\s*\(\s*in\s+[^)]*\)")
MOD_DECLARATION = re.compile(r"\bmod\s+(\w+)\s*;")
INLINE_MOD = re.compile(r"\bmod\s+(\w+)\s*\{")
USE = re.compile(r"(?P<pub>\bpub\s*(?:\([^)]*\))?\s*)?\buse\s+(?P<tree>[^;]+);")
PATH = re.compile(r"(?<![\w:])(\w+)((?:\s*::\s*(?:\w+|\*))+)")


@dataclass(frozen=True)
class Crate:
	name: str  # as code names it (`slack_connector_core`)
	src: str  # repo path of its source folder (`rust/core/src`)
	dependencies: frozenset[str] = frozenset()  # its third-party crates, as external keys


def workspace_crates() -> list[Crate]:
	manifest = tomllib.loads((REPO / "Cargo.toml").read_text())
	crates, internal = [], set()
	for member in manifest["workspace"]["members"]:
		cargo = tomllib.loads((REPO / member / "Cargo.toml").read_text())
		name = cargo.get("lib", {}).get("name") or cargo["package"]["name"]
		deps = frozenset(external_key(d) for d in cargo.get("dependencies", {}))
		crates.append(Crate(external_key(name), f"{member}/src", deps))
		internal.add(external_key(cargo["package"]["name"]))
	# A workspace crate used by another is internal: its files are units, not a third party.
	internal |= {crate.name for crate in crates}
	return [Crate(c.name, c.src, c.dependencies - internal) for c in crates]


def strip_rust_noise(source: str) -> str:
	"""The source without comments, strings, test-only items and `pub(in path)` restrictions."""
	text = RUST_NOISE.sub(lambda m: '""' if m.group().endswith(('"', "#")) else " ", source)
	text = RESTRICTED_VISIBILITY.sub("pub", text)
	while match := CFG_TEST.search(text):
		end = item_end(text, match.end())
		text = text[: match.start()] + " " + text[end:]
	return text


def item_end(text: str, start: int) -> int:
	"""Where the item starting at `start` ends: after its `;` or its matching `}`."""
	semicolon = text.find(";", start)
	brace = text.find("{", start)
	if brace == -1 or (semicolon != -1 and semicolon < brace):
		return semicolon + 1
	depth = 0
	for i in range(brace, len(text)):
		depth += {"{": 1, "}": -1}.get(text[i], 0)
		if depth == 0:
			return i + 1
	return len(text)


def use_leaves(tree: str) -> list[tuple[list[str], str]]:
	"""The paths a use tree names, each with the name it brings into scope:
	`super::{a, b::{self, C as D}}` → super::a (a), super::b (b), super::b::C (D)."""
	tokens = re.findall(r"[{},*]|\w+", tree.replace("::", " "))
	pos = 0

	def one(prefix: list[str]) -> list[tuple[list[str], str]]:
		nonlocal pos
		path = list(prefix)
		while pos < len(tokens) and tokens[pos] not in (",", "}"):
			token = tokens[pos]
			pos += 1
			if token == "{":
				leaves = []
				while tokens[pos] != "}":
					leaves += one(path)
					if tokens[pos] == ",":
						pos += 1
				pos += 1
				return leaves
			if token == "as":
				alias = tokens[pos]
				pos += 1
				return [(path, alias)]
			if token == "self" and len(path) > 0 and path[-1] not in ("super", "self", "crate"):
				continue  # `a::{self}` is `a`
			path.append(token)
		return [(path, path[-1])]

	return one([])


@dataclass
class RustFile:
	key: str  # repo path without `.rs`
	crate: Crate
	module: tuple[str, ...]  # the module the file defines
	text: str  # stripped of noise


def rust_files(crates: list[Crate], sources: dict[str, str]) -> dict[str, RustFile]:
	"""The files of each crate's module tree, reached from `lib.rs` through non-test `mod x;`."""
	files: dict[str, RustFile] = {}
	for crate in crates:
		pending = [(f"{crate.src}/lib.rs", ())]
		while pending:
			path, module = pending.pop()
			text = strip_rust_noise(sources[path])
			key = path.removesuffix(".rs")
			files[key] = RustFile(key, crate, module, text)
			folder = path.rpartition("/")[0] if path.endswith(("/lib.rs", "/mod.rs")) else key
			for child in MOD_DECLARATION.findall(text):
				flat, nested = f"{folder}/{child}.rs", f"{folder}/{child}/mod.rs"
				assert flat in sources or nested in sources, f"{path}: `mod {child};` has no file"
				pending.append((flat if flat in sources else nested, (*module, child)))
	return files


def inline_modules(text: str) -> list[tuple[int, int, str]]:
	"""(start, end, name) of each `mod name { … }` in a stripped file."""
	return [(m.start(), item_end(text, m.start()), m.group(1)) for m in INLINE_MOD.finditer(text)]


def rust_graph(crates: list[Crate], sources: dict[str, str]) -> Graph:
	"""The import graph of the workspace's Rust files (`sources`: repo path → source)."""
	files = rust_files(crates, sources)
	by_name = {crate.name: crate for crate in crates}
	# A crate any workspace member depends on: naming it where it is not a dependency is caught too.
	third_party = frozenset().union(*(crate.dependencies for crate in crates))
	modules: dict[tuple[str, tuple[str, ...]], str] = {}  # (crate, module) → unit
	scopes: dict[str, list[tuple[int, int, str]]] = {}
	for unit, file in files.items():
		modules[(file.crate.name, file.module)] = unit
		scopes[unit] = inline_modules(file.text)
		for start, end, name in scopes[unit]:
			nesting = [n for s, e, n in scopes[unit] if s < start and end <= e]
			modules.setdefault((file.crate.name, (*file.module, *nesting, name)), unit)

	def context(unit: str, at: int) -> tuple[str, ...]:
		return (*files[unit].module, *[n for s, e, n in scopes[unit] if s < at < e])

	def absolute(crate: Crate, here: tuple[str, ...], path: list[str]):
		"""(crate, path from its root) for a path written in module `here`; None if not ours."""
		head = path[0]
		if head == "crate":
			return crate, path[1:]
		if head == "self":
			return crate, [*here, *path[1:]]
		if head == "super":
			ups = len(path) - len([p for p in path if p != "super"])
			return crate, [*here[: len(here) - ups], *path[ups:]]
		if head in by_name and head != crate.name:
			return by_name[head], path[1:]
		if (crate.name, (*here, head)) in modules:
			return crate, [*here, *path]
		return None

	# Names a module re-exports (`pub use x::Item`): a path through them lands where they live.
	reexports: dict[tuple[str, tuple[str, ...]], dict[str, tuple[Crate, list[str]]]] = {}
	for unit, file in files.items():
		for match in USE.finditer(file.text):
			if not match.group("pub"):
				continue
			here = context(unit, match.start())
			for path, name in use_leaves(match.group("tree")):
				if (target := absolute(file.crate, here, path)) is not None:
					reexports.setdefault((file.crate.name, here), {})[name] = target

	def locate(crate: Crate, path: list[str], seen: frozenset = frozenset()) -> str:
		module: tuple[str, ...] = ()
		while path[len(module) :] and (crate.name, (*module, path[len(module)])) in modules:
			module = (*module, path[len(module)])
		rest = path[len(module) :]
		via = reexports.get((crate.name, module), {}).get(rest[0]) if rest else None
		if via is not None and (crate.name, module, rest[0]) not in seen:
			return locate(via[0], [*via[1], *rest[1:]], seen | {(crate.name, module, rest[0])})
		return modules[(crate.name, module)]

	imports: dict[str, set[str]] = {unit: set() for unit in files}
	externals: dict[str, set[str]] = {unit: set() for unit in files}
	for unit, file in files.items():
		paths = [
			(match.start(), path)
			for match in USE.finditer(file.text)
			for path, _name in use_leaves(match.group("tree"))
		]
		rest = USE.sub(" ", file.text)
		paths += [(m.start(), [m.group(1), *re.findall(r"\w+|\*", m.group(2))]) for m in PATH.finditer(rest)]
		for at, path in paths:
			if path[0] in third_party:
				externals[unit].add(path[0])
			elif (target := absolute(file.crate, context(unit, at), path)) is not None:
				imports[unit].add(locate(*target))
		imports[unit].discard(unit)

	# A module file presenting its submodules (`pub use x::Item`, `x::f()`) is not an import.
	circle_edges = {
		unit: {
			target
			for target in targets
			if not (
				files[target].crate == files[unit].crate
				and files[target].module[: len(files[unit].module)] == files[unit].module
			)
		}
		for unit, targets in imports.items()
	}
	return Graph(imports, externals, circle_edges)


def workspace_sources(crates: list[Crate]) -> dict[str, str]:
	return {
		str(path.relative_to(REPO)): path.read_text()
		for crate in crates
		for path in sorted((REPO / crate.src).rglob("*.rs"))
	}


def rust_rooms(rooms: list[Room]) -> list[Room]:
	return [room for room in rooms if any(is_rust_path(p) for p in room.paths)]


CRATES = workspace_crates()


# --- The map, held against the code ----------------------------------------------------------


def report(found: list[str]) -> str:
	return "\n" + "\n".join(found)


def test_the_table_is_a_map():
	assert len(ROOMS) > 5, "the room table of docs/ARCHITECTURE.md was not found"
	problems = table_problems(ROOMS)
	assert not problems, report(problems)


def test_every_python_import_is_one_the_table_allows():
	found = violations(python_rooms(ROOMS), app_python_graph())
	assert not found, report(found)


def test_every_rust_import_is_one_the_table_allows():
	found = violations(rust_rooms(ROOMS), rust_graph(CRATES, workspace_sources(CRATES)))
	assert not found, report(found)


def test_the_app_has_modules_to_check():
	assert {f"{PACKAGE}.erp.leave", f"{PACKAGE}.slack.site", f"{PACKAGE}.flows.dispatch"} <= set(MODULES)
	assert {f"{PACKAGE}._core"} <= STUBS
	keys = set(rust_graph(CRATES, workspace_sources(CRATES)).imports)
	assert {"rust/core/src/lib", "rust/core/src/interaction/route", "rust/python/src/lib"} <= keys


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


def test_the_table_says_what_the_fixed_rules_say():
	# Rules 4 and 5 are in the table too: the table check alone would catch a breach.
	python = python_rooms(ROOMS)
	holders = {room.name for room in python if {"hrms", "erpnext"} <= room.externals}
	assert holders == {room_of("erp/leave", python).name}
	client = room_of("slack/client", python)
	assert "frappe" in client.forbidden
	assert client.may_import == ()
	assert "pyo3" in room_of("rust/core/src/lib", rust_rooms(ROOMS)).forbidden


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


# --- The checker, checked: it fails when the code breaks the map -----------------------------

MAP = """
| room | what lives there | may import |
|---|---|---|
| `api/` | routes | `flows/`, `core`, werkzeug |
| `flows/` | product flows | `erp/`, `slack/client.py`, `core` |
| `flows/leave/` | the leave flow | `erp/leave.py` |
| `erp/` | the ERP adapter | frappe, hrms, erpnext |
| `slack/client.py` | transport | slack_sdk only: no frappe, nothing of the app |
| `core.py` + `_core.pyi` | the native face | `_core` |
| `rust/core/src/` | logic | serde, chrono; never pyo3 |
| `rust/core/src/interaction/` | routing | `rust/core/src/dates.rs`, serde |
| `rust/python/src/` | glue | `rust/core`, pyo3 |
| `tests/` | tests | anything |
"""


def probe_python(sources: dict[str, str]) -> Graph:
	"""The graph of a made-up app: dotted module name (a package ends in `.__init__`) → source."""
	packages = {n.removesuffix(".__init__") for n in sources if n.endswith(".__init__")}
	trees = {n.removesuffix(".__init__"): ast.parse(s) for n, s in sources.items()}
	return python_graph(trees, packages, {f"{PACKAGE}._core"})


def probe_rust(sources: dict[str, str]) -> Graph:
	core = Crate("slack_connector_core", "rust/core/src", frozenset({"serde", "chrono"}))
	glue = Crate("_core", "rust/python/src", frozenset({"pyo3"}))
	return rust_graph([core, glue], sources)


def test_the_table_parser_reads_rooms_paths_and_names():
	rooms = {room.name: room for room in parse_table(MAP)}
	assert rooms["`core.py` + `_core.pyi`"] == Room("`core.py` + `_core.pyi`", ("core", "_core"), ("_core",))
	assert rooms["`flows/`"].may_import == ("erp", "slack/client", "core")
	assert rooms["`api/`"].externals >= {"werkzeug"}
	assert rooms["`slack/client.py`"].may_import == ()
	assert "slack_sdk" in rooms["`slack/client.py`"].externals
	assert rooms["`slack/client.py`"].forbidden == {"frappe"}
	assert rooms["`rust/core/src/`"].forbidden == {"pyo3"}
	assert rooms["`rust/python/src/`"].may_import == ("rust/core",)
	assert rooms["`tests/`"].anything and not rooms["`erp/`"].anything


def test_a_module_belongs_to_the_room_with_the_longest_path():
	rooms = parse_table(MAP)
	assert room_of("flows/leave/jobs", rooms).name == "`flows/leave/`"
	assert room_of("flows/timesheet", rooms).name == "`flows/`"
	assert room_of("_core", rooms).name == room_of("core", rooms).name == "`core.py` + `_core.pyi`"
	assert room_of("rust/core/src/interaction/route", rooms).name == "`rust/core/src/interaction/`"
	assert room_of("rust/core/src/dates", rooms).name == "`rust/core/src/`"
	assert room_of("hooks", rooms) is None
	assert room_of("rust/coreutils/src/lib", rooms) is None


def test_an_allowed_python_map_has_no_violation():
	graph = probe_python(
		{
			f"{PACKAGE}.api.route": "import werkzeug\nimport frappe\nfrom ..flows import leave\n",
			f"{PACKAGE}.flows.__init__": "",
			f"{PACKAGE}.flows.leave": "from frappe_slack_connector.erp import leave\nimport json\n",
			f"{PACKAGE}.erp.__init__": "",
			f"{PACKAGE}.erp.leave": "import hrms\nfrom frappe_slack_connector.core import parse\n",
			f"{PACKAGE}.core": "from . import _core\n",
			f"{PACKAGE}.slack.client": "import slack_sdk\n",
		}
	)
	assert graph.imports["api/route"] == {"flows/leave"}
	assert graph.imports["core"] == {"_core"}
	assert graph.externals["api/route"] == {"werkzeug", "frappe"}
	assert violations(parse_table(MAP), graph) == [
		"erp/leave (`erp/`) imports core: not in its may-import",
	]


def test_a_forbidden_python_import_fails_and_a_row_that_allows_it_passes():
	sources = {
		f"{PACKAGE}.slack.client": "import slack_sdk\n",
		f"{PACKAGE}.erp.leave": "def f():\n\tfrom ..slack import client\n",  # function level, relative
	}
	assert violations(parse_table(MAP), probe_python(sources)) == [
		"erp/leave (`erp/`) imports slack/client: not in its may-import"
	]
	allowing = MAP.replace("| frappe, hrms, erpnext |", "| `slack/client.py`, frappe, hrms, erpnext |")
	assert violations(parse_table(allowing), probe_python(sources)) == []


def test_a_forbidden_or_unnamed_third_party_fails():
	sources = {
		f"{PACKAGE}.slack.client": "import slack_sdk\nfrom frappe import _\n",
		f"{PACKAGE}.flows.leave": "import hrms.api\nimport os\nimport frappe\n",
	}
	assert violations(parse_table(MAP), probe_python(sources)) == [
		"flows/leave (`flows/leave/`) uses hrms: not in its may-import",
		"slack/client (`slack/client.py`) uses frappe: its may-import forbids it",
	]


def test_a_module_in_no_room_fails():
	sources = {f"{PACKAGE}.hooks": "app_name = 'x'\n", f"{PACKAGE}.erp.leave": ""}
	assert violations(parse_table(MAP), probe_python(sources)) == ["hooks: in no room"]
	with_room = MAP.replace("| `tests/` |", "| `hooks.py` | hooks | frappe |\n| `tests/` |")
	assert violations(parse_table(with_room), probe_python(sources)) == []


def test_a_python_circle_fails_even_inside_one_room():
	sources = {
		f"{PACKAGE}.erp.__init__": "",
		f"{PACKAGE}.erp.leave": "from frappe_slack_connector.erp import users\n",
		f"{PACKAGE}.erp.users": "def f():\n\tfrom . import leave\n",
	}
	assert violations(parse_table(MAP), probe_python(sources)) == [
		"circle: erp/leave → erp/users → erp/leave"
	]


def test_a_package_importing_a_submodule_that_imports_it_is_a_circle():
	# Importing erp.users from erp/leave runs erp/__init__ first, which imports erp/leave.
	sources = {
		f"{PACKAGE}.erp.__init__": "from . import leave\n",
		f"{PACKAGE}.erp.leave": "from frappe_slack_connector.erp import users\n",
		f"{PACKAGE}.erp.users": "",
	}
	assert violations(parse_table(MAP), probe_python(sources)) == [
		"circle: erp/__init__ → erp/leave → erp/__init__"
	]


def test_a_forbidden_import_added_to_the_app_is_reported_exactly():
	# The real table and code, plus one import slack/client.py must not make.
	before = violations(python_rooms(ROOMS), app_python_graph())
	name = f"{PACKAGE}.slack.client"
	trees = dict(TREES)
	trees[name] = ast.parse(ast.unparse(TREES[name]) + "\nfrom frappe_slack_connector.erp import leave\n")
	graph = python_graph(trees, {n for n in MODULES if is_package(n)}, STUBS)
	after = violations(python_rooms(ROOMS), graph)
	client = room_of("slack/client", python_rooms(ROOMS)).name
	assert set(after) - set(before) == {f"slack/client ({client}) imports erp/leave: not in its may-import"}
	assert set(before) <= set(after)


def rust_sources(**files: str) -> dict[str, str]:
	"""Made-up crates: `core__dates="…"` is rust/core/src/dates.rs, `glue__lib` rust/python/src/lib.rs."""
	folders = {"core": "rust/core/src", "glue": "rust/python/src"}
	sources = {"rust/core/src/lib.rs": "", "rust/python/src/lib.rs": ""}
	for name, text in files.items():
		crate, _, path = name.partition("__")
		sources[f"{folders[crate]}/{path.replace('__', '/')}.rs"] = text
	return sources


def test_rust_paths_land_in_the_file_that_defines_them():
	sources = rust_sources(
		core__lib="pub mod dates;\npub mod absence;\npub mod interaction;\npub struct Root;\n",
		core__dates="pub fn parse() {}\n",
		core__absence__mod=(
			"pub mod rows;\npub mod summary;\n#[cfg(test)]\nmod tests;\n"
			"pub use summary::{AbsenceKind, Summary as Sum};\n"
		),
		core__absence__rows=(
			"use super::AbsenceKind;\n"  # a re-export: lands in summary.rs
			"// use crate::interaction::route;\n"
			'const S: &str = "crate::interaction::route::X";\n'
			"fn f() { crate::dates::parse(); }\n"
		),
		core__absence__summary="pub enum AbsenceKind {}\npub struct Summary;\n",
		core__absence__tests="use crate::interaction::route::Route;\n",  # test code: free
		core__interaction__mod="pub mod route;\nuse crate::{self as me, Root};\n",
		core__interaction__route=(
			"pub struct Route;\n#[cfg(test)]\nmod tests {\n\tuse crate::absence::rows;\n}\n"
			"pub mod inline {\n\tuse super::super::super::absence::Sum;\n}\n"
		),
		glue__lib="mod convert;\nuse slack_connector_core::absence::{self, rows};\nuse pyo3::prelude::*;\n",
		glue__convert="pub(in crate) fn f() -> crate::Thing { slack_connector_core::dates::parse() }\n",
	)
	graph = probe_rust(sources)
	assert graph.imports == {
		"rust/core/src/lib": set(),
		"rust/core/src/dates": set(),
		"rust/core/src/absence/mod": {"rust/core/src/absence/summary"},
		"rust/core/src/absence/rows": {"rust/core/src/absence/summary", "rust/core/src/dates"},
		"rust/core/src/absence/summary": set(),
		"rust/core/src/interaction/mod": {"rust/core/src/lib"},
		"rust/core/src/interaction/route": {"rust/core/src/absence/summary"},
		"rust/python/src/lib": {"rust/core/src/absence/mod", "rust/core/src/absence/rows"},
		"rust/python/src/convert": {"rust/python/src/lib", "rust/core/src/dates"},
	}
	assert graph.externals["rust/python/src/lib"] == {"pyo3"}
	assert violations(parse_table(MAP), graph) == [
		"rust/core/src/interaction/mod (`rust/core/src/interaction/`) imports rust/core/src/lib: not in its may-import",
		"rust/core/src/interaction/route (`rust/core/src/interaction/`) imports rust/core/src/absence/summary: not in its may-import",
	]


def test_a_rust_circle_between_two_files_fails():
	sources = rust_sources(
		core__lib="pub mod absence;\n",
		core__absence__mod="pub mod rows;\npub mod summary;\npub use rows::Row;\n",
		core__absence__rows="use super::summary::Kind;\npub struct Row(Kind);\n",
		core__absence__summary="pub enum Kind {}\nfn f(_: &crate::absence::Row) {}\n",
	)
	assert violations(parse_table(MAP), probe_rust(sources)) == [
		"circle: rust/core/src/absence/rows → rust/core/src/absence/summary → rust/core/src/absence/rows"
	]


def test_a_module_presenting_its_submodules_is_no_circle():
	# lib.rs declares and re-exports `a`, which uses an item of lib.rs: the module tree, not a circle.
	sources = rust_sources(
		core__lib="pub mod a;\npub use a::A;\npub struct Root;\n", core__a="use crate::Root;\npub struct A;\n"
	)
	graph = probe_rust(sources)
	assert graph.imports == {
		"rust/core/src/lib": {"rust/core/src/a"},
		"rust/core/src/a": {"rust/core/src/lib"},
		"rust/python/src/lib": set(),
	}
	assert violations(parse_table(MAP), graph) == []


def test_a_forbidden_rust_import_fails_and_a_row_that_allows_it_passes():
	sources = rust_sources(
		core__lib="pub mod dates;\npub mod interaction;\npub mod blocks;\n",
		core__dates="use pyo3::prelude::*;\n",
		core__blocks="pub struct Message;\n",
		core__interaction__mod="pub fn f(m: crate::blocks::Message) -> _core::Glue {}\n",
		glue__lib="pub struct Glue;\n",
	)
	assert violations(parse_table(MAP), probe_rust(sources)) == [
		"rust/core/src/dates (`rust/core/src/`) uses pyo3: its may-import forbids it",
		"rust/core/src/interaction/mod (`rust/core/src/interaction/`) imports rust/core/src/blocks: not in its may-import",
		"rust/core/src/interaction/mod (`rust/core/src/interaction/`) imports rust/python/src/lib: not in its may-import",
	]
	allowing = MAP.replace(
		"`rust/core/src/dates.rs`, serde", "`rust/core/src/dates.rs`, `rust/core/src/blocks.rs`, serde"
	)
	assert len(violations(parse_table(allowing), probe_rust(sources))) == 2


def test_a_forbidden_rust_import_added_to_the_workspace_is_reported_exactly():
	sources = workspace_sources(CRATES)
	before = violations(rust_rooms(ROOMS), rust_graph(CRATES, sources))
	# lib.rs: nothing in the core imports it, so the added import makes no circle as well.
	sources["rust/core/src/lib.rs"] += "\nuse _core::convert;\nuse pyo3::types::PyDict;\n"
	after = violations(rust_rooms(ROOMS), rust_graph(CRATES, sources))
	room = room_of("rust/core/src/lib", rust_rooms(ROOMS)).name
	assert set(after) - set(before) == {
		f"rust/core/src/lib ({room}) imports rust/python/src/convert: not in its may-import",
		f"rust/core/src/lib ({room}) uses pyo3: its may-import forbids it",
	}
	assert set(before) <= set(after)


# --- Rust file size ----------------------------------------------------------------------------

# A Rust source file longer than this before its unit tests is two concerns in one room: split it.
MAX_RUST_LINES_BEFORE_TESTS = 600
RUST_SOURCE_DIRS = ("rust/core/src", "rust/python/src", "rust/core/fuzz/src")
TEST_MODULE = re.compile(r"^[ \t]*#\[cfg\(test\)\][ \t]*$", re.M)


def lines_before_tests(text: str) -> int:
	"""Lines of `text` before its first `#[cfg(test)]` item (the whole file when it has none)."""
	found = TEST_MODULE.search(text)
	return (text[: found.start()] if found else text).count("\n")


def test_lines_before_tests_stops_at_the_test_module():
	assert lines_before_tests("fn a() {}\n\n#[cfg(test)]\nmod tests {}\n") == 2
	assert lines_before_tests("fn a() {}\nfn b() {}\n") == 2


def test_every_rust_file_is_at_most_600_lines_before_its_tests():
	files = [p for d in RUST_SOURCE_DIRS for p in sorted((REPO / d).rglob("*.rs"))]
	assert files, "no Rust sources found: the source folders moved"
	too_long = {
		str(p.relative_to(REPO)): n
		for p in files
		if (n := lines_before_tests(p.read_text(encoding="utf-8"))) > MAX_RUST_LINES_BEFORE_TESTS
	}
	assert not too_long, f"split these files by concern: {too_long}"
