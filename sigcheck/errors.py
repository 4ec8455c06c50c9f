"""Exceptions for the cases where sigcheck cannot do its job (exit code 2).

Findings about the user's files are never exceptions: they are :class:`~sigcheck.diagnostics.Diagnostic` values.

    SigcheckError                 base; every error has ``.hint`` (how to get going again)
    ├── InputError                a file or argument we were given is missing, unreadable or malformed
    │   └── ModelError            the model location holds no readable SavedModel / contract
    ├── StorageError              local or gs:// I/O failed (missing bucket/object, permission, credentials)
    ├── MissingExtraError         an optional dependency is not installed (``pip install 'sigcheck[tf]'``)
    └── ExecutionError            running or building a model failed in a way that is not a finding
"""

from __future__ import annotations


class SigcheckError(Exception):
    """Base class: ``str(err)`` is the one-line message, ``err.hint`` the fix (or None)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(SigcheckError):
    """A file or argument is missing, unreadable or malformed."""


class ModelError(InputError):
    """The location does not hold a readable SavedModel or signature contract."""


class StorageError(SigcheckError):
    """Reading or writing local files or ``gs://`` objects failed."""


class MissingExtraError(SigcheckError):
    """An optional dependency is missing; the hint names the pip extra."""


class ExecutionError(SigcheckError):
    """Running or building a model failed outside of what a finding can describe."""
