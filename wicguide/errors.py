"""Domain exceptions, raised in the core and turned into one line at the CLI edge.

Every exception here carries a complete French message (what, where, why, how
to fix); the CLI prints it and exits with code 1, never with a traceback.
"""

from __future__ import annotations


class WicguideError(Exception):
    """A problem that stops a command; `str()` is the one line shown to users."""


class InventoryError(WicguideError):
    """The inventory file cannot be read as an inventory at all."""


class EditionError(WicguideError):
    """The edition settings file is missing, unreadable or invalid."""


class RenderError(WicguideError):
    """The guide could not be laid out or written."""


class StrictModeError(WicguideError):
    """`--strict` was given and rows were left out or warned about."""


class SelectionError(WicguideError):
    """A commune, need or initiative named on the command line is unknown."""


class TemplateError(WicguideError):
    """The blank inventory cannot be written where asked."""


class LayoutError(WicguideError):
    """The page options asked for do not go together (e.g. --booklet with --large-print)."""


class OutputError(WicguideError):
    """An output file cannot be written where asked."""
