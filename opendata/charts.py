"""Geometry of the statistics page's charts, drawn as SVG by templates.

Horizontal bar charts only: they read well at any width, with labels of any length.
Widths and positions along the bars are percentages of the chart's width, heights are
pixels: the chart fills its container, from a 320 px phone to a desktop column, while
its text keeps the size of the page's text instead of shrinking with a viewBox.

Two layouts:

- "stacked": each label above its bar (long labels: countries, sectors, goals),
  wrapped over several lines where it is long;
- "inline": short labels (years) beside their bars, right-aligned.
"""

import textwrap
from dataclasses import dataclass, field

# Pixel sizes; static/css/site.css sets the same font size on chart text.
FONT_SIZE = 14
LINE_HEIGHT = 18
BAR_HEIGHT = 18
LABEL_GAP = 4  # between a stacked label and its bar
ROW_GAP = 12  # between rows
PADDING = 4  # above the first row and below the last
WRAP = 34  # characters per label line: fits 288 px (a 320 px screen) at FONT_SIZE
MAX_LINES = 3
INDENT = 16  # px, for rows that belong to the row above (sub-regions, roles)

# Percentages of the chart's width.
BAR_SPACE = 82  # the longest bar; its number is written after it
INLINE_LABEL_SPACE = 16  # label column of the inline layout
VALUE_GAP = 6  # px between a bar's end and its number


@dataclass
class Bar:
    label: str
    value: int
    level: int = 0
    lines: list = field(default_factory=list)
    label_y: int = 0  # baseline of the first label line
    bar_y: int = 0
    value_y: int = 0  # baseline of the number
    x: float = 0  # % where the bar starts
    width: float = 0  # % of the chart's width
    value_x: float = 0  # % where the number is written (VALUE_GAP px further)


@dataclass
class BarChart:
    bars: list
    height: int
    layout: str
    label_x: float  # % (inline: where labels end; stacked: 0)
    axis_x: float  # % where bars start: the baseline
    top: int = PADDING
    bottom: int = 0

    @property
    def maximum(self):
        return max((bar.value for bar in self.bars), default=0)


def wrap(label, width=WRAP, max_lines=MAX_LINES):
    """``label`` over lines of at most about ``width`` characters; past
    ``max_lines`` the last line ends with an ellipsis (tables show it whole)."""
    lines = textwrap.wrap(str(label), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 2].rstrip() + " …"
    return lines


def bar_chart(items, layout="stacked"):
    """A chart for ``items``: (label, value) or (label, value, level) tuples, in
    the order to draw them. Bars are scaled to the largest value."""
    if layout not in ("stacked", "inline"):
        raise ValueError(f"Unknown layout {layout!r}")
    bars = [Bar(*item) for item in items]
    maximum = max((bar.value for bar in bars), default=0)
    start = INLINE_LABEL_SPACE if layout == "inline" else 0
    space = BAR_SPACE - start
    y = PADDING
    for bar in bars:
        if bar.value < 0:
            raise ValueError("Bar charts count things: values cannot be negative.")
        bar.x = start
        bar.width = round(space * bar.value / maximum, 2) if maximum else 0
        bar.value_x = round(start + bar.width, 2)
        if layout == "stacked":
            bar.lines = wrap(bar.label, WRAP - 2 * bar.level)
            bar.label_y = y + FONT_SIZE
            y += len(bar.lines) * LINE_HEIGHT + LABEL_GAP
        else:
            bar.lines = [str(bar.label)]
            bar.label_y = y + BAR_HEIGHT // 2 + FONT_SIZE // 3
        bar.bar_y = y
        bar.value_y = y + BAR_HEIGHT // 2 + FONT_SIZE // 3
        y += BAR_HEIGHT + ROW_GAP
    height = y - ROW_GAP + PADDING if bars else 0
    return BarChart(
        bars=bars,
        height=height,
        layout=layout,
        label_x=start - 1 if layout == "inline" else 0,
        axis_x=start,
        bottom=height - PADDING,
    )


def classes(values, count=5):
    """Upper bounds of at most ``count`` shading classes for the positive
    ``values`` (of a map), as [(low, high)], each class holding about as many
    values as the others; ties never straddle two classes."""
    ordered = sorted(value for value in values if value > 0)
    if not ordered:
        return []
    distinct = sorted(set(ordered))
    if len(distinct) <= count:
        return [(value, value) for value in distinct]
    bounds, low = [], ordered[0]
    for step in range(1, count + 1):
        high = ordered[min(len(ordered) - 1, round(step * len(ordered) / count) - 1)]
        if bounds and high <= bounds[-1][1]:
            continue
        bounds.append((low, high))
        low = next((v for v in distinct if v > high), high)
    if bounds[-1][1] < ordered[-1]:
        bounds[-1] = (bounds[-1][0], ordered[-1])
    return bounds


def shade(value, bounds):
    """The class (1 = lightest) of ``value`` among ``bounds``; 0 for none."""
    for number, (_low, high) in enumerate(bounds, start=1):
        if 0 < value <= high:
            return number
    return 0
