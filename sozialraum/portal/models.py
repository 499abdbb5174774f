"""The portal has no models of its own.

This module exists because Django sends ``post_migrate`` only to apps with a models
module, and the portal syncs the role groups on that signal (see ``apps.py``).
"""
