"""Charts drawn on the server as SVG, for pages that must work without JavaScript.

Hand-built: no chart library to ship, and the Content-Security-Policy forbids inline styles,
so everything is drawn with presentation attributes. Every text is escaped. Series differ
in pattern, marker and dash as well as colour, and a legend names them in words; each chart
names itself to screen readers (role="img" with <title> and <desc>), and the page gives its
numbers as a table too. The viewBox is narrow so the text stays readable on a 320px screen.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 320
FONT_SIZE = 12
CHAR_WIDTH = 6.6  # a rough average at FONT_SIZE, for laying out legends and labels
INK = "#1b1f23"
MUTED = "#4a5560"
GRID = "#d0d7de"
WHITE = "#ffffff"

_ID = re.compile(r"[a-z][a-z0-9-]{0,40}")

# The weekly charts' frame.
LEFT, RIGHT = 46, 8
PLOT_HEIGHT = 140
BELOW_PLOT = 42  # week labels and the axis title


@dataclass(frozen=True)
class Series:
    """A named run of values, one per category; None where there is no value."""

    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Style:
    """How a series looks. Colours keep at least 3:1 against white (WCAG's bar for
    graphics); the pattern, marker and dash tell series apart for those who can't."""

    colour: str
    pattern: str = "solid"  # solid, slash, backslash, dots, rows, columns, grid
    tint: str = WHITE  # the pattern's background
    dash: str = ""
    marker: str = "circle"  # circle, square, diamond


SERIES_STYLES = (
    Style("#0b5cad"),
    Style("#8a4b00", "slash", "#f6e7d8", dash="6 3", marker="square"),
)
OVERLAY_STYLE = Style(INK, marker="diamond")
SHARE_STYLES = (
    Style("#a4161a"),
    Style("#0b5cad", "slash", "#cfe0f3"),
    Style("#8a4b00", "dots", "#f6e7d8"),
    Style("#1d6b3a", "rows", "#d5ecdc"),
    Style("#5b3a8c", "grid", "#e6dcf2"),
    Style(MUTED, "backslash", "#eef1f4"),
    Style("#00626b", "columns", "#d3ecee"),
)


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    bars: Sequence[Series],
    *,
    y_title: str,
    x_title: str = "ISO week",
    line: Series | None = None,
) -> Markup:
    """Counts per category as bars, side by side when there are two series; `line`, on the
    same scale, is drawn over them (a queue's size over its inflow and outflow, say)."""
    _check(chart_id, labels, bars, len(SERIES_STYLES))
    _check(chart_id, labels, [line] if line else [])
    styles = SERIES_STYLES[: len(bars)]
    entries = [(series.name, "box", style) for series, style in zip(bars, styles, strict=True)]
    if line:
        entries.append((line.name, "line", OVERLAY_STYLE))
    legend, legend_height = _legend(chart_id, entries, 4)
    top = 12 + legend_height
    values = [v for series in [*bars, *([line] if line else [])] for v in series.values]
    top_value, step = _scale(values, whole=True)
    frame, y_of, band = _frame(labels, top, top_value, step, y_title, x_title)

    shapes = []
    if labels:
        group = band * 0.8
        width = group / len(bars)
        for k, (series, style) in enumerate(zip(bars, styles, strict=True)):
            fill = _fill(chart_id, k, style)
            for i, value in enumerate(series.values):
                if not value or value <= 0:
                    continue
                x = LEFT + i * band + (band - group) / 2 + k * width
                y = y_of(value)
                shapes.append(_rect(x, y, width, y_of(0) - y, fill, style))
        if line:
            shapes.append(_line_path(line.values, band, y_of, OVERLAY_STYLE))
    summary = " ".join(_count_summary(series, labels) for series in bars)
    if line:
        summary += " " + _range_summary(line, labels, "")
    defs = _defs(chart_id, styles)
    return _svg(
        chart_id,
        title,
        _join(desc, summary),
        top + PLOT_HEIGHT + BELOW_PLOT,
        [defs, legend, frame, *shapes],
    )


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    lines: Sequence[Series],
    *,
    y_title: str,
    x_title: str = "ISO week",
    unit: str = "",
) -> Markup:
    """Values per category as lines with a marker on each point; a missing value breaks
    the line, rather than pretending it was zero."""
    _check(chart_id, labels, lines, len(SERIES_STYLES))
    styles = SERIES_STYLES[: len(lines)]
    entries = [(series.name, "line", style) for series, style in zip(lines, styles, strict=True)]
    legend, legend_height = _legend(chart_id, entries, 4)
    top = 12 + legend_height
    values = [v for series in lines for v in series.values]
    top_value, step = _scale(values, whole=False)
    frame, y_of, band = _frame(labels, top, top_value, step, y_title, x_title)
    shapes = [
        _line_path(series.values, band, y_of, style)
        for series, style in zip(lines, styles, strict=True)
    ]
    summary = " ".join(_range_summary(series, labels, unit) for series in lines)
    return _svg(
        chart_id,
        title,
        _join(desc, summary),
        top + PLOT_HEIGHT + BELOW_PLOT,
        [legend, frame, *shapes],
    )


