"""Helpers that know no domain: text folding, search, filtering, concurrency, history,
downloads, maps, validators, passwords, tabular files and staff decorators.

Nothing here imports an app of the project (the import contract in ``pyproject.toml``
checks it); the apps and the portal layer import from here.
"""
