"""crisis-sim: a terminal simulator for crisis-communication exercises."""

__version__ = "0.1.0"