def share_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, Sequence[int]]],
    categories: Sequence[str],
    *,
    x_title: str = "Share",
    empty: str = "None in these weeks",
    styles: Sequence[Style] | None = None,
) -> Markup:
    """One horizontal bar per row, split into the categories' shares of its total (a 100%
    stacked bar chart); a row with no total says so (`empty`) instead of drawing nothing.
    `styles`, one per category, lets colours carry a meaning (SHARE_STYLES' by default)."""
    _check(chart_id, categories, [Series(name, counts) for name, counts in rows])
    if styles is None:
        if len(categories) > len(SHARE_STYLES):
            raise ValueError(f"draws at most {len(SHARE_STYLES)} categories, told apart by pattern")
        styles = SHARE_STYLES[: len(categories)]
    elif len(styles) != len(categories) or len(set(styles)) < len(styles):
        raise ValueError("needs one style per category, no two alike")
    row_height, bar_height, left, right = 46, 20, 4, WIDTH - 8
    body = [_defs(chart_id, styles)]
    if not rows:
        body.append(_text(WIDTH / 2, 30, "No data", anchor="middle", fill=MUTED))
        return _svg(chart_id, title, _join(desc, "There is no data."), 48, body)
    for r, (name, counts) in enumerate(rows):
        y = 8 + r * row_height
        total = sum(counts)
        body.append(_text(left, y + 12, f"{name} (n = {total})"))
        bar_y = y + 18
        if not total:
            body.append(_text(left + 6, bar_y + 14, empty, fill=MUTED))
        x = float(left)
        for k, count in enumerate(counts):
            if count <= 0:
                continue
            width = (right - left) * count / total
            tooltip = f"{name}, {categories[k]}: {count} of {total} ({_percent(count, total)})"
            body.append(
                _rect(x, bar_y, width, bar_height, _fill(chart_id, k, styles[k]), None, tooltip)
            )
            x += width
        body.append(
            _tag(
                "rect",
                {
                    "x": left,
                    "y": bar_y,
                    "width": right - left,
                    "height": bar_height,
                    "fill": "none",
                    "stroke": MUTED,
                    **({"stroke-dasharray": "3 3"} if not total else {}),
                },
            )
        )
    axis_y = 8 + len(rows) * row_height
    for quarter in range(5):
        x = left + (right - left) * quarter / 4
        body.append(
            _tag("line", {"x1": x, "x2": x, "y1": axis_y - 6, "y2": axis_y, "stroke": MUTED})
        )
        anchor = "start" if quarter == 0 else "end" if quarter == 4 else "middle"
        body.append(_text(x, axis_y + 12, f"{quarter * 25}%", anchor=anchor))
    body.append(_text(WIDTH / 2, axis_y + 28, x_title, anchor="middle"))
    legend_top = axis_y + 40
    for k, (category, style) in enumerate(zip(categories, styles, strict=True)):
        y = legend_top + k * 18
        body.append(_swatch(chart_id, k, "box", style, left, y))
        body.append(_text(left + 20, y + 11, category))
    height = legend_top + len(categories) * 18 + 4
    summary = " ".join(_share_summary(name, counts, categories) for name, counts in rows)
    return _svg(chart_id, title, _join(desc, summary), height, body)


# -- the parts ------------------------------------------------------------------------------


def _svg(chart_id: str, title: str, desc: str, height: float, body: Sequence[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart" '
        f'viewBox="0 0 {WIDTH} {_n(height)}" width="100%" role="img" focusable="false" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<g font-family="system-ui, sans-serif" font-size="{FONT_SIZE}" fill="{INK}">'
        f"{''.join(body)}</g></svg>"
    )


def _check(
    chart_id: str, labels: Sequence[str], series: Sequence[Series], most: int | None = None
) -> None:
    """Refuse what would draw a wrong chart or a broken page: ids land in attributes, and
    there are only so many series styles."""
    if most is not None and not 1 <= len(series) <= most:
        raise ValueError(f"draws 1 to {most} series, not {len(series)}")
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"chart id must be lowercase letters, digits and hyphens: {chart_id!r}")
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"{one.name!r} has {len(one.values)} values for {len(labels)} labels")


