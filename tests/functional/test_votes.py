from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import HelpfulVote, Reply, Verdict
from tests.conftest import REASONING

HTMX = {"HX-Request": "true"}


def _verdict(make_case, make_member, label="NTA", reasoning=REASONING):
    case = make_case()
    return case, services.give_verdict(case, make_member(), label, reasoning)


def test_htmx_vote_returns_only_the_updated_widget(client, auth, make_case, make_member):
    case, verdict = _verdict(make_case, make_member)
    auth.register()
    response = client.post(
        f"/verdicts/{verdict.public_id}/vote", data={"helpful": "yes"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div class="vote"')
    assert "<html" not in response.text
    assert 'aria-pressed="true">Helpful <span class="count">1</span>' in response.text
    assert response.headers["HX-Retarget"] == f"#verdict-{verdict.public_id}-vote"


def test_plain_form_vote_goes_back_to_the_case(client, auth, make_case, make_member):
    case, verdict = _verdict(make_case, make_member)
    auth.register()
    response = client.post(f"/verdicts/{verdict.public_id}/vote", data={"helpful": "yes"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.public_id}#verdict-{verdict.public_id}"
    page = client.get(f"/cases/{case.public_id}").text
    assert 'aria-pressed="true">Helpful <span class="count">1</span>' in page


def test_voting_again_takes_the_vote_back_and_the_other_way_switches(
    client, auth, make_case, make_member
):
    case, verdict = _verdict(make_case, make_member)
    auth.register()
    url = f"/verdicts/{verdict.public_id}/vote"
    client.post(url, data={"helpful": "yes"})
    client.post(url, data={"helpful": "no"})
    db.session.expire_all()
    assert (verdict.helpful_count, verdict.not_helpful_count) == (0, 1)
    client.post(url, data={"helpful": "no"})
    db.session.expire_all()
    assert (verdict.helpful_count, verdict.not_helpful_count) == (0, 0)
    assert db.session.scalar(select(HelpfulVote)) is None


def test_replies_can_be_voted_on_too(client, auth, make_case, make_member):
    case = make_case()
    reply = services.add_reply(case, make_member(), "A useful story.")
    auth.register()
    response = client.post(
        f"/replies/{reply.public_id}/vote", data={"helpful": "yes"}, headers=HTMX
    )
    assert 'Helpful <span class="count">1</span>' in response.text


def test_nobody_votes_on_their_own_words(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/replies", data={"body": "My own reply."})
    reply = db.session.scalar(select(Reply))
    response = client.post(
        f"/replies/{reply.public_id}/vote", data={"helpful": "yes"}, headers=HTMX
    )
    assert response.status_code == 403
    assert "what you wrote yourself" in response.text
    assert db.session.scalar(select(HelpfulVote)) is None


def test_a_vote_on_a_missing_target_is_a_404(client, auth):
    auth.register()
    assert client.post("/verdicts/999999/vote", data={"helpful": "yes"}).status_code == 404
    assert (
        client.post("/replies/999999/vote", data={"helpful": "yes"}, headers=HTMX).status_code
        == 404
    )


def test_a_malformed_vote_is_a_400(client, auth, make_case, make_member):
    case, verdict = _verdict(make_case, make_member)
    auth.register()
    assert (
        client.post(f"/verdicts/{verdict.public_id}/vote", data={"helpful": "maybe"}).status_code
        == 400
    )


def test_verdicts_are_ordered_by_the_wilson_lower_bound(app, client, make_case, make_member):
    case = make_case()
    few = services.give_verdict(case, make_member(), "NTA", REASONING + " (few votes)")
    many = services.give_verdict(case, make_member(), "YTA", REASONING + " (many votes)")
    services.vote_helpful(make_member(), few, True)  # 1 of 1 helpful
    for index in range(6):  # 5 of 6 helpful
        services.vote_helpful(make_member(), many, index != 0)
    page = client.get(f"/cases/{case.public_id}").text
    assert page.index("(many votes)") < page.index("(few votes)")
    db.session.expire_all()
    assert db.session.get(Verdict, many.id).best_score > db.session.get(Verdict, few.id).best_score


def test_a_busy_case_pages_its_verdicts(make_app, make_case, make_member):
    case = make_case()
    for index in range(3):
        services.give_verdict(case, make_member(), "NTA", f"{REASONING} Verdict number {index}.")
    client = make_app(VERDICTS_PER_PAGE=2).test_client()
    first = client.get(f"/cases/{case.public_id}")
    assert first.status_code == 200
    assert f'rel="next" href="/cases/{case.public_id}?page=2#verdicts-h"' in first.text
    second = client.get(f"/cases/{case.public_id}?page=2").text
    assert second.count('class="verdict"') == 1 and 'rel="prev"' in second


def test_the_migration_gives_every_existing_vote_its_case(app, make_case, make_member):
    case, other = make_case(), make_case()
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    reply = services.add_reply(other, make_member(), "A reply on the other case.")
    voter = make_member()
    services.vote_helpful(voter, verdict, True)
    services.vote_helpful(voter, reply, False)
    expected = [(verdict.id, case.id), (None, other.id)]
    db.session.remove()
    downgrade(revision="0008_votes_by_case-1")  # before votes named their case
    upgrade()
    votes = db.session.execute(select(HelpfulVote.verdict_id, HelpfulVote.case_id)).all()
    assert sorted(votes, key=lambda row: row.case_id) == expected
