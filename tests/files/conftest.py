"""Fixtures of the file tests (the helpers are in file_scripts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from file_scripts import Scripts


@pytest.fixture
def scripts(tmp_path: Path) -> Scripts:
    """Scripts run from `<tmp>/work`, keeping their data in `<tmp>/data`."""
    folder = tmp_path / "work"
    folder.mkdir()
    return Scripts(folder, tmp_path / "data")