def _frame(labels, top, top_value, step, y_title, x_title):
    """Grid, ticks and axis titles of a weekly chart; and where a value and a week go."""
    bottom = top + PLOT_HEIGHT
    right = WIDTH - RIGHT
    band = (right - LEFT) / len(labels) if labels else 0.0

    def y_of(value: float) -> float:
        return bottom - PLOT_HEIGHT * (value / top_value)

    parts = []
    ticks = round(top_value / step)
    for t in range(ticks + 1):
        value = t * step
        y = y_of(value)
        colour = MUTED if t == 0 else GRID
        parts.append(_tag("line", {"x1": LEFT, "x2": right, "y1": y, "y2": y, "stroke": colour}))
        parts.append(_text(LEFT - 4, y + 4, _tick(value), anchor="end"))
    parts.append(_tag("line", {"x1": LEFT, "x2": LEFT, "y1": top, "y2": bottom, "stroke": MUTED}))
    every = max(1, math.ceil(len(labels) * 4 * CHAR_WIDTH / (right - LEFT)))
    for i, label in enumerate(labels):
        if (len(labels) - 1 - i) % every == 0:  # the latest week always has its label
            # Nudged left if it would run off the edge (the last of many thin bands).
            x = min(LEFT + (i + 0.5) * band, WIDTH - 1 - len(label) * CHAR_WIDTH / 2)
            parts.append(_text(x, bottom + 15, label, anchor="middle"))
    if not labels:
        parts.append(_text((LEFT + right) / 2, top + PLOT_HEIGHT / 2, "No data", anchor="middle"))
    parts.append(_text((LEFT + right) / 2, bottom + 34, x_title, anchor="middle"))
    parts.append(
        _tag(
            "text",
            {
                "transform": "rotate(-90)",
                "x": -(top + bottom) / 2,
                "y": 12,
                "text-anchor": "middle",
            },
            escape(y_title),
        )
    )
    return "".join(parts), y_of, band


def _scale(values: Sequence[float | None], *, whole: bool) -> tuple[float, float]:
    """A round top for the axis and the step between its four-or-so ticks (0, 5, 10, …);
    whole numbers only for counts. With nothing above zero, 0 to 4: still a chart."""
    highest = max((v for v in values if v is not None), default=0)
    if highest <= 0:
        return 4.0, 1.0
    magnitude = 10 ** math.floor(math.log10(highest / 4))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if whole and (step < 1 or step != int(step)):
            continue
        if step * 4 >= highest:
            break
    if whole:
        step = max(step, 1.0)
    return step * math.ceil(highest / step), step


def _line_path(values, band, y_of, style: Style) -> str:
    """The line through the present values, broken where one is missing, with markers."""
    parts = []
    run: list[str] = []
    for i, value in enumerate([*values, None]):
        if value is None:
            if len(run) > 1:
                attrs = {"points": " ".join(run), "fill": "none", "stroke": style.colour}
                attrs["stroke-width"] = 2
                if style.dash:
                    attrs["stroke-dasharray"] = style.dash
                parts.append(_tag("polyline", attrs))
            run = []
            continue
        run.append(f"{_n(LEFT + (i + 0.5) * band)},{_n(y_of(value))}")
    size = min(1.0, max(0.5, band / 12))  # smaller where weeks are many and thin
    for i, value in enumerate(values):
        if value is not None:
            parts.append(_marker(style, LEFT + (i + 0.5) * band, y_of(value), size))
    return "".join(parts)


def _marker(style: Style, x: float, y: float, size: float = 1.0) -> str:
    attrs = {"fill": style.colour, "stroke": WHITE, "stroke-width": 0.75}
    if style.marker == "square":
        side = 6 * size
        return _tag(
            "rect", {"x": x - side / 2, "y": y - side / 2, "width": side, "height": side, **attrs}
        )
    if style.marker == "diamond":
        r = 4 * size
        points = f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
        return _tag("polygon", {"points": points, **attrs})
    return _tag("circle", {"cx": x, "cy": y, "r": 3 * size, **attrs})


def _legend(chart_id: str, entries, y: float) -> tuple[str, float]:
    """Swatches with their names in words, flowing onto a new line when one is full."""
    parts, x, line = [], float(LEFT), 0
    for k, (name, kind, style) in enumerate(entries):
        width = 20 + len(name) * CHAR_WIDTH + 12
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, line = float(LEFT), line + 1
        top = y + line * 18
        parts.append(_swatch(chart_id, k, kind, style, x, top))
        parts.append(_text(x + 20, top + 11, name))
        x += width
    return "".join(parts), (line + 1) * 18 if entries else 0


def _swatch(chart_id: str, k: int, kind: str, style: Style, x: float, y: float) -> str:
    if kind == "line":
        attrs = {"x1": x, "x2": x + 16, "y1": y + 7, "y2": y + 7, "stroke": style.colour}
        attrs["stroke-width"] = 2
        if style.dash:
            attrs["stroke-dasharray"] = style.dash
        return _tag("line", attrs) + _marker(style, x + 8, y + 7)
    return _rect(x, y, 14, 14, _fill(chart_id, k, style), style)


