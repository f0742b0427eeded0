"""Find details that could identify someone in a case: contact details, names and employers.

`find_pii(text)` returns `Finding`s for six kinds: `email`, `phone`, `url`, `handle`, `person`
and `organization`. It is rule-based on purpose (no model download, no ML) and fast enough to
run on every submission: regexes are compiled at import, phone numbers are only handed to
`phonenumbers` for the few digit runs that look like one (about 0.1 ms for a short case,
under 1 ms for 2,000 characters of ordinary text).

How each kind is found:

- email: a conventional `local@domain.tld` pattern, or one spelled out as
  `name [at] domain [dot] com`.
- url: anything with a scheme (`https://…`), anything starting with `www.`, and bare
  `host.tld` or `host.tld/path` where the top-level domain is a known one and lowercase (so
  "ASP.NET", "Node.js", "report.pdf", "v2.3" and "e.g." are not links). A bare host whose TLD
  is also an English word or a file extension ("README.md", "done.so") needs a path.
- handle: `@name`, `@name@server.social` and `@name.bsky.social`, not inside an email or a
  link, and not Slack's `@here`/`@channel`/`@everyone` or a time such as `@10`.
- phone: digit runs with 7 to 15 digits are checked with `phonenumbers.PhoneNumberMatcher`
  (leniency VALID) for the regions in `PHONE_REGIONS`; international `+` forms that are only
  *possible* (e.g. a fictional range) count too. Runs that read as dates, money, percentages,
  ticket ids ("JIRA-1234") or versions are skipped.
- person: a title ("Dr.", "Ms.") before capitalized words; a role cue before a capitalized word
  ("my manager Sarah", "our director, Samantha Reyes", "a colleague named Aisha"); a speech
  verb after one ("Lars replied"); a first name from `FIRST_NAMES` anywhere, alone, possessive
  ("Sarah's") or with a capitalized surname ("Tom Nguyen"). First names that are also ordinary
  words, months or places (`AMBIGUOUS_FIRST_NAMES`: Will, May, Grace, Sydney…) need a cue.
- organization: capitalized words ending in a company suffix ("Initech LLC", "Globex
  Corporation", "Acme Corp", "Gringotts Bank"), or capitalized words after an employer cue
  ("at X", "work for X", "our client X", "joined X", "left X", "a recruiter from X", "my old
  company, X", "a startup called X").

Capitalized words that are job titles, team words, weekdays, months, tools and products,
places or ordinary sentence-initial words are never a name or an employer on their own
(`STOP_WORDS`); all-caps acronyms (PM, OKR, CEO, PIP) and "I" are never considered. Once a name
or employer has been found, its other mentions in the same text are found too ("Globex ...
Globex is upset").

Overlaps: when two findings overlap, the kind earlier in `KIND_PRIORITY` wins (email > url >
handle > phone > organization > person); between findings of the same kind the longer span
wins, then the earlier one. Findings are returned sorted by start and never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

KIND_PRIORITY = ("email", "url", "handle", "phone", "organization", "person")

PLACEHOLDERS: dict[str, str] = {
    "person": "[name]",
    "organization": "[company]",
    "email": "[email]",
    "phone": "[phone]",
    "url": "[link]",
    "handle": "[handle]",
}

PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN", "AU", "CA")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected span: `text == source[start:end]`, end exclusive."""

    kind: str
    start: int
    end: int
    text: str


def find_pii(text: str) -> list[Finding]:
    """Everything in `text` that may identify someone, sorted by start, non-overlapping."""
    if not text:
        return []
    candidates: list[Finding] = []
    candidates += _emails(text)
    candidates += _urls(text)
    candidates += _handles(text)
    candidates += _phones(text)
    candidates += _names_and_employers(text)
    return _resolve(candidates)


def redact(text: str, findings: Iterable[Finding]) -> str:
    """Replace each finding's span with its placeholder.

    Findings whose span no longer holds their text (the text was edited since) are skipped;
    of overlapping findings the outer, earlier one is kept. Replacements are applied from the
    end so the remaining offsets stay valid.
    """
    usable = sorted(
        (
            f
            for f in findings
            if 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.text
        ),
        key=lambda f: (f.start, -f.end),
    )
    kept: list[Finding] = []
    for finding in usable:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    for finding in reversed(kept):
        placeholder = PLACEHOLDERS.get(finding.kind, "[removed]")
        text = text[: finding.start] + placeholder + text[finding.end :]
    return text


