"""Make ``src/`` importable when the package is not installed in the venv."""

from __future__ import annotations

import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3] / "src"

if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
