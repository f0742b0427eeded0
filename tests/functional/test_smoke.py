from tests.conftest import CASE_FIELDS, REASONING


def test_core_loop_over_http(client, auth):
    author = auth.register()
    response = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    assert response.status_code == 302, response.text
    case_url = response.headers["Location"]
    auth.logout()
    auth.register()
    response = client.post(case_url + "/verdicts", data={"label": "NTA", "reasoning": REASONING})
    assert response.status_code == 302, response.text
    page = client.get(case_url)
    assert page.status_code == 200
    assert REASONING[:40] in page.text
    assert author not in page.text
