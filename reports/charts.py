"""Charts as inline SVG, generated from data, for the PDF reports (no charting library).

Each function returns an SVG document as a string, to put in a template with `|safe` (inside a
<figure>). Every chart has a <title> and a <desc> (a text version of the data, read by screen
readers and kept in the PDF), every bar its own <title>; labels are escaped, numbers are
formatted in the active language (`translation.override`), scales are rounded to nice steps.

- `bar_chart([(label, value), ...])` — horizontal bars;
- `stacked_bar_chart(rows, series)` — one horizontal bar per row split by series, or each row as
  100 % with `percent=True`;
- `histogram(values, lower=0, upper=100, bins=10)` — the distribution of scores.
"""

import hashlib
import math
import re
from xml.sax.saxutils import escape, quoteattr

from django.utils import formats, translation
from django.utils.translation import gettext

FONT = "JLN Sans, sans-serif"
FONT_SIZE = 9
CHAR_WIDTH = FONT_SIZE * 0.6  # a generous estimate of an average glyph's width
BAR_COLOUR = "#0072b2"
PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#555555"]
GRID_COLOUR = "#cccccc"
TEXT_COLOUR = "#1a1a1a"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- numbers and scales -------------------------------------------------------------------

def nice_step(raw_step):
    """The smallest of 1, 2, 2.5, 5 × 10^n that is at least `raw_step` (> 0)."""
    exponent = math.floor(math.log10(raw_step))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * 10**exponent
        if step >= raw_step * (1 - 1e-9):
            return step
    return 10 ** (exponent + 1)  # pragma: no cover - the loop always returns


def nice_ticks(max_value, *, target=5, integer=False):
    """Ticks from 0 to a round value ≥ `max_value`, about `target` steps."""
    if max_value <= 0:
        return [0, 1]
    step = nice_step(max_value / target)
    if integer:
        step = max(1, math.ceil(step))
    count = math.ceil(max_value / step - 1e-9)
    return [round(step * i, 10) for i in range(count + 1)]


def format_number(value):
    decimals = 0 if float(value).is_integer() else 1
    return formats.number_format(round(value, decimals), decimal_pos=decimals)


def format_percent(value):
    number = format_number(value)
    # French puts a narrow no-break space before %.
    return f"{number}\u202f%" if translation.get_language() == "fr" else f"{number}%"


def _check(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"A chart value must be a finite number, got {value!r}.")
    if value < 0:
        raise ValueError(f"A chart value cannot be negative, got {value!r}.")
    return value


# --- SVG helpers --------------------------------------------------------------------------

