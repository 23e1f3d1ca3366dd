"""Document events (wired in hooks.py `doc_events`)."""