def _resolve(candidates: list[Finding]) -> list[Finding]:
    rank = {kind: index for index, kind in enumerate(KIND_PRIORITY)}
    ordered = sorted(candidates, key=lambda f: (rank[f.kind], f.start - f.end, f.start))
    taken: list[Finding] = []
    for finding in ordered:
        if all(finding.end <= other.start or other.end <= finding.start for other in taken):
            taken.append(finding)
    return sorted(taken, key=lambda f: f.start)


# --- emails, links and handles ---------------------------------------------------------------

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(
    rf"(?<![\w.+@%-])[A-Za-z0-9][A-Za-z0-9._%+-]{{0,63}}@(?:{_LABEL}\.)+[A-Za-z]{{2,24}}(?![\w-])"
)
# "jordan [at] example [dot] com", "jo (at) example.com"
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}\s*[\[(]\s*at\s*[\])]\s*"
    r"[A-Za-z0-9-]+(?:(?:\s*[\[(]\s*dot\s*[\])]\s*|\.)[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)

# Top-level domains accepted for bare hosts ("example.com/path"); schemes and "www." need none.
_TLDS = _words(
    """
    com net org edu gov mil int info biz io co ai app dev me ly gg so tv fm to sh cc xyz
    online site tech store blog cloud design page link live news team tools works agency
    studio digital email social art space world life pro shop club ninja codes zone network
    systems solutions services company inc ltd llc group media games game wiki website host
    exchange community dev page run build software energy health bank finance capital fund
    ventures partners consulting careers jobs work
    uk de fr in au ca jp cn nl se no dk fi es it pl ch at be ie nz za br mx ar ru kr sg hk tw
    il ae us eu pt gr cz sk hu ro bg tr ua ng ke gh eg ma id my ph th vn pk lk bd np cl pe uy
    is ee lv lt si hr rs lu li mt cy
    """
)
# TLDs that are also English words or common file extensions: a bare host needs a path.
_WEAK_TLDS = _words(
    "it me to so in no is at be us my id sh md py rs pl tf cc pm ml ps ai am as by do go"
)
_NOT_HOSTS = frozenset({"socket.io", "asp.net", "ado.net", "vb.net", "dot.net", "e.co"})

_URL_WITH_SCHEME = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`]+", re.IGNORECASE)
_URL_WWW = re.compile(r"(?<![\w.@/-])www\d?\.[^\s<>\"'`]+", re.IGNORECASE)
_URL_BARE = re.compile(
    rf"(?<![\w.@/:+%-])(?:{_LABEL}\.)+(?P<tld>[a-z]{{2,24}})(?::\d{{2,5}})?"
    r"(?P<path>/[^\s<>\"'`]*)?(?![\w@-])"
)
_TRAILING = ".,;:!?'\"’”*"

_HANDLE = re.compile(
    r"(?<![\w@/.:+%-])@(?P<name>[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)"
    rf"(?:@(?:{_LABEL}\.)+[A-Za-z]{{2,24}})?(?![\w@-])"
)
_NOT_HANDLES = _words(
    "here channel everyone all team param return returns override dataclass property "
    "staticmethod classmethod media import keyframes"
)


def _emails(text: str) -> list[Finding]:
    return [
        Finding("email", m.start(), m.end(), m.group())
        for pattern in (_EMAIL, _EMAIL_SPELLED)
        for m in pattern.finditer(text)
    ]


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start:
        last = text[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in ")]}":
            opener = {")": "(", "]": "[", "}": "{"}[last]
            if text.count(opener, start, end) >= text.count(last, start, end):
                break
            end -= 1
        else:
            break
    return end


def _urls(text: str) -> list[Finding]:
    found = []
    for pattern in (_URL_WITH_SCHEME, _URL_WWW):
        for m in pattern.finditer(text):
            end = _trim_url(text, m.start(), m.end())
            if end - m.start() > 7:
                found.append(Finding("url", m.start(), end, text[m.start() : end]))
    for m in _URL_BARE.finditer(text):
        tld, path = m.group("tld"), m.group("path")
        host = text[m.start() : m.start("tld") + len(tld)]
        if tld not in _TLDS or host.lower() in _NOT_HOSTS:
            continue
        if not path and (tld in _WEAK_TLDS and host.count(".") == 1):
            continue
        end = _trim_url(text, m.start(), m.end())
        found.append(Finding("url", m.start(), end, text[m.start() : end]))
    return found


def _handles(text: str) -> list[Finding]:
    found = []
    for m in _HANDLE.finditer(text):
        name = m.group("name")
        if name.lower() in _NOT_HANDLES or name.replace(".", "").replace(":", "").isdigit():
            continue
        found.append(Finding("handle", m.start(), m.end(), m.group()))
    return found


# --- phone numbers ---------------------------------------------------------------------------

_PHONE_RUN = re.compile(r"(?<![\w.,/#-])(?:\+\s?)?\(?\d[\d \t().\-/]{5,24}\d(?!\d|[.,]\d)")
_DIGIT_GROUP = re.compile(r"\d+")
_DATE_LIKE = re.compile(
    r"\d{4}\s*[-–/.]\s*\d{1,4}(?:\s*[-–/.]\s*\d{1,4})?"
    r"|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|(?:19|20)\d{6}"
)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|INR|CAD|AUD))\s*$")
_AFTER_NUMBER = re.compile(
    r"^\s*(?:%|(?:percent|per\s?cent|USD|EUR|GBP|dollars|euros|pounds|[kKmM]|million|billion"
    r"|ms|MB|GB|TB|px|rpm|rps|qps|users|requests|words|lines|rows|hours|days|weeks|years)\b)"
)
_ID_BEFORE = re.compile(
    r"(?:\b[A-Za-z]+-|#|\b(?:v|version|build|release|ticket|issue|pr|order|invoice|id|ref|no)"
    r"\.?\s*)$",
    re.IGNORECASE,
)