def _n(number):
    """A coordinate, short."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(value):
    return escape(_INVALID_XML.sub("", str(value)))


def _attr(value):
    return quoteattr(_INVALID_XML.sub("", str(value)))


def _truncate(label, max_chars):
    label = str(label)
    return label if len(label) <= max_chars else label[: max_chars - 1].rstrip() + "…"


def _label(x, y, text, *, anchor="start", size=FONT_SIZE, colour=TEXT_COLOUR, weight=None):
    weight_attr = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{colour}"{weight_attr}>{_text(text)}</text>'
    )


def _svg(*, width, height, title, description, body, chart_id):
    chart_id = re.sub(r"[^a-zA-Z0-9_-]", "", chart_id) or "chart"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family={_attr(FONT)} class="chart">'
        f'<title id="{chart_id}-title">{_text(title)}</title>'
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>'
        f"{''.join(body)}</svg>"
    )


def _chart_id(kind, title, data):
    digest = hashlib.sha1(repr((kind, str(title), data)).encode()).hexdigest()[:8]
    return f"{kind}-{digest}"


def _no_data(*, width, title, description, chart_id):
    body = [_label(width / 2, 24, gettext("No data"), anchor="middle", colour="#555555")]
    return _svg(width=width, height=40, title=title, description=description or gettext("No data"),
                body=body, chart_id=chart_id)


def _x_axis(ticks, *, left, plot_width, top, bottom, formatter):
    """Vertical grid lines and their labels under the plot."""
    parts = []
    for tick in ticks:
        x = left + plot_width * tick / ticks[-1]
        parts.append(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" stroke="{GRID_COLOUR}" stroke-width="0.5"/>')
        parts.append(_label(x, bottom + FONT_SIZE + 3, formatter(tick), anchor="middle", size=FONT_SIZE - 1))
    return parts


def _label_column(labels):
    longest = max((len(str(label)) for label in labels), default=0)
    max_chars = min(longest, 30)
    return max_chars, max_chars * CHAR_WIDTH + 8


# --- charts -------------------------------------------------------------------------------

def bar_chart(data, *, title, description="", max_value=None, percent=False, width=480,
              bar_height=14, gap=6, chart_id=None):
    """Horizontal bars, one per (label, value). `percent=True` shows values as percentages
    (of 100, unless `max_value` says otherwise)."""
    data = [(str(label), _check(value)) for label, value in data]
    chart_id = chart_id or _chart_id("bar", title, data)
    formatter = format_percent if percent else format_number
    if not data:
        return _no_data(width=width, title=title, description=description, chart_id=chart_id)
    description = description or "; ".join(f"{label}: {formatter(value)}" for label, value in data)
    top_value = max_value if max_value is not None else (100 if percent else max(v for _, v in data))
    ticks = nice_ticks(max(top_value, max(v for _, v in data)))
    max_chars, left = _label_column(label for label, _ in data)
    value_room = 8 * CHAR_WIDTH
    plot_width = width - left - value_room
    top = 4
    plot_height = len(data) * (bar_height + gap)
    body = _x_axis(ticks, left=left, plot_width=plot_width, top=top, bottom=top + plot_height, formatter=formatter)
    for index, (label, value) in enumerate(data):
        y = top + index * (bar_height + gap) + gap / 2
        bar_width = plot_width * value / ticks[-1]
        body.append(
            f'<rect class="bar" x="{_n(left)}" y="{_n(y)}" width="{_n(bar_width)}" height="{_n(bar_height)}" '
            f'fill="{BAR_COLOUR}"><title>{_text(label)}: {_text(formatter(value))}</title></rect>'
        )
        text_y = y + bar_height / 2 + FONT_SIZE / 3
        body.append(_label(left - 4, text_y, _truncate(label, max_chars), anchor="end"))
        body.append(_label(left + bar_width + 3, text_y, formatter(value)))
    height = top + plot_height + FONT_SIZE + 8
    return _svg(width=width, height=height, title=title, description=description, body=body, chart_id=chart_id)


def stacked_bar_chart(rows, series, *, title, description="", percent=False, width=480,
                      bar_height=14, gap=6, chart_id=None):
    """One horizontal bar per (label, [value per series]), split by series, with a legend.
    With `percent=True` each bar is its row's share of each series (a 100 % bar)."""
    series = [str(name) for name in series]
    rows = [(str(label), [_check(v) for v in values]) for label, values in rows]
    for label, values in rows:
        if len(values) != len(series):
            raise ValueError(f"Row {label!r} has {len(values)} values for {len(series)} series.")
    chart_id = chart_id or _chart_id("stacked", title, (rows, series))
    if not rows or not series:
        return _no_data(width=width, title=title, description=description, chart_id=chart_id)
    formatter = format_percent if percent else format_number

    def shares(values):
        total = sum(values)
        return [100 * v / total if total else 0 for v in values] if percent else values

    description = description or "; ".join(
        f"{label}: " + ", ".join(f"{name} {formatter(share)}" for name, share in zip(series, shares(values)))
        for label, values in rows
    )
    ticks = [0, 25, 50, 75, 100] if percent else nice_ticks(max(sum(values) for _, values in rows))
    max_chars, left = _label_column(label for label, _ in rows)
    plot_width = width - left - len(formatter(100 if percent else ticks[-1])) * CHAR_WIDTH / 2 - 4
    top = 4
    plot_height = len(rows) * (bar_height + gap)
    body = _x_axis(ticks, left=left, plot_width=plot_width, top=top, bottom=top + plot_height, formatter=formatter)
    for index, (label, values) in enumerate(rows):
        y = top + index * (bar_height + gap) + gap / 2
        x = left
        for position, (name, share) in enumerate(zip(series, shares(values))):
            if not share:
                continue
            segment = plot_width * share / ticks[-1]
            body.append(
                f'<rect class="segment" x="{_n(x)}" y="{_n(y)}" width="{_n(segment)}" height="{_n(bar_height)}" '
                f'fill="{PALETTE[position % len(PALETTE)]}"><title>{_text(label)} — {_text(name)}: '
                f"{_text(formatter(share))}</title></rect>"
            )
            x += segment
        body.append(_label(left - 4, y + bar_height / 2 + FONT_SIZE / 3, _truncate(label, max_chars), anchor="end"))
    legend_y = top + plot_height + FONT_SIZE + 14
    x = left
    for position, name in enumerate(series):
        if x + 14 + len(name) * CHAR_WIDTH > width and x > left:
            x, legend_y = left, legend_y + FONT_SIZE + 6
        body.append(f'<rect class="legend" x="{_n(x)}" y="{_n(legend_y - FONT_SIZE + 1)}" width="9" height="9" fill="{PALETTE[position % len(PALETTE)]}"/>')
        body.append(_label(x + 12, legend_y, name))
        x += 12 + len(name) * CHAR_WIDTH + 14
    height = legend_y + 6
    return _svg(width=width, height=height, title=title, description=description, body=body, chart_id=chart_id)


