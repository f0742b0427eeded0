import dataclasses

import pytest

from caseboard.moderation.pii import PLACEHOLDERS, Finding, find_pii, redact


def found(text):
    return [(f.kind, f.text) for f in find_pii(text)]


def only(text, kind):
    findings = [f for f in find_pii(text) if f.kind == kind]
    assert len(findings) == 1, findings
    return findings[0]


def test_finds_an_email_with_its_offsets():
    text = "Write to sarah.whitfield@initech.com today."
    finding = only(text, "email")
    assert (finding.start, finding.end) == (9, 36)
    assert finding.text == text[9:36] == "sarah.whitfield@initech.com"


@pytest.mark.parametrize(
    "number",
    [
        "+44 20 7946 0958",
        "+91 98765 43210",
        "(415) 555-0132",
        "020 7946 0958",
        "+33 6 12 34 56 78",
        "0491 570 156",
        "1-800-555-0199",
    ],
)
def test_finds_national_and_international_phone_numbers(number):
    text = f"Call me on {number}, please."
    finding = only(text, "phone")
    assert finding.text == number
    assert finding.start == len("Call me on ")


@pytest.mark.parametrize(
    "link",
    [
        "https://wiki.example.com/postmortems/2024-03",
        "www.example.com",
        "example.com/path",
        "bit.ly/abc",
    ],
)
def test_finds_links_with_or_without_a_scheme(link):
    text = f"It is at {link}."
    finding = only(text, "url")
    assert (finding.start, finding.text) == (9, link)


def test_finds_handles_with_and_without_a_server():
    assert found("Ask @jake_builds or @kelsey@fosstodon.org.") == [
        ("handle", "@jake_builds"),
        ("handle", "@kelsey@fosstodon.org"),
    ]


def test_a_handle_is_not_read_inside_an_email_or_a_link():
    text = "Mail jo@example.com or see https://medium.com/@lena/post"
    assert found(text) == [("email", "jo@example.com"), ("url", "https://medium.com/@lena/post")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My manager Sarah keeps taking credit.", "Sarah"),
        ("Yesterday Tom Nguyen moved my launch.", "Tom Nguyen"),
        ("Dr. Rajesh Kumar reviewed my design.", "Rajesh Kumar"),
        ("I asked Ms. Okafor from HR.", "Okafor"),
        ("Priya said the build was red.", "Priya"),
        ("Sarah's team got the budget.", "Sarah"),
        ("A colleague named Bartholomew complained.", "Bartholomew"),
    ],
)
def test_finds_personal_names(text, name):
    finding = only(text, "person")
    assert finding.text == name
    assert text[finding.start : finding.end] == name


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("I was a contractor at Initech LLC.", "Initech LLC"),
        ("Layoffs at Globex Corporation hit us.", "Globex Corporation"),
        ("Acme Corp rejected my offer.", "Acme Corp"),
        ("We work for Hooli now.", "Hooli"),
        ("Our client Contoso is unhappy.", "Contoso"),
    ],
)
def test_finds_employers_and_clients(text, company):
    finding = only(text, "organization")
    assert finding.text == company
    assert text[finding.start : finding.end] == company


def test_later_mentions_of_a_found_employer_are_found_too():
    text = "Our client, Globex, wants more. Now Globex is upset."
    assert found(text) == [("organization", "Globex"), ("organization", "Globex")]


@pytest.mark.parametrize(
    "text",
    [
        "I was promoted to Senior Engineer, then Staff Engineer.",
        "Our Engineering Manager and the VP of Product disagreed with the CTO.",
        "The Platform team and the Payments squad share on-call.",
        "We meet on Monday and ship in March.",
        "My PM, my EM and HR discussed the OKR, QA and my PIP in a 1:1 with the CEO.",
        "We use Slack, Jira, GitHub, Figma, Zoom, Notion and Confluence.",
        "Specs live in Google Docs and Excel; we run Python and React on AWS with Kubernetes.",
        "Honestly, nobody read it. I think I was right.",
        "Use a tool, e.g. Node.js or ASP.NET, i.e. anything.",
        "Open report.pdf and README.md, then upgrade to v2.3 or 1.18.4.",
        "It broke on 2024-03-15, again on 03/15/2024 and on 15.03.2024.",
        "The budget is $120,000, or €85,000, up 15% (3.5 %) on 1,250,000 USD.",
        "See JIRA-1234, PLAT-4821, INC-20231104 and PR #5170.",
        "Build 20240315.7 listens on port 8443; the meeting ID is 845 2213 9087.",
        "Will it work? Mark my words. May was busy. Grace periods end in June.",
        "The Sydney office moved from London to Berlin before Black Friday.",
        "Ping @here in the channel at 10:30.",
        "I'll say it: I'd rather I've not.",
    ],
)
def test_false_positive_traps_are_not_flagged(text):
    assert find_pii(text) == []


def test_findings_are_sorted_and_do_not_overlap():
    text = "Mail alex.morgan@contoso.com, call +44 20 7946 0958, ask Alex Morgan at Contoso."
    findings = find_pii(text)
    assert findings == sorted(findings, key=lambda f: f.start)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_findings_are_frozen():
    finding = find_pii("My manager Sarah said no.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0


def test_empty_text_has_no_findings():
    assert find_pii("") == []


def test_every_kind_has_a_placeholder():
    assert PLACEHOLDERS == {
        "person": "[name]",
        "organization": "[company]",
        "email": "[email]",
        "phone": "[phone]",
        "url": "[link]",
        "handle": "[handle]",
    }


def test_redact_replaces_spans_and_keeps_the_rest():
    text = "My manager Sarah emailed me from sarah@initech.com about Initech LLC."
    expected = "My manager [name] emailed me from [email] about [company]."
    assert redact(text, find_pii(text)) == expected


def test_redacted_text_has_nothing_left_to_find():
    text = "Call Tom Nguyen on (415) 555-0132 or see bit.ly/abc and @tom_n."
    assert find_pii(redact(text, find_pii(text))) == []


def test_redact_skips_stale_findings():
    text = "My manager Sarah said no."
    stale = Finding("person", 11, 16, "Priya")
    outside = Finding("person", 40, 45, "Sarah")
    assert redact(text, [stale, outside]) == text


def test_redact_keeps_the_outer_earlier_of_overlapping_findings():
    text = "Ask Tom Nguyen."
    outer = Finding("person", 4, 14, "Tom Nguyen")
    inner = Finding("person", 8, 14, "Nguyen")
    assert redact(text, [inner, outer]) == "Ask [name]."


def test_evaluation_targets_hold():
    from benchmarks.pii_eval import evaluate

    result = evaluate()
    assert result["snippets"] >= 60
    assert result["clean"]["words"] >= 3000
    assert result["passed"], result["checks"]