def _phones(text: str) -> list[Finding]:
    found = []
    for m in _PHONE_RUN.finditer(text):
        run = m.group()
        digits = sum(c.isdigit() for c in run)
        groups = _DIGIT_GROUP.findall(run)
        if not 7 <= digits <= 15 or len(groups) > 7 or sum(len(g) == 1 for g in groups) > 2:
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 12]
        if _MONEY_BEFORE.search(before) or _ID_BEFORE.search(before):
            continue
        if _AFTER_NUMBER.match(after) or _DATE_LIKE.fullmatch(run.strip("() ")):
            continue
        match = _match_phone(run)
        if match is not None:
            start, end = m.start() + match[0], m.start() + match[1]
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1
            found.append(Finding("phone", start, end, text[start:end]))
    return found


def _match_phone(run: str) -> tuple[int, int] | None:
    regions = (None,) if run.startswith("+") else PHONE_REGIONS
    for region in regions:
        for match in PhoneNumberMatcher(run, region or "US", leniency=Leniency.VALID):
            return match.start, match.end
    if run.startswith("+"):
        # "+44 7700 900456": a number in international form is identifying even when its
        # range is not allocated (yet), so a merely possible number counts.
        try:
            number = phonenumbers.parse(run, None)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_possible_number(number):
            return 0, len(run.rstrip(" \t-./("))
    return None


# --- names and employers ---------------------------------------------------------------------

