"""setuptools-rust build of the same extension, for in-place developer builds.

`pip install .` / `-e .` (what bench runs) use maturin through pyproject.toml and never this file.
`python setup.py build_ext --inplace` builds `frappe_slack_connector/_core.abi3.so`, the same file
name maturin produces, so a stale per-interpreter build never shadows it.
"""

import re
from pathlib import Path

from setuptools import find_packages, setup
from setuptools_rust import Binding, RustExtension

VERSION = re.search(
	r'^__version__ = "([^"]+)"',
	Path(__file__).with_name("frappe_slack_connector").joinpath("__init__.py").read_text(),
	re.M,
).group(1)

setup(
	version=VERSION,
	packages=find_packages(include=["frappe_slack_connector", "frappe_slack_connector.*"]),
	rust_extensions=[
		RustExtension(
			"frappe_slack_connector._core",
			path="rust/python/Cargo.toml",
			binding=Binding.PyO3,
			py_limited_api="cp310",
			features=["pyo3/abi3-py310"],
		)
	],
	zip_safe=False,
)
