"""Geometry of the statistics page's bar charts and of the map's shading classes."""

import pytest

from opendata import charts


def test_bars_are_scaled_to_the_largest_value():
    chart = charts.bar_chart([("A", 10), ("B", 5), ("C", 0)])
    assert [bar.width for bar in chart.bars] == [charts.BAR_SPACE, 41.0, 0]
    assert [bar.value_x for bar in chart.bars] == [charts.BAR_SPACE, 41.0, 0]
    assert chart.maximum == 10
    assert chart.axis_x == 0


def test_stacked_rows_follow_each_other_without_overlapping():
    chart = charts.bar_chart([("Short", 3), ("A label long enough " * 3, 2), ("C", 1)])
    first, long, last = chart.bars
    assert first.lines == ["Short"]
    assert len(long.lines) == 2
    assert all(len(line) <= charts.WRAP for line in long.lines)
    for above, below in zip(chart.bars, chart.bars[1:], strict=False):
        assert above.label_y < above.bar_y  # the label sits above its bar
        bottom = above.bar_y + charts.BAR_HEIGHT
        top_of_next_label = below.label_y - charts.FONT_SIZE
        assert bottom + charts.ROW_GAP <= top_of_next_label + 1
    # Two lines of label, then the bar (label_y is the first line's baseline).
    assert long.bar_y - (long.label_y - charts.FONT_SIZE) == (
        2 * charts.LINE_HEIGHT + charts.LABEL_GAP
    )
    assert chart.height == last.bar_y + charts.BAR_HEIGHT + charts.PADDING


def test_very_long_labels_stop_after_three_lines():
    lines = charts.wrap("word " * 60)
    assert len(lines) == charts.MAX_LINES
    assert lines[-1].endswith("…")
    assert charts.wrap("") == [""]


def test_sub_rows_wrap_a_little_shorter():
    label = "x" * 25 + " " + "y" * 8  # WRAP characters
    assert charts.bar_chart([(label, 1, 0)]).bars[0].lines == [label]
    sub = charts.bar_chart([(label, 1, 1)]).bars[0]
    assert sub.lines == ["x" * 25, "y" * 8]


def test_inline_layout_leaves_a_label_column():
    chart = charts.bar_chart([("2020", 4), ("2021", 2)], layout="inline")
    space = charts.BAR_SPACE - charts.INLINE_LABEL_SPACE
    assert [bar.x for bar in chart.bars] == [charts.INLINE_LABEL_SPACE] * 2
    assert [bar.width for bar in chart.bars] == [space, space / 2]
    assert chart.bars[0].value_x == charts.BAR_SPACE
    assert chart.label_x < chart.axis_x == charts.INLINE_LABEL_SPACE
    assert chart.bars[1].bar_y - chart.bars[0].bar_y == (
        charts.BAR_HEIGHT + charts.ROW_GAP
    )


def test_all_zero_and_empty_charts():
    chart = charts.bar_chart([("A", 0), ("B", 0)])
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert charts.bar_chart([]).height == 0


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="negative"):
        charts.bar_chart([("A", -1)])
    with pytest.raises(ValueError, match="layout"):
        charts.bar_chart([("A", 1)], layout="pie")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        ([0, 0], []),
        ([3, 1, 1], [(1, 1), (3, 3)]),
        (
            [1, 1, 1, 2, 3, 5, 8, 13, 21, 34],
            [(1, 1), (2, 2), (3, 5), (8, 13), (21, 34)],
        ),
        ([1] * 50 + [2, 3, 4, 5, 6, 7], [(1, 1), (2, 7)]),
    ],
)
def test_shading_classes(values, expected):
    bounds = charts.classes(values)
    assert bounds == expected
    for value in values:
        if value:
            low, high = bounds[charts.shade(value, bounds) - 1]
            assert low <= value <= high
    assert charts.shade(0, bounds) == 0