# Written for this module: common given names across many cultures and languages.
FIRST_NAMES = _words(
    """
    Aaron Abby Abdul Abena Abigail Adam Adaeze Adebayo Adele Adeola Aditya Adrian Adriana
    Agnieszka Ahmad Ahmed Aidan Aiko Aino Aisha Akira Alan Albert Alberto Alejandro Aleksandra
    Alex Alexa Alexander Alexandra Alexei Alexis Alfie Ali Alice Alicia Alina Alison Allison
    Alyssa Amanda Amara Amelia Amélie Amir Amit Amy Ana Anders Andre André Andrea Andreas
    Andrei Andrés Andrew Andy Aneesh Angela Angelica Anil Anita Anjali Ann Anna Anne Annie Anthony
    Antonio Anya Aoife Arash Aria Ariana Arjun Arnav Arthur Arun Asha Ashley Ashok Astrid Aubrey
    Audrey Ava Ayaan Ayesha Ayodele Ayşe Barbara Beatriz Becky Ben Benjamin Beth Bethany Bilal
    Björn Bjorn Blake Bola Brandon Brenda Brian Bridget Brittany Bruno Bryan Caleb Cameron Camila
    Camille Carla Carlos Carmen Caroline Carolyn Cassie Catherine Cathy Chandra Charles Charlie
    Charlotte Chen Chiamaka Chiara Chidi Chinedu Chloe Chloé Chris Christina Christine
    Christopher Ciaran Claire Clara Claudia Colin Connor Conor Craig Cristina Cynthia Daisuke
    Dana Daniel Daniela Danielle Danny Darius Darren David Debbie Deborah Declan Deepak Deepika
    Denise Derek Devin Diana Diane Diego Dimitri Divya Dmitri Dmitry Dominic Donna Dylan Ed Eddie
    Edward Eileen Elena Eli Elif Elijah Elizabeth Ella Ellen Emeka Emil Emilia Emily Emma Emre
    Eric Erica Erik Erin Esther Ethan Eva Evan Evelyn Fabian Farah Farhan Fatima Fatma Felipe
    Felix Femi Fernanda Fernando Fiona Folake Francesca Francesco Francisco François Freya Gabriel
    Gabriela Gareth Gary Gaurav Gavin Gemma Georg George Gerald Gianni Gina Giulia Giuseppe Gloria
    Gordon Greg Gregory Gustavo Gwen Hamza Hana Hannah Hans Haruto Hassan Heather Hector Heidi
    Helen Helena Henry Hiba Hiroshi Hugo Hui Hussein Hyun Ian Ibrahim Ifeoma Igor Imran Ines Inès
    Ingrid Irina Isaac Isabel Isabella Isabelle Ishaan Ivan Jacob Jae Jake Jamal James Jamie Jan
    Jane Janet Janice Jared Jasmine Jason Javier Jay Jeff Jeffrey Jen Jenna Jennifer Jenny Jeremy
    Jerome Jess Jessica Ji-hoon Ji-woo Jian Jill Jin Jing Joan Joanna Joao João Joe Joel Johan
    Johann John Johnny Jon Jonas Jonathan Jorge Jose José Joseph Josh Joshua Juan Julian
    Juliana Julie Julien Jürgen Justin Kai Kaito Karan Karen Karim Karina Kate Katarina
    Katarzyna Katherine Kathleen Kathryn Katie Kavya Kayla Keith Kelly Kelsey Kemi Ken Kenji
    Kenneth Kenta Kevin Khalid Kiara Kim Kimberly Kiran Klaus Kofi Kristen Kwame Kyle Lakshmi Lars
    Laura Lauren Layla Lea Léa Leah Lei Leila Lena Leo Leon Leonardo Lerato Liam Lin Linda Lisa
    Liu Logan Lorenzo Louis Louise Luca Lucas Lucia Lucía Lucy Luis Luisa Lukas Luke Magdalena
    Maggie Malik Manish Manuel Marco Marcus Margaret Maria María Mariam Mariana Marie Marisol
    Marissa Marta Martin Mary Mateo Matt Matteo Matthew Matthias Maya Megan Mehmet Meera Mei
    Melissa Mia Michael Michelle Miguel Mikhail Mikko Mila Min-jun Minji Ming Mohamed Mohammed
    Monica Morgan Muhammad Nadia Nancy Naoko Naomi Natalia Natalie Natasha Nathan Neha Neil Nia
    Nicholas Nicola Nicole Niamh Nikhil Nikolai Nils Nina Nnamdi Noah Noor Nora Obinna Ogechi
    Oksana Olga Oliver Olivia Oluwaseun Omar Oscar Oskar Owen Pablo Padraig Pamela Paolo Parisa
    Patrick Paul Paula Pedro Peter Philip Pierre Piotr Pooja Priya Priyanka Qiang Rachel Rafael
    Rahul Raj Rajesh Ramesh Rania Raphael Ravi Rebecca Reza Ricardo Richard Rita Rob Robert
    Roberto Rohan Rohit Roman Ronan Rosa Rowan Ryan Sadia Sakura Salma Sam Samantha Samir
    Samira Samuel Sandeep Sandra Sanjay Santiago Sara Sarah Sasha Scott Sean Sebastian Selam
    Seo-yeon Sergei Sergio Seun Shanice Shannon Sharon Shauna Shreya Simon Simone Sinead Siobhan
    Sipho Sneha Sofia Sofía Sophia Sophie Sota Stefan Stefanie Stephanie Stephen Steve Steven
    Sunil Suresh Susan Sven Svetlana Takeshi Tamara Tanya Tariq Taylor Teresa Thabo Thandiwe
    Theo Thiago Thomas Tiffany Tim Timothy Tina Tobi Tom Tomás Tomasz Tony Tracy Travis Tsion
    Tunde Tyler Valentina Valeria Vanessa Varun Vera Veronica Victor Vikram Vincent Viktor
    Vivek Wanjiru Wei Wendy William Xavier Xin Yan Yara Yasmin Yaw Yuki Yuri Yusuf Yuto Zainab
    Zanele Zara Zeynep Zhang Zoe Zoë
    Abe Ahmet Aleks Amaka Ayo Babajide Bart Bartek Becca Bobby Bob Brad Cai Chuck Dave
    Deepa Dina Dom Doug Ewa Fred Gabe Gil Hank Hasan Hamid Ife Jakub Jim Jimmy Jojo Kasia
    Kayode Kelechi Kush Liz Maciej Manoj Meg Mike Mo Nate Nic Nick Niko Pete Phil Quentin Raf
    Rick Rory Sid Siddharth Sunita Tess Tobias Tomi Uche Vik Wale Yinka Zach Zeke
    """
)

