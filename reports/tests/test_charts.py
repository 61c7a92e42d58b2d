import math
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def rects(root, cls):
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == cls]


def test_bar_chart_has_one_bar_per_item_proportional_to_its_value():
    root = parse(charts.bar_chart([("Sénégal", 10), ("Ghana", 5), ("Bénin", 0)], title="EOIs"))
    bars = rects(root, "bar")
    assert len(bars) == 3
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01)
    assert widths[2] == 0


def test_bar_chart_has_an_accessible_title_and_description():
    root = parse(charts.bar_chart([("Sénégal", 3), ("Ghana", 2)], title="EOIs by country", chart_id="c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "EOIs by country"
    assert root.find(f"{SVG}title").get("id") == "c1-title"
    assert root.find(f"{SVG}desc").text == "Sénégal: 3; Ghana: 2"


def test_bar_chart_escapes_labels_and_titles():
    label = '<script>x()</script> & Co\x07'
    root = parse(charts.bar_chart([(label, 1)], title='A "title" <b>', description="x & y"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert '<script>x()</script> & Co' in texts
    assert root.find(f"{SVG}title").text == 'A "title" <b>'
    assert root.find(f"{SVG}desc").text == "x & y"
    assert root.find(f".//{SVG}script") is None


def test_bar_chart_truncates_long_labels_but_keeps_them_whole_in_the_bar_title():
    label = "Latin America and the Caribbean, with a very long name"
    root = parse(charts.bar_chart([(label, 4)], title="Regions"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert any(text.endswith("…") and len(text) <= 30 for text in texts)
    assert rects(root, "bar")[0].find(f"{SVG}title").text == f"{label}: 4"


def test_bar_chart_scale_is_rounded_up_to_a_nice_value():
    root = parse(charts.bar_chart([("a", 7), ("b", 3)], title="t"))
    tick_labels = [t.text for t in root.iter(f"{SVG}text")][:6]
    assert tick_labels == ["0", "2", "4", "6", "8"] + tick_labels[5:]


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, "3", None, True])
def test_bar_chart_refuses_values_that_are_not_counts(bad):
    with pytest.raises(ValueError):
        charts.bar_chart([("a", bad)], title="t")


def test_bar_chart_without_data_says_so():
    root = parse(charts.bar_chart([], title="Nothing"))
    assert rects(root, "bar") == []
    assert [t.text for t in root.iter(f"{SVG}text")] == ["No data"]


def test_bar_chart_formats_numbers_in_the_active_language():
    with translation.override("fr"):
        root = parse(charts.bar_chart([("a", 2.5)], title="t", percent=True))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "2,5\u202f%" in texts
    assert "100\u202f%" in texts


def test_stacked_bar_chart_in_percent_fills_each_row():
    rows = [("Sénégal", [2, 2, 1]), ("Ghana", [1, 3, 0]), ("Bénin", [0, 0, 0])]
    root = parse(charts.stacked_bar_chart(rows, ["Policy", "Managers", "Experts"], title="Profiles", percent=True))
    segments = rects(root, "segment")
    assert len(segments) == 5  # zero shares draw nothing
    by_row = {}
    for segment in segments:
        by_row.setdefault(segment.get("y"), []).append(float(segment.get("width")))
    full = [sum(widths) for widths in by_row.values()]
    assert len(full) == 2 and full[0] == pytest.approx(full[1], rel=1e-3)
    first_row = next(iter(by_row.values()))
    assert first_row == pytest.approx([full[0] * 0.4, full[0] * 0.4, full[0] * 0.2], rel=1e-3)
    assert [t.text for t in root.iter(f"{SVG}text")][-3:] == ["Policy", "Managers", "Experts"]
    assert len(rects(root, "legend")) == 3


def test_stacked_bar_chart_in_counts_is_proportional_to_totals():
    root = parse(charts.stacked_bar_chart([("a", [3, 1]), ("b", [1, 1])], ["x", "y"], title="t"))
    widths = [float(s.get("width")) for s in rects(root, "segment")]
    assert widths[0] == pytest.approx(3 * widths[1], rel=1e-3)
    assert sum(widths[:2]) == pytest.approx(2 * sum(widths[2:]), rel=1e-3)


def test_stacked_bar_chart_refuses_rows_of_the_wrong_length():
    with pytest.raises(ValueError):
        charts.stacked_bar_chart([("a", [1, 2, 3])], ["x", "y"], title="t")


def test_bin_counts_puts_each_value_in_its_bin_and_the_maximum_in_the_last():
    counts = charts.bin_counts([0, 9.99, 10, 55, 100], lower=0, upper=100, bins=10)
    assert [c for _, _, c in counts] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert counts[0][:2] == (0, 10) and counts[-1][:2] == (90, 100)


def test_bin_counts_refuses_values_outside_the_scale():
    with pytest.raises(ValueError):
        charts.bin_counts([101], lower=0, upper=100, bins=10)


def test_histogram_has_one_bar_per_bin_with_heights_proportional_to_counts():
    values = [5, 15, 15, 25, 25, 25, 25, 95]
    root = parse(charts.histogram(values, title="Scores", lower=0, upper=100, bins=10))
    bars = rects(root, "bar")
    assert len(bars) == 10
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[3:9] == [0] * 6
    assert heights[1] == pytest.approx(2 * heights[0])
    assert heights[2] == pytest.approx(4 * heights[0])
    assert heights[9] == pytest.approx(heights[0])
    bottoms = {round(float(bar.get("y")) + float(bar.get("height")), 2) for bar in bars}
    assert len(bottoms) == 1  # every bar stands on the same axis
    assert root.find(f"{SVG}desc").text.startswith("0–10: 1; 10–20: 2; 20–30: 4")


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [(7, [0, 2, 4, 6, 8]), (100, [0, 20, 40, 60, 80, 100]), (0.3, [0, 0.1, 0.2, 0.3]), (0, [0, 1]), (23, [0, 5, 10, 15, 20, 25])],
)
def test_nice_ticks_end_on_a_round_value(maximum, ticks):
    assert charts.nice_ticks(maximum) == ticks


def test_nice_ticks_for_counts_are_whole_numbers():
    assert charts.nice_ticks(3, target=4, integer=True) == [0, 1, 2, 3]
