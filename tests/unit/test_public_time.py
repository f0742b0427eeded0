from datetime import UTC, datetime, timedelta

import pytest

from caseboard.public_time import day_words, on_day, time_left

NOW = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime(2026, 12, 5, 0, 1, tzinfo=UTC), "today"),
        (datetime(2026, 12, 4, 23, 41, tzinfo=UTC), "yesterday"),
        (datetime(2026, 12, 2, 8, 0, tzinfo=UTC), "3 days ago"),
        (datetime(2026, 11, 29, 8, 0, tzinfo=UTC), "6 days ago"),
        (datetime(2026, 11, 28, 8, 0, tzinfo=UTC), "28 Nov 2026"),
    ],
)
def test_a_day_is_said_relative_within_a_week_then_as_its_date(moment, words):
    assert day_words(moment, NOW) == words


def test_a_naive_stored_time_is_read_as_utc():
    assert day_words(datetime(2026, 12, 4, 23, 41), NOW) == "yesterday"


def test_the_time_element_carries_the_day_and_never_the_minute():
    html = str(on_day(datetime(2026, 12, 4, 23, 41, 7, 123456, tzinfo=UTC), NOW))
    assert html == '<time datetime="2026-12-04">yesterday</time>'


def test_no_time_gives_no_element():
    assert on_day(None, NOW) == ""


@pytest.mark.parametrize(
    ("left", "words"),
    [
        (timedelta(hours=72), "3 days left"),
        (timedelta(hours=71, minutes=59), "2 days left"),
        (timedelta(hours=48), "2 days left"),
        (timedelta(hours=47, minutes=59), "47 hours left"),
        (timedelta(hours=1), "1 hour left"),
        (timedelta(minutes=59), "less than an hour left"),
        (timedelta(seconds=-5), "less than an hour left"),
    ],
)
def test_a_window_closing_is_said_in_days_then_hours_left(left, words):
    assert time_left(NOW + left, NOW) == words