# Given names that are also ordinary words, months, places, tools or languages: they only
# count with a cue (title, role word, speech verb, surname) and never on their own.
AMBIGUOUS_FIRST_NAMES = _words(
    """
    Ada Amber Angel April Art Asia August Aurora Austin Autumn Bill Brook Brooklyn Buck Carol
    Cassandra Chance Chase Chelsea Chip Christian Claude Cliff Crystal Dale Dallas Dash Dawn Dean
    Destiny Don Drew Earl Eve Faith Florence Forrest Frank Gene Georgia Ginger Glen Grace Grant
    Guy Harmony Harper Harsh Heath Holly Honey Hope Houston Hunter India Iris Israel Ivy Jack
    Jade Jasper Jordan Joy June Julia Kit King Lance Lincoln Luna Madison Major Mark Max May
    Melody Miles Misty Nova Pat Patience Pearl Penny Phoenix Precious Prince Rain Ray Reed Rich
    River Robin Rocky Rose Royal Ruby Sage Sandy Savannah Sky Sterling Sue Summer Sunny Sydney
    Trinity Van Victoria Wade Will Winter Young Paris Norman Dev Chad
    """
)

_TITLES = _words("dr mr mrs ms mx prof professor miss sir dame")

# Role words before a name: "my manager Sarah", "our director, Samantha Reyes".
_ROLE_CUES = _words(
    """
    manager boss lead director report colleague coworker co-worker teammate peer mentor mentee
    intern engineer designer developer recruiter founder cofounder co-founder supervisor
    skip-level friend ceo cto cfo coo cpo vp pm em tpm tl analyst architect scientist
    contractor consultant counterpart buddy hire assistant lawyer rep owner sponsor reviewer
    interviewer candidate named ex-boss ex-manager partner tester admin officer chair head
    """
)
_SPEECH_VERBS = _words(
    """
    said says told tells asked asks replied replies wrote writes thinks thought mentioned
    emailed messaged texted pinged blamed promised insisted suggested explained agreed
    complained shouted yelled scolded admitted claimed warned snapped interrupted
    """
)

# After an unknown capitalized word that starts a sentence, only these make it a name: "Quentin
# told me", but not "Studies suggested".
_CORE_SPEECH_VERBS = _words(
    "said says told tells asked replied wrote emailed messaged texted pinged yelled shouted"
)
_WORK_VERBS = _words("work works worked working")

_COMPANY_SUFFIXES = _words(
    """
    inc inc. incorporated llc llp ltd ltd. limited gmbh ag sa sas sarl bv nv ab oy as asa pty
    plc corp corp. corporation co co. company companies group holdings industries enterprises
    technologies technology tech labs laboratories systems bank bancorp partners consulting
    ventures capital solutions services software networks media publishing studios studio
    foods motors airlines pharmaceuticals pharma insurance logistics dynamics analytics
    associates agency
    """
)
# Suffix words that also name teams or disciplines: they only make an employer after a
# distinctive (non-stop) word, and never before "team"/"squad"/"group".
_AFTER_ORG_NOT = _words("team teams squad squads group guild department org chapter")

# Single cue words before an employer: "at X", "our client X", "joined X".
_ORG_CUES_1 = _words(
    """
    at client clients customer employer vendor agency startup competitor joined join joining
    left leaving quit company firm
    """
)
_NOUN_ORG_CUES = _words(
    "client clients customer employer vendor agency startup competitor company firm"
)
_ORG_NOUNS = _words(
    "company firm startup agency vendor client customer fintech bank consultancy employer "
    "business shop studio"
)
# Two-word cues: "work for X", "a recruiter from X", "the founder of X".
_ORG_CUES_2 = frozenset(
    {
        ("work", "for"),
        ("works", "for"),
        ("worked", "for"),
        ("working", "for"),
        ("contractor", "for"),
        ("contracting", "for"),
        ("consultant", "for"),
        ("consulting", "for"),
        ("consults", "for"),
        ("interned", "at"),
        ("contract", "with"),
        ("recruiter", "from"),
        ("recruiters", "from"),
        ("someone", "from"),
        ("people", "from"),
        ("folks", "from"),
        ("founder", "of"),
        ("offer", "from"),
        ("interviewed", "with"),
        ("acquired", "by"),
        ("laid", "off"),
        ("fired", "from"),
    }
    # "a fintech called Paylio", "a startup named Zentrix"
    | {(noun, verb) for noun in _ORG_NOUNS for verb in ("called", "named")}
)
# Big companies that are usually tools or products in a case: an employer only after a
# strong cue ("work at Google", "joined Amazon").
_STRONG_ORG_CUES = frozenset({"joined", "employer", "for", "from", "quit"})
_PRODUCT_COMPANIES = _words(
    "google amazon microsoft meta apple netflix atlassian salesforce oracle ibm stripe "
    "shopify spotify uber airbnb"
)

