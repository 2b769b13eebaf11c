"""The exercise engine: clock, scheduling, noise, expectations, reach and the session store.

Imports nothing of the console.
"""
