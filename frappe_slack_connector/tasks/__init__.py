"""Background jobs and scheduler entry points."""