STOP_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat
    sun january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec christmas thanksgiving easter diwali eid
    ramadan hanukkah halloween new year years day days eve week weeks weekend month quarter
    spring summer autumn fall winter holiday holidays today tomorrow yesterday tonight morning
    afternoon evening night noon midnight

    senior junior staff principal lead leads head chief officer engineer engineers engineering
    manager managers management director directors designer designers design product products
    owner scientist analyst architect developer developers intern interns vp svp evp president
    vice executive associate consultant specialist coordinator recruiter recruiting recruitment
    founder cofounder tech technical team teams squad guild department office officers chair
    board member members committee council leadership operations ops devops sre site
    reliability program programme project platform payments payment growth infra
    infrastructure data mobile web frontend backend front back end security support finance
    legal marketing sales customer customers success people talent procurement compliance
    accounting research analytics quality assurance brand content editorial communications
    comms facilities it admin administration business enterprise partner partners partnerships
    hr people ops human resources strategy core api apis ml ai ux ui qa dev prod staging
    release releases incident incidents review reviews meeting meetings standup standups retro
    retros retrospective all-hands hands town hall sprint sprints roadmap plan planning policy
    process guide handbook runbook postmortem launch demo demos summit conference offsite
    hackathon award awards initiative phase version cloud service app portal dashboard
    console center centre hub lab studio works network networks system systems solutions
    services group services global international national regional local north south east west
    northern southern eastern western central pacific atlantic mountain
    calibration promotion performance onboarding offboarding interview interviews hiring
    architecture forum slack-channel channel channels wiki docs doc document documents
    notes spec specs ticket tickets issue issues epic epics story stories bug bugs
    pull request requests merge commit branch repo repository pipeline pipelines build builds
    deploy deployment deployments server servers database databases queue cluster clusters

    slack jira github gitlab bitbucket figma sketch zoom notion confluence google gmail drive
    sheets slides meet calendar excel word powerpoint outlook teams microsoft sharepoint
    onedrive aws amazon azure gcp kubernetes k8s docker terraform helm argo ansible jenkins
    circleci travis actions python java javascript typescript golang go rust ruby rails php
    kotlin swift scala elixir haskell perl react vue angular svelte next node django flask
    spring postgres postgresql mysql sqlite redis mongodb kafka rabbitmq elasticsearch
    opensearch snowflake bigquery databricks looker tableau datadog grafana prometheus sentry
    pagerduty opsgenie linear asana trello miro loom lattice workday bamboohr greenhouse lever
    salesforce hubspot zendesk intercom stripe twilio okta 1password lastpass vercel netlify
    heroku cloudflare fastly launchdarkly istio linux windows macos ios android chrome firefox
    safari edge vite webpack alembic sqlalchemy copilot chatgpt openai claude gemini llama
    linkedin glassdoor blind twitter mastodon bluesky instagram facebook meta whatsapp signal
    telegram discord reddit youtube tiktok medium substack apple zapier airtable coda dropbox
    box calendly webex skype hangouts keynote lucidchart servicenow sap oracle yammer basecamp
    clickup smartsheet power bi visio vault consul nomad pulumi cypress playwright selenium
    jest storybook postman swagger openapi graphql rest grpc honeycomb splunk kibana new relic
    amplitude mixpanel segment optimizely hotjar qualtrics typeform gusto rippling deel
    expensify brex concur uber lyft airbnb netflix spotify shopify atlassian ibm nvidia intel
    excel sheets pages numbers canva adobe photoshop illustrator xd framer webflow wordpress
    helm kafka spark hadoop airflow dbt pandas numpy pytorch tensorflow jupyter vscode vim
    emacs intellij xcode unity unreal steam tiktok wechat line viber teams webex

    london berlin paris new york san francisco seattle austin boston chicago toronto
    vancouver montreal sydney melbourne bangalore bengaluru mumbai delhi pune hyderabad
    chennai singapore tokyo dublin amsterdam munich lisbon madrid barcelona warsaw krakow
    stockholm oslo copenhagen helsinki zurich geneva vienna prague budapest lagos nairobi
    cairo dubai tel aviv são sao paulo mexico buenos aires bogota lima santiago manila jakarta
    seoul shanghai beijing shenzhen hong kong taipei europe asia america americas africa
    oceania australia india china japan germany france canada brazil spain italy poland
    ireland netherlands nigeria kenya israel korea uk us usa eu apac emea latam utc gmt cet
    pst pdt est edt ist bst england scotland wales britain california texas washington
    manchester edinburgh glasgow bristol leeds birmingham portland denver atlanta miami

    corporate mom dad mum everybody somebody skip series round type tier level stage part
    section appendix figure table step option model fortune
    the a an our my we i in at on for after before when while during last next this that
    these those every each some many most few nobody everyone everybody someone somebody
    anyone anybody honestly finally meanwhile however also then now since because if so but
    and or yes no please here there why what how who which where whatever still even just
    only maybe perhaps sometimes often usually always never once twice first second third
    fourth fifth one two three four five six seven eight nine ten half both either neither
    all any none other another such much more less least lot lots it its it's they them
    their he she his her him you your yours me mine us ours hers theirs let let's lets
    thanks thank sorry hi hello hey dear update edit postscript tl;dr tldr fyi ps note
    context background summary question questions answer answers verdict advice help
    story situation problem problems issue edit update follow-up followup aita wibta
    speaking working being having making getting taking giving keeping writing reading
    long short small big large great good bad new old former current previous future early
    late recent recently later earlier soon already again instead unfortunately fortunately
    obviously clearly basically actually literally seriously apparently luckily sadly
    surprisingly interestingly overall anyway besides otherwise therefore thus hence
    although though unless until whether whereas with without within about above below
    across against along among around as by from into like near of off out over through
    to toward towards under up upon via per vs versus than
    """
)

# Capitalized words that are never a surname ("Tom Nguyen" yes, "Will Review" no).
_NOT_SURNAMES = STOP_WORDS | _COMPANY_SUFFIXES

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_CONTRACTION = re.compile(r"['’](?:ll|d|ve|re|m|t)$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?:;\n\r\t•*|")
_OPENERS = " \"'“‘([{-–—"


@dataclass(slots=True)
class _Token:
    start: int
    end: int  # without a possessive 's
    word: str
    lower: str
    cap: bool
    initial: bool
    possessive: bool


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        possessive = False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, end, possessive = word[:-2], end - 2, True
        cap = len(word) > 1 and word[0].isupper() and not word.isupper()
        if cap and _CONTRACTION.search(word):
            cap = False  # "I'll", "Don't", "We've"
        position = start - 1
        while position >= 0 and text[position] in _OPENERS:
            position -= 1
        initial = position < 0 or text[position] in _SENTENCE_END
        tokens.append(_Token(start, end, word, word.lower(), cap, initial, possessive))
    return tokens


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens are adjacent words of one name ("Tom Nguyen")."""
    return text[left.end : right.start] in (" ", "\u00a0") and not left.possessive


