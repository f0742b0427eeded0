from html.parser import HTMLParser

import pytest

from caseboard.rendering import render_markdown


def test_markdown_becomes_html():
    assert (
        render_markdown("*calm* and **clear**")
        == "<p><em>calm</em> and <strong>clear</strong></p>\n"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        '<a href="http://x" onclick="alert(1)">x</a>',
        "<iframe src=http://x></iframe>",
    ],
)
def test_no_raw_html_from_members_survives(hostile):
    markup = _Markup()
    markup.feed(render_markdown(hostile))
    assert markup.tags <= {"p", "a"}
    for name, value in markup.attributes:
        assert not name.startswith("on")
        assert not (name == "href" and value.startswith("javascript"))


class _Markup(HTMLParser):
    """Collects the tags and attributes that would reach a browser as markup."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


def test_links_are_marked_as_user_content():
    html = render_markdown("[a link](https://example.org)")
    assert 'rel="nofollow ugc noopener noreferrer"' in html


def test_member_headings_sit_below_the_page_headings():
    assert render_markdown("# Big") == "<h3>Big</h3>\n"
