"""The public "How it works" page: anonymity and what moderators can and cannot see, the
labels, blind mode, windows and outcomes, moderation and appeals, with this site's numbers."""

import re

from caseboard.identity import moderator_alias, pseudonym
from caseboard.taxonomy import LABELS
from tests.conftest import shown


def _page(client) -> str:
    response = client.get("/how-it-works")
    assert response.status_code == 200
    return " ".join(response.text.split())


def test_how_it_works_is_public_and_sets_no_cookie(client):
    response = client.get("/how-it-works")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    assert '<h1 id="how-h">How Caseboard works</h1>' in response.text


def test_it_explains_the_five_labels_in_their_own_words(client):
    page = _page(client)
    for code, (words, explanation) in LABELS.items():
        assert (
            f"<dt><strong>{code}</strong>: {shown(words)}</dt> <dd>{shown(explanation)}</dd>"
            in page
        )


def test_its_examples_of_aliases_look_like_the_real_ones(app, client):
    page = _page(client)
    member_alias = re.search(r"alias such as “([^”]+)”", page).group(1)
    moderator = re.search(r"moderator alias, such as “([^”]+)”", page).group(1)
    pattern = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+ [0-9]{2}")
    assert pattern.fullmatch(member_alias) and pattern.fullmatch(pseudonym(1, 2, 3))
    assert re.fullmatch(r"Moderator [A-Z][a-z]+ [A-Z][a-z]+", moderator)
    assert re.fullmatch(r"Moderator [A-Z][a-z]+ [A-Z][a-z]+", moderator_alias(1))


def test_it_says_what_moderators_can_and_cannot_see(client):
    page = _page(client)
    for words in (
        "no other member ever sees them",
        "On your own case you appear as “OP”",
        "A moderator never sees who wrote it (no username, no email",
        "or who reported it",
        "act on “the author of this item” without learning who that is",
        "Nobody moderates what they wrote themselves",
        "asks for their own password and a reason",
        "as “looked up the account behind” the item",
        '<a href="/moderation-log">moderation log</a>',
    ):
        assert words in page, words


def test_it_uses_the_configured_numbers(make_app):
    app = make_app(
        CASE_WINDOW_HOURS=48,
        MIN_VERDICTS_TO_CLOSE=4,
        CASE_EXTENSION_HOURS=24,
        YOUNG_CASE_HOURS=3,
        NEW_MEMBER_HELD_CASES=2,
        SPAM_MAX_LINKS=5,
        DUPLICATE_WINDOW_DAYS=14,
        REPORT_HIDE_THRESHOLD=4.0,
        TRUST_MIN_DAYS=5,
        TRUST_MIN_HELPFUL=3,
        TRUST_REPORT_DAYS=60,
    )
    page = _page(app.test_client())
    for words in (
        "open for verdicts for 48 hours",
        "fewer than 4 verdicts is extended, once, by 24 hours",
        "For the first 3 hours after a case appears",
        "at least 50 characters",  # cases.forms.REASONING_MIN
        "More than 5 links, or a case nearly the same as one already posted in the last 14 days",
        "A new member’s first 2 cases are read by a moderator",
        "Once 4 members have reported the same thing",
        "Until their account is 5 days old and 3 of their verdicts were marked helpful",
        "taken down after reports in the last 60 days",
        '<a href="/how-outcomes-work">How outcomes work</a>',
    ):
        assert words in page, words


def test_what_is_switched_off_is_not_described(make_app):
    app = make_app(
        MIN_VERDICTS_TO_CLOSE=0,
        YOUNG_CASE_HOURS=0,
        NEW_MEMBER_HELD_CASES=0,
        DUPLICATE_WINDOW_DAYS=0,
        TRUST_MIN_DAYS=0,
        TRUST_MIN_HELPFUL=0,
    )
    page = _page(app.test_client())
    for words in (
        "extended, once",
        "shuffled order",
        "first case",
        "nearly the same",
        "Until their account is",
    ):
        assert words not in page, words


def test_it_describes_blind_mode_moderation_and_appeals(client):
    page = _page(client)
    for words in (
        "stay hidden from everyone who could still judge it, until they have given their own",
        "Readers without an account see the labels once the case closes",
        "a slur is never published",
        "It is unkind or harassing".lower(),
        "Nobody sees who reported what, moderators included",
        "you can appeal the decision once",
        "A different moderator from the one who decided reads your appeal",
    ):
        assert words in page, words


def test_the_footer_links_to_how_it_works(client):
    assert '<a href="/how-it-works">How it works</a>' in client.get("/").text


def test_it_says_how_scripts_are_kept_out_and_what_happens_without_javascript(make_app):
    page = _page(
        make_app(
            FORM_GUARD_ENABLED=True, PROOF_OF_WORK_ENABLED=True, TRUST_MIN_DAYS=3
        ).test_client()
    )
    for words in (
        "Keeping scripts out",
        "sent faster than people type, is not refused but read by a moderator first",
        "for your account’s first 3 days, your browser also works out a small sum",
        "a post in those first days waits for a moderator",
        "Without it everything still works",
        "a count of the challenges handed to each network address, for up to an hour",
    ):
        assert words in page, words
    assert "None of this stores anything" not in page  # the challenge limit counts addresses
    assert "Keeping scripts out" not in _page(make_app().test_client())
