"""Deterministic generators for the bad-input suite (test-suite/test_bad_input.py).

Everything here is pure data: payload templates with placeholders the test fills in at run time
(the names of the documents and views the per-test site creates), and seeded mutations of them. The
same seed gives the same cases in the same order with the same ids, so a failing case id can be
re-run alone with `pytest -k`.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SEED = 20261201

# Placeholders replaced in the serialized payload once the site exists.
LEAVE = "HR-LAP-PLACEHOLDER"
EMPLOYEE = "EMP-PLACEHOLDER"
VIEW_ID = "V0PLACEHOLDER"
VIEW_HASH = "HASH-PLACEHOLDER"

# Wrong-typed replacement values, by a readable name.
WRONG: dict[str, Any] = {
	"null": None,
	"int": 7,
	"float": -1.5,
	"str": "x",
	"empty": "",
	"list": [],
	"list1": ["x"],
	"dict": {},
	"dictx": {"x": {"y": 1}},
	"true": True,
	"false": False,
}


def _kind(value: Any) -> str:
	if value is None:
		return "null"
	if isinstance(value, bool):
		return "bool"
	if isinstance(value, int | float):
		return "number"
	if isinstance(value, str):
		return "str"
	if isinstance(value, list):
		return "list"
	return "dict"


Path = tuple[str | int, ...]


def walk(
	node: Any, path: Path = (), *, skip: frozenset[str] = frozenset(), max_depth: int = 8
) -> Iterator[Path]:
	"""Every path below `node` (containers before their children). Keys named in `skip` are yielded
	themselves but not descended into (block lists: their insides are Slack's, not ours)."""
	if len(path) >= max_depth:
		return
	if isinstance(node, dict):
		children: list[tuple[str | int, Any]] = list(node.items())
	elif isinstance(node, list):
		children = list(enumerate(node[:2]))
	else:
		return
	for key, child in children:
		yield (*path, key)
		if key not in skip:
			yield from walk(child, (*path, key), skip=skip, max_depth=max_depth)


def get_at(node: Any, path: Path) -> Any:
	for key in path:
		node = node[key]
	return node


def replaced(node: Any, path: Path, value: Any) -> Any:
	out = copy.deepcopy(node)
	parent = get_at(out, path[:-1])
	parent[path[-1]] = copy.deepcopy(value)
	return out


def deleted(node: Any, path: Path) -> Any:
	out = copy.deepcopy(node)
	parent = get_at(out, path[:-1])
	del parent[path[-1]]
	return out


def path_id(path: Path) -> str:
	return ".".join(f"[{p}]" if isinstance(p, int) else p for p in path)


@dataclass
class Case:
	"""One signed interaction: `payload` is JSON-able (or `raw`, the exact `payload=` text)."""

	id: str
	base: str  # which template (decides the world the test builds)
	payload: Any = None
	raw: str | None = None
	notes: dict[str, Any] = field(default_factory=dict)

	def payload_text(self) -> str:
		if self.raw is not None:
			return self.raw
		return json.dumps(self.payload, separators=(",", ":"), ensure_ascii=False)


def mutations(bases: dict[str, Any], *, per_path: int = 2, seed: int = SEED) -> list[Case]:
	"""For every path of every base payload: `per_path` wrong-typed replacements (seeded choice among
	the types the original is not) and, for object members, the member deleted."""
	rng = random.Random(seed)
	cases: list[Case] = []
	for base_name, payload in bases.items():
		for path in walk(payload, skip=frozenset({"blocks", "text", "title", "close", "submit"})):
			original = get_at(payload, path)
			candidates = [name for name, value in WRONG.items() if _kind(value) != _kind(original)]
			for name in rng.sample(candidates, min(per_path, len(candidates))):
				cases.append(
					Case(
						f"{base_name}:{path_id(path)}={name}", base_name, replaced(payload, path, WRONG[name])
					)
				)
			if isinstance(path[-1], str):
				cases.append(
					Case(f"{base_name}:{path_id(path)}=<deleted>", base_name, deleted(payload, path))
				)
	return cases
