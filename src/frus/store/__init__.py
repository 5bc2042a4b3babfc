"""Persistence: the SQLite store (source of truth) and the Tantivy index derived from it."""

from frus.store.index import TantivyIndex
from frus.store.location import default_db_path, index_dir_for
from frus.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "TantivyIndex", "default_db_path", "index_dir_for"]
