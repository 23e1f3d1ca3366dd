"""setuptools-rust build of the same extension, for in-place developer builds.

`pip install .` / `-e .` (what bench runs) use maturin through pyproject.toml and never this file.
`python rust/python/setup-inplace.py build_ext --inplace` builds `frappe_slack_connector/_core.abi3.so`,
the same file name maturin produces, so a stale per-interpreter build never shadows it. Its name is
not a Python identifier: the editable install puts the repository root on a bench's sys.path, and
nothing under it but the app may be importable there.
"""

import os
import re
from pathlib import Path

from setuptools import find_packages, setup
from setuptools_rust import Binding, RustExtension

ROOT = Path(__file__).resolve().parents[2]
# setuptools resolves the package and the Cargo manifest from the working directory.
os.chdir(ROOT)

VERSION = re.search(
	r'^__version__ = "([^"]+)"',
	ROOT.joinpath("frappe_slack_connector", "__init__.py").read_text(),
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
