from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Case, Verdict
from caseboard.models.base import utcnow
from tests.conftest import CASE_FIELDS, REASONING, shown


def _verdicts() -> int:
    return db.session.scalar(select(func.count()).select_from(Verdict))


def _tally(case_id):
    db.session.expire_all()
    return db.session.get(Case, case_id).tally


def test_a_verdict_is_shown_and_counted(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case.public_id}").text
    assert shown(REASONING) in page
    assert "1 verdict, most helpful first" in page
    assert _tally(case.id)["NTA"] == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"label": "NTA", "reasoning": "Too short to help."}, "Write at least 50 characters"),
        ({"label": "MAYBE", "reasoning": REASONING}, "Choose one of the five verdicts."),
        ({"reasoning": REASONING}, "Choose a verdict."),
    ],
)
def test_an_invalid_verdict_is_explained_and_kept(client, auth, make_case, data, message):
    case = make_case()
    auth.register()
    response = client.post(f"/cases/{case.public_id}/verdicts", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert shown(data["reasoning"]) in response.text
    assert _verdicts() == 0


def test_a_second_verdict_is_refused_and_kept(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    second = REASONING + " On reflection I want to say more."
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "YTA", "reasoning": second}
    )
    assert response.status_code == 409
    assert "already given a verdict" in response.text
    assert _verdicts() == 1 and _tally(case.id)["YTA"] == 0


def test_the_database_allows_one_verdict_per_member_per_case(app, make_case, make_member):
    case, judge = make_case(), make_member()
    for label in ("NTA", "YTA"):
        db.session.add(
            Verdict(
                case_id=case.id,
                member_id=judge.id,
                label=label,
                reasoning_md="r",
                reasoning_html="r",
            )
        )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_the_author_cannot_judge_their_own_case(client, auth):
    auth.register()
    url = client.post(
        "/cases/new",
        data={**CASE_FIELDS, "action": "post"},
    ).headers["Location"]
    response = client.post(url + "/verdicts", data={"label": "NTA", "reasoning": REASONING})
    assert response.status_code == 403
    assert "your own case" in response.text
    assert _verdicts() == 0


def test_changing_the_label_moves_the_tally(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    verdict = db.session.scalar(select(Verdict))
    response = client.post(
        f"/verdicts/{verdict.public_id}/edit",
        data={"label": "ESH", "reasoning": REASONING + " Edited."},
    )
    assert response.status_code == 302
    assert _tally(case.id) == {"YTA": 0, "NTA": 0, "ESH": 1, "NAH": 0, "INFO": 0}
    assert "(edited)" in client.get(f"/cases/{case.public_id}").text


def test_withdrawing_removes_the_verdict_but_keeps_the_replies_to_it(
    client, auth, make_case, make_member
):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "INFO", "reasoning": REASONING})
    verdict = db.session.scalar(select(Verdict))
    services.add_reply(case, make_member(), "Another member answers here.", verdict=verdict)
    assert client.post(f"/verdicts/{verdict.public_id}/withdraw").status_code == 302
    assert _verdicts() == 0
    db.session.expire_all()
    refreshed = db.session.get(Case, case.id)
    assert (refreshed.verdict_count, refreshed.info_count, refreshed.reply_count) == (0, 0, 1)
    discussion = client.get(f"/cases/{case.public_id}").text.split('id="discussion"')[1]
    assert "Another member answers here." in discussion


def test_withdrawing_twice_counts_once(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    verdict = db.session.scalar(select(Verdict))
    client.post(f"/verdicts/{verdict.public_id}/withdraw")
    assert client.post(f"/verdicts/{verdict.public_id}/withdraw").status_code == 404
    assert _tally(case.id)["NTA"] == 0


def test_members_cannot_change_someone_elses_verdict(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    verdict = db.session.scalar(select(Verdict))
    auth.logout()
    auth.register()
    assert client.get(f"/verdicts/{verdict.public_id}/edit").status_code == 403
    assert client.post(f"/verdicts/{verdict.public_id}/withdraw").status_code == 403
    assert _verdicts() == 1


def test_a_closed_case_takes_no_more_verdicts(client, auth, make_case):
    case = make_case()
    case.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    assert response.status_code == 409
    assert "closed" in response.text
    assert _verdicts() == 0


def test_a_verdict_on_a_missing_case_is_a_404(client, auth):
    auth.register()
    response = client.post("/cases/nope/verdicts", data={"label": "NTA", "reasoning": REASONING})
    assert response.status_code == 404
