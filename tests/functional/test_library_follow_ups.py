"""What happened next beside the outcome: the library's "Has a follow-up" filter, teaching
example and edition pages, the Markdown and printable handouts, and their query counts."""

from datetime import timedelta

from caseboard import outcome_text
from caseboard.extensions import db
from caseboard.lifecycle import stored_outcome
from caseboard.models import Case, CaseUpdate, OutcomePrior
from caseboard.models.base import utcnow
from tests.conftest import shown
from tests.functional.curation_helpers import closed_case, moderator, published_edition
from tests.functional.test_curation_public import DECIDED_NTA, LAST_WEEK, _queries, case_author

try:
    from caseboard.follow_ups import answer_follow_up
except ImportError:  # the service is not there yet: do what it does
    answer_follow_up = None

HELPED = "I asked my manager to rotate on-call fairly; the team now shares it and nobody minds."
PARTLY = "We talked it through; the rota is better, though the escalation still stings a bit."


def follow_up(case: Case, body: str, advice_helped: str) -> CaseUpdate:
    """The author's answer to "how did it play out, and did the advice help?"."""
    if answer_follow_up is not None:
        return answer_follow_up(case, case_author(case), body, advice_helped)
    now = utcnow()
    update = CaseUpdate(
        case_id=case.id, body_md=body, body_html=f"<p>{body}</p>", advice_helped=advice_helped
    )
    update.created_at = now
    db.session.add(update)
    case.followed_up_at, case.advice_helped = now, advice_helped
    db.session.commit()
    return update


def _edition_with_and_without(make_case, make_member):
    """A published edition of two closed cases, the first with a follow-up."""
    answered = closed_case(make_case, make_member, labels=DECIDED_NTA, title="Answered story")
    silent = closed_case(make_case, make_member, labels=DECIDED_NTA, title="Silent story")
    follow_up(answered, HELPED, "helped")
    edition = published_edition(moderator(make_member), [answered, silent])
    return edition, answered, silent


def _headline(case: Case) -> str:
    return shown(outcome_text.headline(stored_outcome(case)))


# -- the library's filter --------------------------------------------------------------------


def test_the_library_can_show_only_cases_with_a_follow_up(client, make_case, make_member):
    _edition_with_and_without(make_case, make_member)
    everything = client.get("/library").text  # cached first: the filter must not reuse it
    assert "Answered story" in everything and "Silent story" in everything
    assert '<label for="library-followup">' in everything
    assert 'id="library-followup" type="checkbox" name="followup" value="1"' in everything
    assert 'value="1" checked' not in everything

    filtered = client.get("/library?followup=1").text
    assert "Answered story" in filtered and "Silent story" not in filtered
    assert 'value="1" checked' in filtered
    assert "Clear all filters" in filtered
    # Anything but "1" is no filter at all.
    assert "Silent story" in client.get("/library?followup=yes").text


def test_the_follow_up_filter_is_kept_across_pages_and_with_other_filters(
    make_app, make_case, make_member
):
    client = make_app(LIBRARY_PER_PAGE=1).test_client()
    cases = [closed_case(make_case, make_member, title=f"Story {n}") for n in range(3)]
    for case in cases[:2]:
        follow_up(case, HELPED, "helped")
    published_edition(moderator(make_member), cases)
    first = client.get("/library?followup=1&discipline=engineering").text
    assert 'rel="next"' in first
    next_link = first.split('rel="next" href="')[1].split('"')[0]
    assert "followup=1" in next_link and "discipline=engineering" in next_link
    second = client.get(next_link.replace("&amp;", "&")).text
    assert "Story 2" not in first + second  # the case without a follow-up
    assert 'rel="next"' not in second
    assert (
        "No teaching examples match these filters"
        in client.get("/library?followup=1&discipline=design").text
    )


# -- pages -----------------------------------------------------------------------------------


def test_the_library_card_shows_the_follow_up_beside_the_outcome(client, make_case, make_member):
    _, answered, _ = _edition_with_and_without(make_case, make_member)
    page = client.get("/library").text
    card = page[page.index("Answered story") : page.index("Silent story")]
    assert _headline(answered) in card
    assert "What happened next" in card
    assert "<strong>The advice:</strong> It helped" in card and shown(HELPED) in card
    assert page.count("What happened next") == 1  # nothing for the case without one


