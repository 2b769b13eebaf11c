"""A team exercise: one host runs the engine, seats join it over a local socket.

The host is the only writer of the session; every seat sees the committed events its
role may see, and sends its requests to the host. Nothing here imports the console.
"""

#: The most teams one host runs: each is an engine and a session log in one process.
MAX_TEAMS = 20
