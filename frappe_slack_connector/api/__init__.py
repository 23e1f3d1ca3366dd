"""Whitelisted routes. Each one parses the request, calls the Rust core, and hands off."""
