"""Charts as server-rendered SVG: no script, no CDN, readable by screen readers.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` naming every
figure; the page puts the same figures in a table beside it. Colours are presentation
attributes (the Content-Security-Policy forbids inline styles).
"""
from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR = "#1f4e79"
BAR_ALT = "#b35900"
INK = "#1b2430"
GRID = "#d5dbe3"


def _fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _open(chart_id: str, title: str, rows: Sequence[tuple[str, float]], unit: str, width: int,
          height: int) -> list[str]:
    """The ``<svg>`` start with its title and a description naming every figure."""
    described = "; ".join(f"{label}: {_fmt(value)}{(' ' + unit) if unit else ''}" for label, value in rows) \
        or "No data."
    cid = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{cid}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{cid}-t {cid}-d">',
        f'<title id="{cid}-t">{escape(title)}</title>',
        f'<desc id="{cid}-d">{escape(described)}</desc>',
    ]


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, float]], *, unit: str = "",
              max_rows: int = 20) -> Markup:
    """A horizontal bar chart: one labelled bar per (label, value), largest scale from the data."""
    rows = list(rows)[:max_rows]
    label_width, bar_width, row_height, top = 260, 380, 26, 8
    width = label_width + bar_width + 70
    height = top * 2 + row_height * max(len(rows), 1)
    peak = max((v for _, v in rows), default=0) or 1
    parts = _open(chart_id, title, rows, unit, width, height) + [
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" stroke="{GRID}"/>',
    ]
    for n, (label, value) in enumerate(rows):
        y = top + n * row_height
        w = max(round(bar_width * value / peak), 1 if value else 0)
        short = label if len(label) <= 38 else label[:36] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" '
                     f'fill="{INK}">{escape(short)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{w}" height="{row_height - 8}" '
                     f'fill="{BAR if n % 2 == 0 else BAR_ALT}"/>')
        parts.append(f'<text x="{label_width + w + 6}" y="{y + 17}" font-size="13" fill="{INK}">'
                     f'{escape(_fmt(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(chart_id: str, title: str, rows: Sequence[tuple[str, float]], *, unit: str = "") -> Markup:
    """Vertical columns in order (a trend across sessions), value on top of each."""
    rows = list(rows)[-12:]
    width, height, left, bottom, top = 720, 260, 20, 50, 20
    slot = min((width - left * 2) / max(len(rows), 1), 110)
    peak = max((v for _, v in rows), default=0) or 1
    parts = _open(chart_id, title, rows, unit, width, height) + [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="{GRID}"/>',
    ]
    usable = height - bottom - top
    for n, (label, value) in enumerate(rows):
        x = left + n * slot + slot * 0.15
        h = round(usable * value / peak)
        y = height - bottom - h
        short = label if len(label) <= 22 else label[:20] + "…"
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{slot * 0.7:.1f}" height="{h}" fill="{BAR}"/>')
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{y - 4}" text-anchor="middle" font-size="13" '
                     f'fill="{INK}">{escape(_fmt(value))}</text>')
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                     f'font-size="11" fill="{INK}">{escape(short)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
