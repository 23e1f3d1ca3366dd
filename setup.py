"""setuptools-rust build of the same extension, for in-place developer builds.

`pip install .` / `-e .` (what bench runs) use maturin through pyproject.toml and never this file.
`python setup.py build_ext --inplace` builds `frappe_slack_connector/_core.abi3.so`, the same file
name maturin produces, so a stale per-interpreter build never shadows it.
"""

from setuptools import setup
from setuptools_rust import Binding, RustExtension

setup(
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
