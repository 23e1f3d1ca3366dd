"""Frappe Slack Connector: Slack for Frappe HR, with a Rust core.

Importing this package never imports frappe; only the modules that need Frappe do.
"""

__version__ = "0.1.0"
