"""After-action scoring: metrics and reports from a session file alone. No console code."""