def test_the_example_page_shows_the_outcome_and_what_happened_next(client, make_case, make_member):
    _, answered, silent = _edition_with_and_without(make_case, make_member)
    follow_up(answered, PARTLY, "partly")  # the latest answer is the one beside the outcome
    page = client.get(f"/library/{answered.public_id}").text
    assert _headline(answered) in page
    outcome_at, next_at = page.index('id="outcome-h"'), page.index("What happened next")
    assert outcome_at < next_at
    assert "<strong>The advice:</strong> It partly helped" in page[next_at:]
    assert shown(PARTLY) in page[next_at:]
    assert page.count(shown(PARTLY)) == 1  # not repeated among the updates
    # The earlier answer stays among the updates, with its own answer.
    assert "<strong>The advice:</strong> It helped" in page and shown(HELPED) in page

    other = client.get(f"/library/{silent.public_id}").text
    assert "What happened next" in other and "No follow-up yet" in other
    assert "The advice:" not in other


def test_the_edition_page_shows_each_follow_up(client, make_case, make_member):
    edition, answered, _ = _edition_with_and_without(make_case, make_member)
    page = client.get(f"/highlights/{edition.key}").text
    assert _headline(answered) in page
    assert page.count("What happened next") == 1
    assert "<strong>The advice:</strong> It helped" in page and shown(HELPED) in page
    assert page.index("Answered story") < page.index("The advice:") < page.index("Silent story")


# -- handouts --------------------------------------------------------------------------------


def test_the_markdown_exports_say_what_happened_next_after_the_outcome(
    client, make_case, make_member
):
    edition, answered, silent = _edition_with_and_without(make_case, make_member)
    headline = outcome_text.headline(stored_outcome(answered))

    text = client.get(f"/library/{answered.public_id}.md").text
    assert f"**Outcome:** {headline}" in text
    section = text.index("## What happened next")
    assert text.index("**Outcome:**") < section < text.index("## Takeaway")
    assert "The advice: It helped" in text[section:] and HELPED in text[section:]
    assert text.count(HELPED) == 1
    assert "What happened next" not in client.get(f"/library/{silent.public_id}.md").text

    text = client.get(f"/highlights/{edition.key}.md").text
    assert text.count("### What happened next") == 1
    section = text.index("### What happened next")
    assert text.index("Answered story") < section < text.index("Silent story")
    assert "The advice: It helped" in text[section:] and HELPED in text[section:]


def test_the_printable_handouts_say_what_happened_next(client, make_case, make_member):
    edition, answered, silent = _edition_with_and_without(make_case, make_member)
    page = client.get(f"/library/{answered.public_id}/print").text
    assert _headline(answered) in page
    assert "What happened next" in page
    assert "<strong>The advice:</strong> It helped" in page and page.count(shown(HELPED)) == 1
    assert "What happened next" not in client.get(f"/library/{silent.public_id}/print").text

    page = client.get(f"/highlights/{edition.key}/print").text
    assert page.count("What happened next") == 1
    assert "<strong>The advice:</strong> It helped" in page and shown(HELPED) in page


# -- query counts ----------------------------------------------------------------------------


def _with_own_prior(case: Case) -> None:
    """Give the case an outcome prior of its own, as a case closed after a refit has."""
    prior = OutcomePrior(
        fitted_at=utcnow(), case_count=40, yta=0.6, nta=1.2, esh=0.4, nah=0.5, info=0.3
    )
    db.session.add(prior)
    db.session.flush()
    case.outcome_prior_id = prior.id
    db.session.commit()


def test_follow_ups_and_priors_keep_the_query_count_fixed(make_app, make_case, make_member):
    client = make_app(FRAGMENT_CACHE_SECONDS=0).test_client()
    mod = moderator(make_member)

    def featured(count: int, when):
        cases = [closed_case(make_case, make_member, labels=DECIDED_NTA) for _ in range(count)]
        for case in cases:
            _with_own_prior(case)
            follow_up(case, HELPED, "helped")
            follow_up(case, PARTLY, "partly")
        return published_edition(mod, cases, when=when), cases

    def paths(edition, case):
        return (
            "/library",
            "/library?followup=1",
            f"/highlights/{edition.key}",
            f"/library/{case.public_id}",
            f"/library/{case.public_id}.md",
            f"/highlights/{edition.key}.md",
            f"/library/{case.public_id}/print",
            f"/highlights/{edition.key}/print",
        )

    small, (small_case,) = featured(1, LAST_WEEK - timedelta(weeks=1))
    before = [_queries(client, path) for path in paths(small, small_case)]
    big, big_cases = featured(6, LAST_WEEK)
    after = [_queries(client, path) for path in paths(big, big_cases[0])]
    assert after == before, list(zip(paths(big, big_cases[0]), before, after, strict=True))
    assert max(after) <= 10
    # The big edition's cases did show their follow-ups.
    assert client.get(f"/highlights/{big.key}").text.count("It partly helped") == 6