def _cue_gap(text: str, left: _Token, right: _Token) -> bool:
    """Whether a cue word and the word after it are close: a space, ", " or " (" apart."""
    return not left.possessive and text[left.end : right.start] in (" ", ", ", " (", "\u00a0")


def _names_and_employers(text: str) -> list[Finding]:
    tokens = _tokens(text)
    count = len(tokens)
    found: list[Finding] = []
    people: set[str] = set()
    employers: set[str] = set()
    used: set[int] = set()

    def name_word(t: _Token) -> bool:
        return t.cap and t.lower not in STOP_WORDS and t.lower not in _COMPANY_SUFFIXES

    def add(kind: str, first: int, last: int) -> None:
        start, end = tokens[first].start, tokens[last].end
        if kind == "organization" and end < len(text) and text[end] == ".":
            after = text[end + 1 : end + 3]
            abbreviation = tokens[last].lower in ("inc", "corp", "co", "ltd")
            if abbreviation and after[:1] == " " and after[1:2].islower():
                end += 1  # "Monsters Inc. and ...", but not "Virtucon Ltd. My ..."
        found.append(Finding(kind, start, end, text[start:end]))
        used.update(range(first, last + 1))
        if kind == "person":
            people.update(tokens[index].word for index in range(first, last + 1))
        elif tokens[first].lower not in STOP_WORDS:
            employers.add(tokens[first].word)

    def surname_end(index: int) -> int:
        """The last token of a name starting at `index`: itself or itself and a surname."""
        nxt = index + 1
        if nxt < count and _joined(text, tokens[index], tokens[nxt]):
            t = tokens[nxt]
            if t.cap and t.lower not in _NOT_SURNAMES and t.word not in AMBIGUOUS_FIRST_NAMES:
                return nxt
        return index

    def run_end(index: int) -> int:
        """The last token of a run of capitalized words starting at `index`."""
        last = index
        while last + 1 < count and _joined(text, tokens[last], tokens[last + 1]):
            t = tokens[last + 1]
            if not (t.cap or t.lower in _COMPANY_SUFFIXES) or t.lower in STOP_WORDS - (
                _COMPANY_SUFFIXES
            ):
                break
            last += 1
        return last

    # Employers ending in a company suffix: "Blue Yonder Logistics Ltd", "Acme Corp".
    for index, t in enumerate(tokens):
        if index == 0 or t.lower not in _COMPANY_SUFFIXES:
            continue
        if not (t.word[0].isupper() or t.word == "plc"):
            continue
        nxt = tokens[index + 1] if index + 1 < count else None
        if nxt and _joined(text, t, nxt) and nxt.lower in _AFTER_ORG_NOT:
            continue
        first = index
        while first > 0 and _joined(text, tokens[first - 1], tokens[first]):
            previous = tokens[first - 1]
            acronym = previous.word.isupper() and len(previous.word) > 2
            if not (previous.cap or acronym) or previous.word in ("The", "A", "An"):
                break
            if previous.initial and previous.lower in STOP_WORDS:
                break
            first -= 1
        distinctive = [
            tokens[i]
            for i in range(first, index)
            if tokens[i].lower in _PRODUCT_COMPANIES
            or (tokens[i].lower not in STOP_WORDS and tokens[i].lower not in _COMPANY_SUFFIXES)
        ]
        if distinctive:
            while tokens[first].lower in STOP_WORDS - _PRODUCT_COMPANIES:
                first += 1
            add("organization", first, index)

    # Titles: "Dr. Rajesh Kumar", "Ms. Okafor".
    for index, t in enumerate(tokens[:-1]):
        if t.lower not in _TITLES or not t.word[0].isupper():
            continue
        gap = text[t.end : tokens[index + 1].start]
        if gap not in (" ", ". ", ".\u00a0") or index + 1 in used:
            continue
        nxt = tokens[index + 1]
        if nxt.cap and nxt.lower not in STOP_WORDS:
            add("person", index + 1, surname_end(index + 1))

    for index, t in enumerate(tokens):
        if index in used or not t.cap:
            continue
        previous = tokens[index - 1] if index > 0 else None
        before = previous.lower if previous and _cue_gap(text, previous, t) else ""
        before2 = ""
        if before and index > 1 and _joined(text, tokens[index - 2], previous):
            before2 = tokens[index - 2].lower
        # Employers after a cue: "at Initech", "our client, Globex", "a recruiter from Hooli".
        cue = (
            before
            if before in _ORG_CUES_1
            else (before if (before2, before) in _ORG_CUES_2 else "")
        )
        if cue in _NOUN_ORG_CUES and not previous.word.islower():
            cue = ""  # "Customer Advisory Board" is a name, not a cue and a name
        if cue and t.word not in FIRST_NAMES and not t.possessive:
            strong = cue in _STRONG_ORG_CUES or before2 in _ROLE_CUES | _WORK_VERBS
            if t.lower in _PRODUCT_COMPANIES and strong:
                add("organization", index, index)
                continue
            if name_word(t):
                last = run_end(index)
                if not (last + 1 < count and tokens[last + 1].lower in _AFTER_ORG_NOT):
                    add("organization", index, last)
                continue
        if t.lower in STOP_WORDS or t.lower in _TITLES:
            continue
        known = t.word in FIRST_NAMES
        ambiguous = t.word in AMBIGUOUS_FIRST_NAMES
        # Role words count in running text ("my manager Sarah", "PM Marisol"), not inside a
        # capitalized title ("Engineering Manager Training").
        role_word = previous is not None and (previous.word.islower() or previous.word.isupper())
        role_cue = role_word and (before in _ROLE_CUES or (before == "named" and before2 != ""))
        nxt = tokens[index + 1] if index + 1 < count else None
        speech = (
            nxt is not None
            and text[t.end : nxt.start] in (" ", ", ")
            and nxt.lower in (_SPEECH_VERBS if not t.initial else _CORE_SPEECH_VERBS)
        )
        last = surname_end(index)
        cued = role_cue and t.lower not in _COMPANY_SUFFIXES
        if known or cued or (ambiguous and (last > index or speech)):
            add("person", index, last)
        elif speech and t.lower not in _COMPANY_SUFFIXES:
            add("person", index, index)

    # Other mentions of a name or employer already found: "... Globex is upset".
    for index, t in enumerate(tokens):
        if index in used or not t.cap:
            continue
        if t.word in people:
            found.append(Finding("person", t.start, t.end, t.word))
        elif t.word in employers:
            found.append(Finding("organization", t.start, t.end, t.word))
    return found
