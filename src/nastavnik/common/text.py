"""Russian text helpers shared by views, documents and commands.

The engines, which import nothing of the project, own these two; everything above them uses them
from here.
"""

from __future__ import annotations

from nastavnik.engines.text import fold, plural_ru

__all__ = ["fold", "plural_ru"]
