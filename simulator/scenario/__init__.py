"""Scenario format, loading and validation. Imports nothing of the console."""
