"""Repair classic broken SavedModel exports into a new version that serves, and prove it (``sigcheck repair``)."""