def _rect(x, y, width, height, fill: str, style: Style | None, tooltip: str = "") -> str:
    attrs = {"x": x, "y": y, "width": max(width, 0), "height": max(height, 0), "fill": fill}
    if style is None:  # a segment of a stacked bar: a white gap from its neighbour
        attrs.update({"stroke": WHITE, "stroke-width": 1})
    elif style.pattern != "solid":
        attrs.update({"stroke": style.colour, "stroke-width": 0.75})
    return _tag("rect", attrs, _tag("title", {}, escape(tooltip)) if tooltip else "")


def _fill(chart_id: str, k: int, style: Style) -> str:
    return style.colour if style.pattern == "solid" else f"url(#{chart_id}-pattern-{k})"


def _defs(chart_id: str, styles: Sequence[Style]) -> str:
    """Patterns for the styles that have one; ids carry the chart's, being page-wide."""
    patterns = []
    for k, style in enumerate(styles):
        if style.pattern == "solid":
            continue
        rotate = {"slash": 45, "backslash": -45, "columns": 90, "grid": 45}.get(style.pattern, 0)
        attrs = {
            "id": f"{chart_id}-pattern-{k}",
            "width": 6,
            "height": 6,
            "patternUnits": "userSpaceOnUse",
        }
        if rotate:
            attrs["patternTransform"] = f"rotate({rotate})"
        inner = _tag("rect", {"width": 6, "height": 6, "fill": style.tint})
        ink = {"fill": style.colour}
        if style.pattern in ("slash", "backslash"):
            inner += _tag("rect", {"width": 3, "height": 6, **ink})
        elif style.pattern in ("rows", "columns"):
            inner += _tag("rect", {"width": 6, "height": 3, **ink})
        elif style.pattern == "grid":
            inner += _tag("rect", {"width": 1.5, "height": 6, **ink})
            inner += _tag("rect", {"width": 6, "height": 1.5, **ink})
        else:  # dots
            inner += _tag("circle", {"cx": 3, "cy": 3, "r": 1.6, **ink})
        patterns.append(_tag("pattern", attrs, inner))
    return _tag("defs", {}, "".join(patterns)) if patterns else ""


def _text(x: float, y: float, words: str, *, anchor: str = "start", fill: str = "") -> str:
    attrs = {"x": x, "y": y}
    if anchor != "start":
        attrs["text-anchor"] = anchor
    if fill:
        attrs["fill"] = fill
    return _tag("text", attrs, escape(words))


def _tag(name: str, attrs: dict, content: str = "") -> str:
    """An element; attribute values escaped, numbers kept short."""
    rendered = "".join(
        f' {key}="{escape(_n(value) if isinstance(value, int | float) else value)}"'
        for key, value in attrs.items()
    )
    return f"<{name}{rendered}>{content}</{name}>" if content else f"<{name}{rendered}/>"


def _n(value: float) -> str:
    """2.50 → "2.5", 3.0 → "3": short coordinates, short pages."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _tick(value: float) -> str:
    if value >= 10_000:
        return f"{_n(value / 1000)}k"
    return _n(value)


def _percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%" if total else "0%"


def _join(*sentences: str) -> str:
    return " ".join(sentence.strip() for sentence in sentences if sentence.strip())


# -- descriptions: what the chart says, in a sentence or two -------------------------------


def _count_summary(series: Series, labels: Sequence[str]) -> str:
    values = [v or 0 for v in series.values]
    total = sum(values)
    if not total:
        return f"{series.name}: none."
    most = max(range(len(values)), key=lambda i: (values[i], i))
    return f"{series.name}: {_n(total)} in all, most in {labels[most]} ({_n(values[most])})."


def _range_summary(series: Series, labels: Sequence[str], unit: str) -> str:
    present = [v for v in series.values if v is not None]
    unit = f" {unit}" if unit else ""
    if not present:
        return f"{series.name}: no values."
    missing = len(series.values) - len(present)
    gap = f", none in {missing} of {len(series.values)}" if missing else ""
    latest = next(v for v in reversed(series.values) if v is not None)
    return (
        f"{series.name}: from {_n(min(present))} to {_n(max(present))}{unit}{gap}; "
        f"latest {_n(latest)}{unit}."
    )


def _share_summary(name: str, counts: Sequence[int], categories: Sequence[str]) -> str:
    total = sum(counts)
    if not total:
        return f"{name}: none."
    most = max(range(len(counts)), key=lambda k: (counts[k], -k))
    return f"{name}: {total}, most often {categories[most]} ({_percent(counts[most], total)})."