def bin_counts(values, *, lower, upper, bins):
    """[(start, end, count)] for `bins` equal bins over [lower, upper]; `upper` falls in the
    last bin. A value outside the range is an error (a score out of its scale is a bug)."""
    if not upper > lower or bins < 1:
        raise ValueError("A histogram needs lower < upper and at least one bin.")
    width = (upper - lower) / bins
    counts = [0] * bins
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"A histogram value must be a finite number, got {value!r}.")
        if not lower <= value <= upper:
            raise ValueError(f"{value!r} is outside [{lower}, {upper}].")
        counts[min(int((value - lower) / width), bins - 1)] += 1
    return [(lower + i * width, lower + (i + 1) * width, count) for i, count in enumerate(counts)]


def histogram(values, *, title, description="", lower=0, upper=100, bins=10, x_label="",
              width=480, height=200, chart_id=None):
    """Vertical bars: how many values fall in each of `bins` equal bins over [lower, upper]."""
    values = list(values)
    counts = bin_counts(values, lower=lower, upper=upper, bins=bins)
    chart_id = chart_id or _chart_id("histogram", title, counts)
    if not values:
        return _no_data(width=width, title=title, description=description, chart_id=chart_id)
    description = description or "; ".join(
        f"{format_number(start)}–{format_number(end)}: {count}" for start, end, count in counts
    )
    ticks = nice_ticks(max(count for _, _, count in counts), target=4, integer=True)
    left = len(format_number(ticks[-1])) * CHAR_WIDTH + 10
    top = 6
    bottom_room = FONT_SIZE * 2 + (FONT_SIZE + 6 if x_label else 0) + 4
    plot_width = width - left - len(format_number(upper)) * CHAR_WIDTH / 2 - 4
    plot_height = height - top - bottom_room
    base = top + plot_height
    body = []
    for tick in ticks:
        y = base - plot_height * tick / ticks[-1]
        body.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(left + plot_width)}" y2="{_n(y)}" stroke="{GRID_COLOUR}" stroke-width="0.5"/>')
        body.append(_label(left - 4, y + FONT_SIZE / 3, format_number(tick), anchor="end", size=FONT_SIZE - 1))
    slot = plot_width / bins
    for index, (start, end, count) in enumerate(counts):
        bar_height = plot_height * count / ticks[-1]
        x = left + index * slot
        body.append(
            f'<rect class="bar" x="{_n(x + 1)}" y="{_n(base - bar_height)}" width="{_n(slot - 2)}" '
            f'height="{_n(bar_height)}" fill="{BAR_COLOUR}"><title>{_text(format_number(start))}–'
            f"{_text(format_number(end))}: {count}</title></rect>"
        )
    for index in range(bins + 1):
        if bins <= 10 or index % 2 == 0 or index == bins:
            edge = lower + index * (upper - lower) / bins
            body.append(_label(left + index * slot, base + FONT_SIZE + 3, format_number(edge), anchor="middle", size=FONT_SIZE - 1))
    body.append(f'<line x1="{_n(left)}" y1="{_n(base)}" x2="{_n(left + plot_width)}" y2="{_n(base)}" stroke="{TEXT_COLOUR}" stroke-width="0.8"/>')
    if x_label:
        body.append(_label(left + plot_width / 2, height - 4, x_label, anchor="middle"))
    return _svg(width=width, height=height, title=title, description=description, body=body, chart_id=chart_id)
