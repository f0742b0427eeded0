"""local_path: a `next` address is followed only if a browser would stay on this site with it,
read as browsers and Werkzeug read an address (tabs and newlines dropped, backslashes as
slashes), and once more percent-decoded."""

import pytest

from caseboard.web import local_path

HOME = "/home"


@pytest.mark.parametrize(
    "target",
    ["/", "/cases/abc", "/cases/abc?page=2#verdict-x", "/search?q=a%5Cb", "/caf%C3%A9"],
)
def test_a_path_on_this_site_is_followed(target):
    assert local_path(target, HOME) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_another_site_or_no_path_means_the_default(target):
    assert local_path(target, HOME) == HOME


@pytest.mark.parametrize(
    "target",
    ["/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", " //evil.example/"],
)
def test_a_host_hidden_behind_a_tab_newline_or_space_means_the_default(target):
    assert local_path(target, HOME) == HOME


@pytest.mark.parametrize(
    "target", ["/%2F/evil.example/", "/%5Cevil.example/", "/%09/evil.example/", "/%0A/x"]
)
def test_a_host_hidden_behind_percent_encoding_means_the_default(target):
    assert local_path(target, HOME) == HOME


def test_a_followed_path_never_carries_a_tab_or_newline():
    assert local_path("/cases/\tabc\n", HOME) == "/cases/abc"
