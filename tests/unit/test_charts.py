"""The dashboard's SVG charts: well-formed, named for screen readers, safe with any text."""

import math
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from caseboard.curation import charts
from caseboard.curation.charts import Series

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quotes" \'too\''
WEEKS = [f"W{n:02d}" for n in range(40, 52)]
OUTCOMES = ["Wrong", "Not wrong", "Everyone", "No one", "More info", "Split", "Too few"]


def parse(markup: Markup) -> ET.Element:
    assert isinstance(markup, Markup)
    return ET.fromstring(str(markup))


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def drawn_bars(root: ET.Element) -> list[ET.Element]:
    """The plot's rectangles: not the patterns' (in defs) nor the legend's 14-unit swatches."""
    return [r for r in root.find(f"{SVG}g").findall(f"{SVG}rect") if r.get("width") != "14"]


def bar(**overrides) -> Markup:
    arguments = {
        "chart_id": "chart-a",
        "title": "Queue",
        "desc": "Per week.",
        "labels": WEEKS,
        "bars": [Series("Entered", list(range(12))), Series("Decided", [2] * 12)],
        "y_title": "Items",
        "line": Series("Open", [1] * 12),
    }
    return charts.bar_chart(**{**arguments, **overrides})


def line(**overrides) -> Markup:
    arguments = {
        "chart_id": "chart-b",
        "title": "Time to decision",
        "desc": "Hours.",
        "labels": WEEKS,
        "lines": [
            Series("Median", [None, 1.5, 2, None, 30, 4, 5, None, None, 3, 2, 1]),
            Series("90th percentile", [None, 3, 4, None, 60, 8, 9, None, 7, None, 5, 2]),
        ],
        "y_title": "Hours",
        "unit": "hours",
    }
    return charts.line_chart(**{**arguments, **overrides})


def share(**overrides) -> Markup:
    arguments = {
        "chart_id": "chart-c",
        "title": "Outcomes",
        "desc": "Per discipline.",
        "rows": [("Engineering", [1, 5, 2, 0, 1, 3, 2]), ("Design", [0] * 7)],
        "categories": OUTCOMES,
        "x_title": "Share of closed cases",
    }
    return charts.share_chart(**{**arguments, **overrides})


ALL = (bar, line, share)


@pytest.mark.parametrize("draw", ALL)
def test_charts_are_well_formed_images_named_by_their_title_and_desc(draw):
    root = parse(draw())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 320 ")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    chart_id = title.get("id").removesuffix("-title")
    assert len(ids) == len(set(ids)) and all(i.startswith(f"{chart_id}-") for i in ids)


@pytest.mark.parametrize("draw", ALL)
def test_no_inline_styles_which_the_content_security_policy_refuses(draw):
    root = parse(draw())
    assert all("style" not in element.attrib for element in root.iter())
    assert root.find(f".//{SVG}style") is None


def test_every_text_is_escaped():
    drawn = [
        bar(
            title=HOSTILE,
            desc=HOSTILE,
            labels=[HOSTILE] * 12,
            bars=[Series(HOSTILE, [1] * 12)],
            y_title=HOSTILE,
            x_title=HOSTILE,
            line=Series(HOSTILE, [2] * 12),
        ),
        line(
            title=HOSTILE,
            labels=[HOSTILE] * 12,
            lines=[Series(HOSTILE, [1.0] * 12)],
            y_title=HOSTILE,
            unit=HOSTILE,
        ),
        share(rows=[(HOSTILE, [1] * 7)], categories=[HOSTILE] * 7, x_title=HOSTILE),
    ]
    for markup in drawn:
        assert "<script" not in markup
        root = parse(markup)
        assert not [element for element in root.iter() if "script" in element.tag]
        assert HOSTILE in root.find(f"{SVG}title").text or HOSTILE in root.find(f"{SVG}desc").text
        assert any(HOSTILE in text for text in texts(root))


def test_a_chart_id_must_be_safe_in_an_attribute():
    for bad in ('x" onload="alert(1)', "Upper", "", "1st"):
        with pytest.raises(ValueError):
            bar(chart_id=bad)


def test_values_must_match_the_labels_and_the_styles():
    with pytest.raises(ValueError):
        bar(bars=[Series("Entered", [1, 2])])
    with pytest.raises(ValueError):
        share(rows=[("Engineering", [1, 2])])
    with pytest.raises(ValueError):  # two styles to tell series apart; a third would clash
        bar(bars=[Series(name, [1] * 12) for name in ("A", "B", "C")])
    with pytest.raises(ValueError):
        line(lines=[])
    with pytest.raises(ValueError):  # seven styles: five labels, split and too few
        share(rows=[("Engineering", [1] * 8)], categories=[*OUTCOMES, "Eighth"])


