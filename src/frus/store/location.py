"""Where a corpus lives on disk.

A corpus is one SQLite file plus a Tantivy index directory beside it
(``frus.db`` and ``frus.db.index/``), so copying or deleting a corpus is a
matter of two paths that sort together in a file listing.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def default_db_path() -> Path:
    """``$FRUS_DB`` if set, else ``frus.db`` in the user's data directory."""
    env = os.environ.get("FRUS_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("frus")) / "frus.db"


def index_dir_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")
