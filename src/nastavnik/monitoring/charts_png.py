"""Charts of the programme report drawn on the server as PNG images (matplotlib, Agg, DejaVu Sans).

The same images go into the DOCX (docxtpl InlineImage) and the PDF (WeasyPrint, data URI).
Only matplotlib's object API is used (no pyplot): no global figure state, safe in a worker
thread, no display and no network. Every function returns the PNG bytes, or None when there
is nothing to draw (the report then says so in words instead of an empty chart).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

DPI = 150
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with the report's margins
START_COLOUR = "#9db4cf"
CURRENT_COLOUR = "#1f5f99"
TARGET_COLOUR = "#c0392b"
# Any: matplotlib types the rc keys as a Literal of every known setting.
STYLE: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
}


@dataclass(frozen=True)
class Bar:
    """One labelled value (or a pair of values: start and current)."""

    label: str
    value: float
    before: float | None = None


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return out.getvalue()


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)[:4]) or text


def indicators_chart(bars: Sequence[Bar], title: str = "Показатели: на дату начала и текущее значение") -> bytes | None:
    """Horizontal pairs of bars per indicator code: start (light) and current (dark)."""
    bars = [b for b in bars if b.value or b.before]
    if not bars:
        return None
    with rc_context(STYLE):
        height = 1.0 + 0.28 * len(bars)
        figure = Figure(figsize=(WIDTH_IN, height))
        axes = figure.add_subplot()
        positions = list(range(len(bars)))
        step = 0.38
        axes.barh(
            [p - step / 2 for p in positions],
            [b.before or 0 for b in bars],
            height=step,
            color=START_COLOUR,
            label="на дату начала",
        )
        axes.barh(
            [p + step / 2 for p in positions],
            [b.value for b in bars],
            height=step,
            color=CURRENT_COLOUR,
            label="текущее",
        )
        axes.set_yticks(positions, [b.label for b in bars])
        axes.invert_yaxis()
        axes.set_title(title, loc="left", pad=18)
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, borderaxespad=0.2)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        return _png(figure)


def percent_chart(bars: Sequence[Bar], title: str, target: float | None = None) -> bytes | None:
    """Horizontal bars in per cent (0–100) with an optional target line (e.g. involvement vs 70 %)."""
    if not bars:
        return None
    with rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_IN, 0.9 + 0.36 * len(bars)))
        axes = figure.add_subplot()
        positions = list(range(len(bars)))
        drawn = axes.barh(positions, [b.value for b in bars], height=0.55, color=CURRENT_COLOUR)
        axes.bar_label(drawn, labels=[f"{b.value:.0f} %" for b in bars], padding=3)
        axes.set_yticks(positions, [_short(b.label) for b in bars])
        axes.invert_yaxis()
        axes.set_xlim(0, 110)
        if target is not None:
            axes.axvline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1)
            title = f"{title} (пунктир — цель {target:.0f} %)"
        axes.set_title(title, loc="left")
        return _png(figure)


def before_after_chart(bars: Sequence[Bar], title: str) -> bytes | None:
    """Grouped vertical bars «до» and «после» per parameter (stage 2 of the monitoring)."""
    bars = [b for b in bars if b.before is not None]
    if not bars:
        return None
    with rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_IN, 2.8))
        axes = figure.add_subplot()
        positions = list(range(len(bars)))
        width = 0.38
        axes.bar(
            [p - width / 2 for p in positions], [b.before or 0 for b in bars], width, color=START_COLOUR, label="до"
        )
        axes.bar(
            [p + width / 2 for p in positions], [b.value for b in bars], width, color=CURRENT_COLOUR, label="после"
        )
        axes.set_xticks(positions, [_wrap(b.label, 16) for b in bars])
        axes.set_title(title, loc="left", pad=18)
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, borderaxespad=0.2)
        return _png(figure)


def schemes_chart(completion: Sequence[Bar], satisfaction: Sequence[Bar]) -> bytes | None:
    """Two panels side by side: completion rate (%) and mean satisfaction (1–5) per pairing scheme."""
    if not completion and not satisfaction:
        return None
    with rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_IN, 2.6))
        left, right = figure.subplots(1, 2)
        for axes, bars, limit, title, fmt in (
            (left, completion, 100.0, "Завершено пар, %", "{:.0f} %"),
            (right, satisfaction, 5.0, "Удовлетворённость (1–5)", "{:.1f}"),
        ):
            positions = list(range(len(bars)))
            drawn = axes.bar(positions, [b.value for b in bars], width=0.6, color=CURRENT_COLOUR)
            axes.bar_label(drawn, labels=[fmt.format(b.value).replace(".", ",") for b in bars], padding=2)
            axes.set_xticks(positions, [_wrap(b.label, 12) for b in bars])
            axes.set_ylim(0, limit * 1.15)
            axes.set_title(title, loc="left")
        figure.subplots_adjust(wspace=0.35)
        return _png(figure)