def test_empty_data_draws_a_chart_that_says_so():
    for markup in (
        bar(labels=[], bars=[Series("Entered", [])], line=None),
        line(labels=[], lines=[Series("Median", [])]),
        share(rows=[]),
    ):
        root = parse(markup)
        assert "No data" in texts(root)


def test_all_zero_and_all_missing_series_divide_by_nothing():
    root = parse(bar(bars=[Series("Entered", [0] * 12), Series("Decided", [0] * 12)], line=None))
    assert drawn_bars(root) == []
    assert "Entered: none." in root.find(f"{SVG}desc").text
    assert "4" in texts(root)  # a 0-to-4 axis rather than a collapsed one
    root = parse(line(lines=[Series("Median", [None] * 12)]))
    assert root.find(f".//{SVG}polyline") is None
    assert "Median: no values." in root.find(f"{SVG}desc").text
    root = parse(share(rows=[("Design", [0] * 7)]))
    assert "None in these weeks" in texts(root)
    assert "Design (n = 0)" in texts(root)


def test_count_axes_tick_on_whole_numbers():
    root = parse(bar(bars=[Series("Entered", [0, 3] + [0] * 10)], line=None))
    ticks = [t for t in texts(root) if t.replace(".", "").isdigit()]
    assert ticks == ["0", "1", "2", "3"]
    root = parse(bar(bars=[Series("Verdicts", [25_000] + [0] * 11)], line=None))
    assert "30k" in texts(root)


def test_bars_are_as_tall_as_their_values():
    root = parse(bar(bars=[Series("Entered", [5, 10] + [0] * 10)], line=None))
    heights = sorted(float(r.get("height")) for r in drawn_bars(root))
    assert heights[1] == pytest.approx(2 * heights[0])


def test_a_missing_value_breaks_the_line():
    root = parse(line())
    lines = root.findall(f".//{SVG}polyline")
    # Median: runs W41–W42, W44–W46, W49–W51; the 90th percentile: W41–W42, W44–W46, W50–W51
    # (its lone W48 gets a marker but no line).
    assert len(lines) == 6
    assert len(root.findall(f".//{SVG}circle")) == 8 + 1  # the median's points and its swatch


def test_each_share_bar_fills_the_width_and_has_a_pattern_per_category():
    root = parse(share(rows=[("Engineering", [1, 5, 2, 0, 1, 3, 2])]))
    segments = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(segments) == 6  # the empty category draws nothing
    assert math.isclose(sum(float(r.get("width")) for r in segments), 320 - 8 - 4, abs_tol=0.05)
    assert segments[1].find(f"{SVG}title").text == "Engineering, Not wrong: 5 of 14 (36%)"
    fills = {r.get("fill") for r in segments}
    assert len(fills) == 6 and sum(f.startswith("url(#chart-c-pattern-") for f in fills) == 5
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {f"chart-c-pattern-{k}" for k in range(1, 7)}  # one per patterned style
    assert [t for t in texts(root) if t in OUTCOMES] == OUTCOMES  # a legend in words
    assert "Engineering: 14, most often Not wrong (36%)." in root.find(f"{SVG}desc").text


def test_a_share_chart_can_choose_its_styles_and_what_an_empty_row_says():
    chosen = [charts.SHARE_STYLES[3], charts.SHARE_STYLES[0], charts.SHARE_STYLES[5]]
    root = parse(
        share(
            rows=[("Decided", [2, 1, 1]), ("Split", [0, 0, 0])],
            categories=["Helped", "Partly", "No answer"],
            styles=chosen,
            empty="None asked yet",
        )
    )
    segments = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [r.get("fill") for r in segments] == [
        "url(#chart-c-pattern-0)",
        "#a4161a",  # solid: no pattern
        "url(#chart-c-pattern-2)",
    ]
    patterns = {p.get("id"): p for p in root.iter(f"{SVG}pattern")}
    assert set(patterns) == {"chart-c-pattern-0", "chart-c-pattern-2"}
    assert "None asked yet" in texts(root) and "None in these weeks" not in texts(root)
    with pytest.raises(ValueError, match="one style per category"):
        share(rows=[("Decided", [1, 1])], categories=["A", "B"], styles=chosen)
    with pytest.raises(ValueError, match="no two alike"):
        share(rows=[("Decided", [1, 1])], categories=["A", "B"], styles=[chosen[0]] * 2)
