from __future__ import annotations

from pathlib import Path

import pytest

from cchc.agencies.registry import load_registry

MINI = Path(__file__).parent / "fixtures" / "mini-registry.toml"


@pytest.fixture
def mini_registry(db: None) -> None:
    load_registry(path=MINI)
