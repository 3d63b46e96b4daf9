"""Shared code for the Japan-NATO teaching notebooks.

Data flows one way: ``data/*.csv`` -> :func:`load` (validates, types, explains bad data) ->
pure functions in the subject modules -> widgets and plots -> notebook cells.
"""

from japan_nato.data import DataError, catalogue, columns, load, load_all, resource_names, schema

__all__ = ["DataError", "catalogue", "columns", "load", "load_all", "resource_names", "schema"]
