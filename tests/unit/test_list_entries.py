"""A list entry's words: the plain-text excerpt of a case."""

import time

from caseboard.cases.list_entries import EXCERPT_LENGTH, excerpt

SENTENCE = "A teammate asked me to take their on-call week at short notice and I said no. "


def test_a_short_text_comes_back_whole_without_its_markdown():
    markdown = (
        "**Bold**, _leaning_ and `code` with [a link](https://example.org) and ![a chart](c.png)"
    )
    assert excerpt(markdown) == "Bold, leaning and code with a link and a chart"


def test_blocks_and_line_breaks_become_single_spaces():
    markdown = "# The rota\n\nFirst line\nsecond line\n\n- one\n- two\n\n> quoted\n\n    code\n"
    assert excerpt(markdown) == "The rota First line second line one two quoted code"


def test_raw_html_and_entities_are_plain_text_not_markup():
    assert excerpt("<b>Fish</b> &amp; chips") == "<b>Fish</b> & chips"


def test_a_long_text_is_cut_at_a_word_boundary_with_an_ellipsis():
    text = SENTENCE * 10
    cut = excerpt(text)
    assert cut.endswith("…") and len(cut) <= EXCERPT_LENGTH + 1
    kept = cut[:-1]
    assert text.startswith(kept) and text[len(kept)] == " "  # a whole word ends there
    assert len(kept) > EXCERPT_LENGTH - 20


def test_the_cut_drops_trailing_punctuation_before_the_ellipsis():
    words = "word " * 34 + "end, more words follow here and there"  # a comma at the cut
    assert excerpt(words, length=len("word " * 34 + "end,")) == "word " * 34 + "end…"


def test_one_endless_word_is_cut_inside_it():
    assert excerpt("x" * 500) == "x" * EXCERPT_LENGTH + "…"


def test_a_huge_text_costs_no_more_than_its_opening():
    marked = "A teammate **asked** me to cover their _on-call_ week at `short` notice. "
    huge = "**Opening** words here.\n\n" + (marked * 12 + "\n\n") * 400  # 370,000 chars
    started = time.perf_counter()  # parsing all of it takes over half a second
    cut = excerpt(huge)
    assert time.perf_counter() - started < 0.05
    assert cut.startswith("Opening words here. A teammate asked me") and cut.endswith("…")
