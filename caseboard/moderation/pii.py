"""Find details that could identify someone in a case: contact details, names and employers.

`find_pii(text)` returns `Finding`s for six kinds: `email`, `phone`, `url`, `handle`, `person`
and `organization`. It is rule-based on purpose (no model download, no ML) and fast enough to
run on every submission: regexes are compiled at import, phone numbers are only handed to
`phonenumbers` for the few digit runs that look like one, and every name rule looks at a
bounded window around a word (about 0.15 ms for a short case, about 1 ms for 2,000 characters
of ordinary text, and linear in the length of any input).

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
  *possible* (e.g. a fictional range) count too, and so does a seven-digit local number
  ("555-0147") when the sentence speaks of a phone ("my cell, 555-0147"). An extension ("ext
  301", "x301") is part of the number. Runs that read as dates, times, money, percentages,
  ranges of round numbers, ticket ids ("JIRA-1234") or versions are skipped.
- person: a first name from `FIRST_NAMES` (accents optional: "Sofia" finds "Sofía") anywhere,
  alone or possessive; or a capitalized word with a cue around it:
  - a title ("Dr.", "Ms.") or a role or relation word before it ("my manager Sarah", "our
    director, Samantha Reyes", "a colleague named Aisha", "my lead is Priya", "my wife Ana");
  - a phrase before it ("Ask for Hélène", "we call her Gosia", "talked to Jun-ho", "I asked
    Kemi", "everyone knows Thorvald", "me and Thorvald", "said Marguerite", "hey, it's
    Grace", "1:1 with Obiora", a signature "— Tadeusz");
  - what follows it: a speech verb ("Lars replied"), "(she/her)", "Apinya got let go",
    "Thorvald is on leave", "Chad, who ...", "Minh and I", "Nadia from marketing", ", our new
    CTO," or "(my manager)", or a possessive with a personal noun ("Karthik's wife");
  - the first part of a mailbox or handle in the same text (Grace and grace.obi@outlook.com),
    or a hyphenated Korean given name inside a sentence ("Jun-ho").
  A sentence's first word needs more: only verbs that a document cannot do ("Quentin told
  me", not "Contract says 3"), and "what follows" cues only when it is not a plural. A name
  runs over its surnames and particles ("Nguyen Thi Lan", "Siobhan Ní Bhriain", "Juan Carlos
  de la Fuente"). First names that are also ordinary words, months or places
  (`AMBIGUOUS_FIRST_NAMES`: Will, May, Grace, Sydney…) need a cue or a surname. Listed names in
  lowercase count with a cue ("my coworker bernardo", "adebayo and I"), and in a text written
  in lowercase so does an unlisted word between a role and a verb ("my coworker tavita keeps").
- organization: capitalized words ending in a company suffix ("Initech LLC", "Globex
  Corporation", "Acme Corp", "Cyberdyne Robotics"; "Larkspur Energy" only inside a sentence);
  capitalized words after an employer cue ("at X", "work for X", "our client X", "joined X",
  "left X", "anyone from X", "offers from X", "applied to X", "a startup called X"), before
  one ("the Datadog offer", "Zentrix's CEO", "Paylio, a Berlin fintech,", "Quantix acquired
  ...", "Zentrix went bust"), or spelling the domain of an email in the same text ("Larkspur
  Energy" and ethics@larkspur-energy.com).
  "&" joins an employer's name ("Pixel & Pine"). Companies named like their tools (Slack,
  Zoom, Stripe) need a cue that speaks of a job ("interviewing at Stripe").
- lists: capitalized words in one list ("A, B, C and D", "X or Y") share a kind: people when
  one of them is a person, "me" is among them, or a group of people is named just before
  ("The panel was ...", "including ..."); employers when one of them is an employer.

Capitalized words that are job titles, team words, weekdays, months, tools and products,
places, nationalities or ordinary sentence-initial words are never a name or an employer on
their own (`STOP_WORDS`); all-caps acronyms (PM, OKR, CEO, PIP, PMs) and "I" are never
considered. Once a name or employer has been found, its other mentions in the same text are
found too ("Globex ... Globex is upset", "Karthik's wife", "priya. priya keeps").

Overlaps: when two findings overlap, the kind earlier in `KIND_PRIORITY` wins (email > url >
handle > phone > organization > person); between findings of the same kind the longer span
wins, then the earlier one. Findings are returned sorted by start and never overlap.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
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
    contacts = _emails(text) + _urls(text) + _handles(text)
    candidates = contacts + _phones(text) + _names_and_employers(text, contacts)
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
    """Keep the best of overlapping findings (see the module docstring), in text order.

    Kept spans never overlap, so their starts and ends are sorted alike and one bisection
    finds the only neighbours a new span could overlap: O(n log n) for any number of findings.
    """
    rank = {kind: index for index, kind in enumerate(KIND_PRIORITY)}
    ordered = sorted(candidates, key=lambda f: (rank[f.kind], f.start - f.end, f.start))
    starts: list[int] = []
    taken: list[Finding] = []
    for finding in ordered:
        position = bisect.bisect_left(starts, finding.start)
        if position > 0 and taken[position - 1].end > finding.start:
            continue
        if position < len(taken) and taken[position].start < finding.end:
            continue
        starts.insert(position, finding.start)
        taken.insert(position, finding)
    return taken


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

# A run never ends right before ":30", so "2024-03-15 12:30" stays a date and a time.
_PHONE_RUN = re.compile(r"(?<![\w.,/#-])(?:\+\s?)?\(?\d[\d \t().\-/]{5,24}\d(?!\d|[.,:]\d)")
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
# "ext 301", "ext. 12", "x301": an extension belongs to the number it follows.
_EXTENSION = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:ext|extn|extension)\.?[ \t]*|x)\d{1,6}(?![\w.,]\d|\w)",
    re.IGNORECASE,
)
# "555-0147": a North American number without its area code, read as one only where the text
# speaks of a phone ("my cell, 555-0147"), since such a run is also a range or a code.
_LOCAL_NUMBER = re.compile(r"[2-9]\d{2}[-. ]\d{4}")
_PHONE_WORDS = re.compile(
    r"\b(?:call|calls|called|calling|phone|cell|cellphone|mobile|number|tel|text|texts"
    r"|texted|ring|reach|dial|desk|office|contact|whatsapp|signal|pager|fax|landline|hotline)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;\n]\s")
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
        if match is None and _local_number(text, m.start(), run):
            match = (0, len(run))
        if match is not None:
            start, end = m.start() + match[0], m.start() + match[1]
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1
            extension = _EXTENSION.match(text, end)
            if extension:
                end = extension.end()
            found.append(Finding("phone", start, end, text[start:end]))
    return found


def _local_number(text: str, start: int, run: str) -> bool:
    """Whether `run` is a seven-digit local number ("555-0147") that the words before it
    present as a phone number."""
    if not _LOCAL_NUMBER.fullmatch(run):
        return False
    exchange, line = run[:3], run[4:]
    if line.endswith("000") or (exchange.endswith("0") and line.endswith("00")):
        return False  # "200-3000", "100-1000": a range of round numbers
    window = max(0, start - 40)
    for clause in _CLAUSE_END.finditer(text, window, start):
        window = clause.end()  # the cue must be in the same sentence
    return bool(_PHONE_WORDS.search(text, window, start))


@functools.lru_cache(maxsize=1024)
def _match_phone(run: str) -> tuple[int, int] | None:
    """Where `run` holds a phone number, per `phonenumbers` (cached: a text that repeats one
    number, or a table of them, costs one look-up per distinct run)."""
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

# Written for this module: common given names across many cultures and languages. Accents are
# optional when matching ("Sofia" finds "Sofía"), so each name is listed once in either form.
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

    Aaliyah Abbie Adeline Agatha Alastair Alfred Alistair Alma Amos Archie Arlo Barry Beatrice
    Bernard Bethan Betty Bonnie Bradley Brendan Brett Brooke Bruce Callum Calvin Carl Casey
    Cecil Cedric Charlene Clarence Clark Cody Colleen Connie Corey Courtney Curtis Dan Daphne
    Darnell Dennis Desmond Dexter Dolly Dominique Donald Donovan Doris Dorothy Douglas Duncan
    Dwayne Dwight Edgar Edith Edwin Eleanor Elliot Elliott Eloise Elsie Emmett Ernest Eugene
    Felicity Finn Flora Frances Francis Freddie Gail Geoff Geoffrey Gerry Gilbert Glenn Graham
    Hal Harold Harriet Harry Harvey Herbert Howard Imogen Irene Isla Jacqueline Janine
    Jeanette Jesse Jessie Joanne Jocelyn Jodie Josephine Joyce Judith Judy Julius Karl Kathy
    Katrina Keira Kenny Kerry Kirsty Kristina Lachlan Lana Larry Laurence Lawrence Leanne Lee
    Leonard Leslie Lewis Lily Lindsay Lindsey Lloyd Lois Lola Lorraine Lydia Lynn Mabel Mackenzie
    Malcolm Marcia Marian Marilyn Marjorie Marlon Martha Marvin Mason Matilda Maureen Maurice
    Maxine Melanie Miriam Mitchell Molly Murray Myles Nadine Neville Nigel Noel Norah Ollie
    Patricia Percy Philippa Phoebe Phyllis Polly Priscilla Quinn Ralph Randy Raymond Reggie Rhys
    Rhiannon Ricky Rodney Roland Ronald Ronnie Rosalind Rosemary Ross Roy Rupert Russell Ruth
    Sally Seth Shaun Sheila Shelby Shirley Sienna Sonya Spencer Stacey Stanley Stella Stewart
    Stuart Tabitha Tammy Ted Terence Terry Thea Theodore Toby Todd Trevor Troy Ursula Valerie
    Vernon Vicky Vince Vivian Wallace Walter Warren Wayne Wesley Winston Yvonne Zachary
    Deja DeShawn Jaylen Jalen Keisha Latoya Marquis Tamika Tyrone Tanisha Terrell Kiana Kendra
    Kendrick Dante Rashad Kareem Zuri Jamar Lashawn Tiana

    Abimbola Abiodun Abiola Adaobi Ademola Adenike Adesuwa Adewale Adunni Afia Afolabi Akosua
    Akua Amadou Aminata Aminu Anuli Ayodeji Ayotunde Babatunde Bamidele Binta Bisi Bolaji Bukola
    Chidinma Chika Chima Chinonso Chinwe Chioma Chisom Chukwuemeka Chukwudi Damilola Dayo Ebele
    Ebuka Efua Ejiro Ekene Enitan Esi Fatou Fola Folasade Funke Funmi Funmilayo Gbenga Ibrahima
    Ifeanyi Ifunanya Ikechukwu Jide Kadiatou Kehinde Kojo Kunle Kwabena Kwaku Kwesi Lanre
    Mamadou Mariama Moussa Ndidi Ngozi Nkechi Nkem Nneka Nonso Obiageli Olamide Olu Oluchi
    Olufemi Olumide Olusegun Oluwatobi Omolara Onyeka Opeyemi Oumar Ousmane Rotimi Sade Segun
    Sekou Seyi Simisola Sola Taiwo Temi Temitope Tobenna Tolu Tolulope Toyin Uchenna Ugo Yaa
    Yemi Yetunde Adaora Adjoa Akwasi Aissatou Khadija Cheikh Bakary
    Abebe Achieng Akinyi Amani Ayanda Baraka Biniam Bongani Chipo Dawit Farai Hiwot Imani Jabari
    Kagiso Kamau Kibet Kudzai Lebo Lebogang Lindiwe Lwazi Makena Mandla Meron Mpho Mwangi Naledi
    Nandi Njeri Nomvula Nyambura Odhiambo Omondi Otieno Palesa Rudo Sibusiso Tatenda Tendai
    Tesfaye Themba Thulani Tigist Tinashe Tumelo Wairimu Wambui Wanjiku Yonas Zinhle Zodwa

    Aarav Aarti Abhay Abhishek Aditi Aishwarya Ajay Akash Akhil Akshay Alok Aman Anand Ananya
    Ankit Ankita Ankur Anupam Anurag Anushka Aparna Archana Arvind Ashwin Atul Avinash Bharat
    Bhavna Chetan Darshan Deepti Devendra Dhruv Dinesh Dipika Geeta Girish Gopal Hari Harish
    Harpreet Hemant Isha Jatin Jaya Jayant Jyoti Kabir Kajal Kalpana Kamal Kapil Kartik Karthik
    Karthikeyan Kavita Kavitha Keshav Kishore Komal Krishna Kunal Lalit Madhav Madhu Mahesh
    Manisha Meena Meenakshi Megha Mohan Mohit Mukesh Nandini Naveen Neelam Nikita Nisha Nitin
    Pallavi Pankaj Parth Pavan Pawan Prakash Pranav Prashant Pratik Praveen Preeti Puja Radha
    Radhika Rajeev Rajiv Rakesh Ramya Ranjit Rashmi Ravindra Rekha Riya Ruchi Sachin Sagar Sahil
    Sakshi Sameer Sandhya Sangeeta Sanjana Santosh Sapna Sarita Satish Saurabh Seema Shalini
    Shankar Sharmila Shilpa Shiv Shivani Shruti Shweta Sonal Sonia Srinivas Sudha Sumit Surya
    Swati Tanvi Tarun Uday Umesh Usha Vandana Varsha Vidya Vijay Vikas Vinay Vinod Vishal Vishnu
    Yash Yogesh Zoya Ganesh Murali Lakshman Senthil Vignesh Muthu Prabhu Anjana Gurpreet Harjit
    Jaspreet Manpreet Navdeep Simran Amrit Baljit Rajinder Sukhdeep Fahad Faisal Hina Junaid
    Kamran Nabeel Naveed Rizwan Saad Sana Shahid Shazia Tahir Usman Waqar Zeeshan Asif Arif
    Bushra Nusrat Tanvir Rafiq Farhana Tharindu Dilani Kasun Nuwan Bikash Sushil Anisha Srijana

    Haoran Yuxuan Zixuan Xinyi Yiming Jiawei Zhiwei Weijie Xiaoming Xiaoli Meiling Huiling Jiahui
    Jiayi Chao Chun Feng Guang Hao Hua Jia Jie Lian Liang Ling Ning Qing Rui Shan Shu
    Ting Wen Xiang Xiao Xiu Xue Yang Ying Yong Yue Yun Zhen Zhou Zihan Ruoxi
    Akiko Asuka Ayaka Ayumi Chihiro Daiki Emi Haruka Haruki Hayato Hikari Hinata Hiroki Hiroko
    Hiromi Hiroto Kazuki Kazuo Keiko Kenichi Kaori Koji Kumiko Mai Mariko Masaki Masato Mayumi
    Megumi Michiko Minoru Misaki Miyu Naoki Natsuki Nobu Nozomi Riko Ryo Ryota Sachiko Satoshi
    Shinji Shota Sora Takumi Taro Tomoko Tsubasa Yoko Yoshiko Yosuke Yuka Yuko Yumi Yuna Yusuke
    Yuta Yui Ichiro Hideo Tetsuya Tatsuya Takashi Makoto Kohei Ren
    Chae-won Da-eun Dong-hyun Eun-ji Ha-eun Hye-jin Hyun-woo Jae-won Ji-eun Ji-ho Ji-min Ji-yeon
    Ji-young Jin-ho Joon-ho Min-ji Min-seo Seung-hyun Soo-jin Sung-min Woo-jin Ye-jin Yoo-jin
    Young-ho Seo-jun Do-yoon Ha-yoon Ji-won Hyun-jin Sang-woo Minho Jisoo Jiwon Jihoon Seojun
    Hyunwoo Jaehyun Soyeon Jiyeon Eunji Hyejin Minseo Seoyeon Jimin
    Anh Bao Binh Chau Cuong Dung Duc Giang Hai Hanh Hien Hieu Hoa Hoang Hung Huong Huy Khanh
    Khoa Linh Minh Ngoc Nhung Phuong Phuc Quang Quynh Tam Thanh Thao Thuy Tien Trang Trinh Trung
    Tuan Tung Uyen Viet Vinh Xuan
    Somchai Somsak Siriporn Nattapong Kittipong Pimchanok Chaiwat Kanokwan Thanawat Narong
    Prasert Supaporn Sunisa Nattaya Wichai Arthit
    Agus Ayu Bambang Budi Dewi Eko Fitri Hendra Indah Joko Kartika Nurul Putri Siti Wahyu Wulan
    Yudi Aziz Azlan Farid Hafiz Nabila Syafiq Aiman Zulkifli Rowena Marites Kristine Rhea Mariel

    Aleksander Aleksei Alexey Anastasia Andrzej Anton Artem Artur Bartosz Bogdan Bohdan Borys
    Boris Damian Danylo Darya Dasha Denis Dominika Dorota Dušan Elżbieta Galina Grzegorz Halina
    Hanna Iwona Jacek Jana Janusz Jarek Jarosław Jelena Justyna Kamil Kamila Karolina Katya Kinga
    Konrad Kostya Krzysztof Ksenia Leszek Lidia Lyudmila Łukasz Lukasz Magda Małgorzata Marek
    Marina Maxim Maksim Michał Milena Miroslav Mirosław Monika Nadezhda Natalya Nikola Olena
    Oleg Oleksandr Oleksiy Pavel Pavlo Paweł Petr Petra Radek Radosław Roksana Ruslan Sergey
    Sławomir Stanislav Stanisław Szymon Taras Tatiana Tatyana Vadim Valentin Vasily Viktoria
    Vitaly Vladimir Vlad Volodymyr Wiktor Wiktoria Witold Wojciech Yaroslav Yelena Yevgeny Yulia
    Zbigniew Zofia Zuzana Zoran Ivana Goran Dragan Nemanja Miloš Marko Luka Stjepan Branko Vesna
    Dejan Bojan Mateusz Patryk Filip
    Abdallah Abdullah Abdulrahman Adel Alaa Amal Amina Amira Anas Asma Ayman Bashir Basma Dalia
    Ehab Fadi Farida Faris Fouad Ghada Habib Hadi Hala Hamad Hanan Haneen Hani Hatem Heba
    Hisham Hoda Huda Issa Jamila Khaled Khalil Laila Lina Lubna Majid Mahmoud Malak Manal Maryam
    Marwan Mazen Mona Mostafa Mustafa Nabil Nasser Nawal Nour Osama Rami Rana Rasha Reem Rima
    Saeed Salah Salim Sami Suleiman Tamer Tarek Waleed Walid Yasmine Yasser Youssef Yousef Zaid
    Zaina Ziad Zeina Hussain Mahmud
    Afsaneh Amin Arman Babak Bahar Behnam Behrouz Dariush Farhad Fariba Farzaneh Golnaz Hamed
    Hossein Leyla Mahsa Mehdi Mina Mitra Mohsen Nasrin Navid Negar Niloufar Omid Payam Pegah
    Pouya Ramin Roya Sahar Saman Sepideh Shirin Siavash Soheil Yasaman Shadi Azadeh
    Aslı Aylin Barış Berk Burak Cem Cemre Deniz Derya Ebru Ece Emine Emir Esra Fatih Gizem Gökhan
    Hakan Halil Hande İpek Ipek Kaan Kemal Kerem Melike Merve Mert Murat Nazlı Oğuz Onur Orhan
    Ozan Özge Pınar Selin Serkan Sinan Tolga Tuba Tuğba Uğur Volkan Zehra
    Avi Avraham Chaim Dov Eitan Eyal Hadas Ido Itai Itamar Lior Maayan Moshe Noa Noam Ofer Omri
    Oren Roni Shira Tamar Yael Yair Yonatan Yossi Ziv Asaf Dafna Shai

    Alejandra Alfonso Álvaro Antonia Armando Arturo Benjamín Bernardo Catalina Cecilia César
    Cristian Cristóbal Dolores Eduardo Elisa Emilio Enrique Ernesto Esteban Eugenia Fabiola
    Federico Florencia Gerardo Gilberto Gonzalo Graciela Guadalupe Guillermo Hernán Horacio
    Ignacio Jaime Joaquín Josefina Juana Leandro Leticia Lorena Lourdes Luciana Manuela Marcela
    Marcelo Mariano Martina Matías Mauricio Milagros Mónica Nicolás Octavio Pilar Rafaela Ramón
    Raúl Renata Rocío Rodrigo Rogelio Rosario Sebastián Silvia Soledad Valentín Verónica Ximena
    Yolanda Caio Matheus Mateus Guilherme Luana Larissa Letícia Bruna Giovanna Raquel Otávio
    Afonso Duarte Tiago Vasco Gonçalo Joana Filipa Carolina Patrícia Vinícius
    Aisling Aoibhinn Bríd Cathal Caoimhe Cian Ciara Ciarán Clodagh Colm Cormac Dara Deirdre
    Dermot Donal Éabha Eamon Eamonn Eimear Eithne Emer Enda Eoin Fergal Fionn Fionnuala Gráinne
    Niall Nuala Oisín Orla Orlaith Pádraig Peadar Róisín Rónán Saoirse Séamus Seamus Seán
    Shane Síofra Siobhán Sorcha Tadhg Tiernan Úna Fiachra Diarmuid Darragh Oonagh Muireann
    Méabh Maeve Ailbhe Aodhán Caitlín Kieran
    Agnes Anneli Annika Arne Birgit Birgitta Britt Einar Eirik Elin Elsa Espen Frida Frode
    Gudrun Guðrún Gunnar Gustav Haakon Håkon Halvor Hanne Harald Helga Henrik Hilde Hjalmar Ida
    Inga Inge Ingvild Jens Johanna Jukka Juha Kari Karin Kasper Kjell Kristian Kristin
    Kristoffer Lasse Leif Linnea Magnus Maja Malin Mats Matti Mette Mikael Minna Morten Niklas
    Ola Olav Olle Ole Pekka Pernille Petter Ragnar Rasmus Sanna Sigrid Signe Solveig Stig Sune
    Terje Tiina Tove Trond Tuomas Ulf Ulla Ulrika Veera Ville Viggo Øystein Torbjørn Thor Antti
    Eero Eeva Heikki Ilkka Jari Kaisa Kalle Lauri Leena Markku Marja Niina Oskari Paavo Päivi
    Riikka Sari Satu Seppo Tapio Timo Tuula Tuomo Sigurður Guðmundur Jón Björk
    Adèle Agathe Aline Amandine Anaïs Antoine Arnaud Aurélie Aurélien Baptiste Benoît Bernadette
    Brigitte Cédric Céline Chantal Christophe Clément Colette Corentin Damien Delphine Didier
    Édouard Élise Émile Émilie Étienne Fabien Fabrice Florian Franck Gaël Gaëlle Geneviève
    Guillaume Hélène Hervé Jacques Jean Jeanne Jérôme Joël Juliette Laetitia Laurent Léon Lucie
    Ludovic Manon Marc Margaux Mathieu Mathilde Maxime Mélanie Nathalie Noémie Océane Olivier
    Pascal Pauline Rémi Renaud Romain Sandrine Sébastien Séverine Solène Stéphane Sylvain Sylvie
    Thibault Thierry Valérie Virginie Yann Yannick Yves
    Anke Axel Bernd Christoph Dieter Dirk Friedrich Gerhard Günter Hannes Heike Heinz Helmut
    Holger Jörg Karsten Katja Kerstin Maik Manfred Marcel Markus Marlene Moritz Olaf Ralf Rainer
    Renate Rolf Sabine Sascha Silke Steffen Susanne Thorsten Torsten Ulrich Ulrike Ute Uwe
    Volker Werner Wolfgang
    Alessandra Alessandro Alessia Antonella Carlo Claudio Cristiano Daniele Davide Domenico
    Emanuele Enrico Fabio Federica Filippo Gabriele Giacomo Gianluca Giorgia Giorgio Giovanni
    Ilaria Jacopo Luigi Massimo Mattia Michele Paola Pietro Riccardo Roberta Simona Stefano
    Tommaso Vito
    Anouk Bram Daan Femke Freek Geert Hendrik Jeroen Joost Joris Koen Lieke Maarten Marloes
    Niels Pieter Ruben Sander Sanne Sjoerd Stijn Thijs Wouter Willem Ruud Eline Fleur
    Giorgos Dimitris Nikos Kostas Yiannis Giannis Eleni Katerina Panagiotis Christos Vasilis
    Ioanna Spyros Stavros Thanos Despina Sotiris Theodoros Konstantinos Alexandros
    András Attila Balázs Bence Csaba Gábor István László Zoltán Zsófia Eszter Katalin Réka
    Ioana Mihai Andreea Alexandru Florin Răzvan Raluca Oana Adina Sorin Jānis Kristaps Rūta
    Aibek Aigerim Aizhan Askar Dilnoza Gulnara Nurlan Timur Rustam Zarina Giorgi Nino Levan
    Armen Aram Anahit Narek Tigran Lusine Aroha Wiremu Hemi Anahera
    Anbu Arul Balaji Gokul Harini Janani Kaviya Keerthi Lavanya Nandhini Pavithra Saravanan
    Sindhu Swathi Vasanth Venkat Venkatesh Srikanth Sowmya Sravani Naresh Arijit Debashish
    Sourav Subhajit Tanmoy Moumita Sayan Anirban Arnab Partha Chirag Dhaval Hardik Jignesh
    Kinjal Mitesh Nirav Ronak Tejas Ekow Kobby Kwadwo Kwasi Adwoa Afua Oyin Oyinkansola Eniola
    Feyisara Adaku Ugochi Chinenye Chinaza Amarachi Ozioma Somto Tosin Wunmi Bimpe Dapo Deji
    Gbemi Jumoke Niyi Remi Shola Tayo Wole Paco Pepe Lupe Quique Kuba Tomek Marcin Piotrek
    Ania Basia Agata Beata Ewelina Paulina Sylwia Weronika Mariusz Dariusz Rafał Kacper Misha
    Kolya Dima Vanya Lyosha Zhenya Masha Olya Sveta Nastya Vitya Pasha Riku Itsuki Takeru
    Daichi Shohei Shunsuke Ryosuke Keisuke Kosuke Naoya Tomoya Kazuya Tsuyoshi Hiroyuki Ayane
    Nanami Natsumi Kanako Kyoko Junko Noriko Reiko Eriko Arnel Rodel Jomar Jessa Kristel
    Abdel Bassam Hazem Maher Mohannad Nizar Qasim Raed Wael Yazan Zaki Layan Rahaf Rawan Ruba
    Sawsan Wafa Enzo Davi Heitor Isadora Lívia Iker Jordi Xavi Oriol Nuria Montse Mireia Laia
    Aitana Ainhoa Itziar Begoña Maite Yesenia Jazmín Karla Yuliana Jairo Marisela Jiří Tomáš
    Ondřej Lukáš Vojtěch Matěj Tereza Veronika Kateřina Barbora Markéta Zdeněk Jaroslav
    Andriy Dmytro Serhiy Mykola Yuriy Iryna Nataliia Tetiana Kateryna Olha Viktoriia Georgi
    Dimitar Stoyan Hristo Milica Jovana Aleksandar Dragana Tijana Marija Mantas Eglė Ieva
    Kadri Kristjan Triin Kaspar Ilse Ingeborg Henrike Sunniva Tamsin Ruairí Mthunzi Tadeusz
    Marguerite Wren
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
    Trinity Van Victoria Wade Will Winter Young Paris Norman Dev Chad Roger Olive Violet Devon
    Mercedes Carter Hazel Jesus Said Can Per Neo Siri Long Son Nam Min Tao Ping Ha Hong Yu
    Yi Li
    """
)
# Known first names that are also everyday lowercase words or code ("will", "elif", "aria"):
# written in lowercase they are never read as a name.
_LOWERCASE_WORDS = _words(
    """
    ed jan jay kim ken lin mo bob rob sue dom nick chuck jimmy rick pete hank gil abe sid cai
    liz meg nic raf vik mike bart dave doug fred gabe jim jojo jae jin hui wei lei xin yan ming
    jing chen liu zhang kai ali sam ian eli ana ava mia eva lea leo ben tim tom jon joe ann amy
    roman elif aria hugo sota ella nora rosa rita vera mila nina dana maya noor ayo tess sasha
    lee ted hal dan ross ruth lily flora carl casey bruce dexter lewis warren wayne mason
    quinn toby terry harry frances francis olive hazel otto ida inga inge ola ole stig thor
    bao hai hung tam tung chau duc hoa anh ren rin sora mai emi yui taro jun chun hao hua jia
    jie lian liang ling ning qing rui shan shu tao ting wen xiang xiao xiu xue yang ying yong
    yue yun zhen zhou amin mina mona rana sana hina isha jaya hari shiv kamal aman uday asha
    lina rami sami nour reem hadi issa amal anas avi dov ido noa ziv shai tamar cem ece emir
    kaan mert onur ozan berk deniz dara emer enda una cian colm fionn eoin bram daan koen
    joost stijn sander ruben nino aram armen timur marc jean yann yves axel dirk ralf rolf ute
    uwe carlo fabio vito luca marco luka marko filip lena jana hanna petra magda anton denis
    boris oleg vlad kari karin malin maja mats olav leif sune signe frida elsa agnes karl
    """
)

# An unlisted lowercase word after a role counts as a name only when one of these follows it:
# "my coworker tavita keeps ...", but not "my manager approval is ...".
_VERBS_AFTER_LOWERCASE_NAME = _words(
    """
    keeps kept says said wants wanted thinks thought told asked took takes refuses refused
    won't doesn't didn't can't cannot always never also just literally actually basically
    apparently insists insisted complains complained yelled yells emailed messaged texted
    pinged replied
    """
)
# Lowercase words after a role that are not names: "my manager herself said".
_NOT_LOWERCASE_NAMES = _words(
    """
    herself himself themselves myself kinda sorta gonna wanna gotta pretty quite rather very
    too almost barely hardly totally really
    """
)

_TITLES = _words("dr mr mrs ms mx prof professor miss sir dame")

# Role and relation words before a name: "my manager Sarah", "our director, Samantha Reyes",
# "my wife Priya", "my teammates Minh and Ngozi".
_ROLE_CUES = _words(
    """
    manager boss lead director report colleague coworker co-worker teammate peer mentor mentee
    intern engineer designer developer recruiter founder cofounder co-founder supervisor
    skip-level friend ceo cto cfo coo cpo vp pm em tpm tl analyst architect scientist
    contractor consultant counterpart buddy hire assistant lawyer rep owner sponsor reviewer
    interviewer candidate named ex-boss ex-manager partner tester admin officer chair head
    colleagues coworkers co-workers teammates peers reports friends mentors interns devs
    designers engineers ex-colleague ex-coworker wife husband girlfriend boyfriend fiancé fiancee
    sister brother cousin nephew niece son daughter mom dad mum mother father uncle aunt
    neighbor neighbour roommate flatmate classmate hrbp md gm skip
    """
)
_SPEECH_VERBS = _words(
    """
    said says told tells asked asks replied replies wrote writes thinks thought mentioned
    emailed messaged texted pinged blamed promised insisted suggested explained agreed
    complained shouted yelled scolded admitted claimed warned snapped interrupted
    """
)
# After an unknown capitalized word that starts a sentence, only verbs that a document cannot
# do make it a name: "Quentin told me", but not "Studies suggested" or "Contract says 3".
_CORE_SPEECH_VERBS = _words(
    "told tells asked replied emailed messaged texted pinged yelled shouted apologized apologised"
)
# Determiners before "<role> is <name>": "my lead is Priya", not "the problem is ...".
_DETERMINERS = _words("my our his her their your the")
# Particles inside a family name: "De la Cruz", "van der Berg", "bin Salman", "Ní Bhriain".
_PARTICLES = _words(
    "de del della der den di da das do dos du la le van von ter ten bin bint binti ibn al el "
    "ben ní nic ó mac ap y zu"
)
# Two words that set off a name after them: "Ask for Hélène", "we call her Gosia", "talked to
# Jun-ho", "goes by Seun", "was told by Margit". Not "work with": "we work with Globex".
_SELF_AND_PRONOUNS = _words("her him them me")
_PERSON_CUES_2 = frozenset(
    {(verb, "for") for verb in _words("ask asked asking paging")}
    | {
        (verb, pronoun)
        for verb in _words("call calls called calling")
        for pronoun in _SELF_AND_PRONOUNS
    }
    | {(verb, "by") for verb in _words("go goes going went")}
    | {(verb, "as") for verb in _words("known introduced")}
    | {
        (verb, preposition)
        for verb in _words(
            """
            talk talked talking spoke speak speaking met meet meeting chat chatted sat paired
            pairing reports report reporting vented complained
            """
        )
        for preposition in ("to", "with")
    }
    | {
        (verb, "by")
        for verb in _words(
            """
            told asked mentored managed interviewed coached supervised pinged messaged emailed
            texted reviewed
            """
        )
    }
    | {("name", "is"), ("name", "was"), ("me", "and"), ("myself", "and")}
)
# Words right before a person: verbs that take one ("I asked Kemi", "pinged Olamide", "cc'd
# Arvid"), a quote's speaker ("…," said Marguerite) and greetings ("Hi Priya", "Thanks, Tomás").
_BEFORE_PERSON = _words(
    """
    asked ask asking told tell telling pinged ping messaged emailed texted cc
    cc'd cc'ed dm'd dmed blamed mentored mentoring congratulated nicknamed aka said says
    replied hi hey hello dear thanks cheers congrats thx knows knew likes liked hates hated
    trusts trusted invited promoted thanked met respects respected admires admired misses
    missed coached
    """
)
# "1:1 with Ifeoma", "lunch with Bram": time spent with someone.
_WITH_PERSON = re.compile(
    r"(?:\b1:1|\b1-on-1|\bone-on-one|\blunch|\bcoffee|\bdrinks|\bdinner|\bcatch-up)"
    r"[ \t]+with[ \t]+$",
    re.IGNORECASE,
)
# A signature on its own line: "— Tomás", "-- Priya".
_SIGNATURE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:—|–|--|~)[ \t]*$")
_SIGNATURE_AFTER = re.compile(r"[ \t]*(?:$|\n)")
# What a person has and an employer does not: "Karthik's wife", "Apinya's manager".
_PERSONAL_NOUNS = _words(
    """
    wife husband partner boyfriend girlfriend fiancé fiancee kid kids son daughter baby mom dad
    mum mother father sister brother family parents birthday wedding manager boss desk laptop
    calendar replacement pronouns promotion resignation maternity paternity parental sick
    """
)
# What an employer has and a person does not: "Zentrix's CEO", "Paylio's layoffs".
_ORG_NOUNS_OWNED = _words(
    """
    ceo cto cfo coo cpo founders cofounders board layoffs stock shares ipo hq headquarters
    offices careers employees staff headcount valuation investors subsidiary offer offers
    recruiter recruiters interview interviews onsite hiring
    """
)
# ", our new CTO," / " (my manager)" / ", a Berlin fintech," after a name: the head noun of
# the phrase says person or employer.
_APPOSITIVE = re.compile(
    r"(?:,|[ \t]*\()[ \t]*(?:my|our|the|his|her|their|a|an)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,2}?(?P<noun>[\w-]+)"
    r"(?=[ \t]*[,.;:!?)]|[ \t]+(?:of|at|for|from|in|on|who|that|which|and|with)\b)"
)
# After a capitalized word: what only a person does or is.
_PERSON_AFTER = re.compile(
    r"[ \t]*\((?:she|he|they)/"
    r"|[ \t]+(?:just\s+)?(?:got|was|were|has\s+been|had\s+been|is\s+being|been)\s+"
    r"(?:fired|let\s+go|laid\s+off|promoted|demoted|hired|pipped|sacked|poached|terminated)\b"
    r"|[ \t]+(?:apologi[sz]ed|resigned|retired|cried|quit)\b"
    r"|[ \t]+(?:is|was)[ \t]+(?:leaving|quitting|retiring|pregnant|out[ \t]+sick"
    r"|on[ \t]+(?:leave|vacation|holiday|PTO|parental|maternity|paternity|sick))\b"
)
# Inside a sentence, also: "Chad, who keeps posting", "Minh and I", "adebayo and i".
_PERSON_AFTER_INSIDE = re.compile(
    r",?[ \t]+who\b|[ \t]+and[ \t]+(?:[Ii]|me)\b|[ \t]+(?:left|joined)[ \t]+(?:the|our|us|my)\b"
)
# After a capitalized word: what only an employer does. "Quantix acquired Lumos", "Zentrix
# went bust", "Paylio laid off 30%".
_ORG_AFTER_VERB = re.compile(
    r"[ \t]+(?:acquired|laid[ \t]+off|went[ \t]+(?:public|bust|under)|shut[ \t]+down|pivoted"
    r"|rebranded|announced[ \t]+layoffs|filed[ \t]+for|raised[ \t]+(?:a|an|\$|\d|its|their))\b"
)
# "Nadia from marketing", "Sipho from the Johannesburg office": a person and where they work.
_FROM_TEAM = re.compile(r" from (?:the|our|my|their)\b| from [a-z]")
# "hey, it's Grace", "Hi all, I'm Tomás": a greeting and a self-introduction.
_INTRODUCING = _words("it's its i'm im is")
_INTRODUCTION = re.compile(
    r"\b(?:hi|hey|hello|hiya|dear|greetings)\b[\s,!.]*(?:(?:all|everyone|folks|team|there)\b"
    r"[\s,!.]*)?(?:it['’]?s|i['’]?m|this\s+is|my\s+name\s+is)\s+$",
    re.IGNORECASE,
)
# Korean given names are usually two syllables joined by a hyphen ("Jun-ho", "Seo-yeon"); an
# English hyphenated word rarely splits into two syllables that romanized Korean allows.
_KOREAN_SYLLABLE = (
    r"(?:[bdghjkmnprstwy]|ch|kk|tt|pp|ss|jj)?"
    r"(?:a|ae|e|eo|eu|i|o|oe|oo|u|ui|ya|yae|ye|yeo|yo|yu|wa|wae|we|wi|wo|ee)(?:ng|n|m|k|l|p)?"
)
_KOREAN_NAME = re.compile(rf"{_KOREAN_SYLLABLE}-{_KOREAN_SYLLABLE}")
_NOT_KOREAN = _words("re-do re-up set-up co-op pre-op go-to so-so no-go yo-yo")


_COMPANY_SUFFIXES = _words(
    """
    inc inc. incorporated llc llp ltd ltd. limited gmbh ag sa sas sarl bv nv ab oy as asa pty
    pvt plc corp corp. corporation co co. company companies group holdings industries
    enterprises technologies technology tech labs laboratories systems bank bancorp partners
    consulting ventures capital solutions services software networks media publishing studios
    studio foods motors airlines pharmaceuticals pharma insurance logistics dynamics analytics
    associates agency robotics biotech therapeutics textiles realty aerospace airways
    semiconductors telecom chemicals petroleum apparel brewing hotels
    """
)
# Industry words that also name everyday things ("Mental Health", "Clean Energy"): they end an
# employer's name only inside a sentence and after a word that is not a generic modifier.
_WEAK_SUFFIXES = _words("energy health healthcare power financial pay retail mobility brands")
_GENERIC_MODIFIERS = _words(
    """
    mental public global clean renewable green solar nuclear digital employee human
    occupational home patient community behavioral behavioural physical personal open smart
    total overall national local regional family women's men's
    """
)
# Suffix words that also name teams or disciplines: they only make an employer after a
# distinctive (non-stop) word, and never before "team"/"squad"/"group".
_AFTER_ORG_NOT = _words("team teams squad squads group guild department org chapter")

# Single cue words before an employer: "at X", "our client X", "joined X".
_ORG_CUES_1 = _words(
    """
    at client clients customer employer vendor agency startup competitor joined join joining
    left leaving quit company firm acquired acquiring
    """
)
_NOUN_ORG_CUES = _words(
    "client clients customer employer vendor agency startup competitor company firm"
)
_ORG_NOUNS = _words(
    "company firm startup agency vendor client customer fintech bank consultancy employer "
    "business shop studio"
)
# People who come from an employer: "anyone from Initech", "recruiters from Shopify".
_FROM_ORG_PEOPLE = _words(
    """
    someone somebody anyone anybody everyone people folks guy guys person recruiter recruiters
    engineer engineers friend friends contact contacts employee employees manager managers
    founder founders colleague colleagues devs designers team teams hr rep reps
    """
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
        ("consult", "for"),
        ("freelance", "for"),
        ("freelanced", "for"),
        ("freelancing", "for"),
        ("contracted", "for"),
        ("rejected", "by"),
        ("hired", "by"),
        ("interned", "at"),
        ("contract", "with"),
        ("founder", "of"),
        ("offer", "from"),
        ("offers", "from"),
        ("here", "from"),
        ("interviewed", "with"),
        ("interviewing", "with"),
        ("acquired", "by"),
        ("laid", "off"),
        ("fired", "from"),
        ("applied", "to"),
        ("apply", "to"),
        ("applying", "to"),
        ("take-home", "for"),
        ("poached", "by"),
    }
    | {(person, "from") for person in _FROM_ORG_PEOPLE}
    # "a fintech called Paylio", "a startup named Zentrix"
    | {(noun, verb) for noun in _ORG_NOUNS for verb in ("called", "named")}
)
_APPOSITIVE_NOT_PEOPLE = _words("partner owner named")
_APPOSITIVE_ORGS = _ORG_NOUNS | _words(
    """
    scale-up scaleup unicorn nonprofit non-profit charity retailer manufacturer lab provider
    platform insurer hospital university school competitor subsidiary consultancy
    """
)

# Big employers that are usually tools or products in a case: an employer only after a
# strong cue ("work at Google", "joined Amazon", "interviewing at Stripe").
_STRONG_ORG_CUES = frozenset({"joined", "employer", "for", "from", "quit", "to", "by"})
_STRONG_BEFORE_CUE = _words(
    """
    work works worked working interviewing interviewed interview interviews onsite offer offers
    job jobs role position internship employed hired started years months stint layoffs
    """
)
_BIG_EMPLOYERS = _words(
    "google amazon microsoft meta apple netflix atlassian salesforce oracle ibm stripe "
    "shopify spotify uber airbnb nvidia intel adobe linkedin"
)
# Companies named after the tool everyone uses ("Slack", "Zoom", "Figma"): "joined Zoom" and
# "quit Slack" are about the tool, so only cues that speak of a job make them an employer.
_TOOL_COMPANIES = _words(
    """
    slack github gitlab figma zoom notion datadog grafana sentry pagerduty linear asana miro
    loom lattice workday bamboohr greenhouse lever hubspot zendesk intercom twilio okta
    1password vercel netlify heroku cloudflare fastly launchdarkly snowflake databricks
    looker tableau openai twitter instagram facebook whatsapp telegram discord reddit youtube
    tiktok substack zapier airtable coda dropbox calendly servicenow sap basecamp clickup
    smartsheet pulumi postman honeycomb splunk amplitude mixpanel optimizely hotjar qualtrics
    typeform gusto rippling deel expensify brex lyft canva framer webflow glassdoor
    """
)
_PRODUCT_COMPANIES = _BIG_EMPLOYERS | _TOOL_COMPANIES
# Words after an employer's name: "the Datadog offer", "my Stripe interview".
_ORG_AFTER = _words(
    """
    offer offers onsite onsites interview interviews recruiter recruiters layoffs layoff
    acquisition ipo internship severance rsus stock shares equity hiring
    """
)
# Domains that say nothing about an employer: mail providers and public platforms.
_PUBLIC_DOMAINS = _words(
    """
    gmail googlemail outlook hotmail live msn yahoo ymail aol proton protonmail pm icloud me
    mac gmx mail email fastmail zoho hey tutanota github gitlab bitbucket linkedin medium
    substack twitter x bit imgur calendly glassdoor behance dribbble notion google youtube
    facebook instagram tiktok reddit mastodon hachyderm fosstodon bsky threads slack zoom
    dropbox docs drive forum wiki www blog notes careers jobs help support corp app web
    example test localhost
    """
)
# Mailbox names that are a role, not a person: "support@", "jobs+eng@", "people-ops@".
_MAILBOX_WORDS = _words(
    """
    support help info contact jobs careers recruiting recruitment hr people ops ethics admin
    sales billing noreply no-reply team hello hi press legal privacy security abuse postmaster
    webmaster feedback office finance accounts payroll it dev eng engineering ceo cfo cto coo
    hiring talent manager reviews throwaway the pm sre design builds codes writes
    """
)

# Tools, products and platforms: never a name; a company only after a strong employer cue.
_TOOLS = _words(
    """
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
    """
)

STOP_WORDS = _TOOLS | _words(
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
    was were is are am be been being has have had do does did got get gets can could would
    should must might shall having done

    english spanish french german italian portuguese dutch polish russian ukrainian chinese
    japanese korean vietnamese thai indian pakistani nigerian kenyan ghanaian brazilian
    mexican canadian american british irish scottish welsh australian swedish norwegian danish
    finnish turkish arabic hindi tamil mandarin cantonese tagalog filipino indonesian greek
    israeli egyptian european asian african latino latina latinx hispanic muslim jewish hindu
    catholic buddhist sikh

    several dozen eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand worse worst plus okay ok well sure yeah yep nope lol btw imo imho fwiw ugh wow oh
    remote hybrid onsite world folks guys y'all payroll benefits treasury audit tax comp
    compensation helpdesk reception
    """
)


# Capitalized words that are never a surname ("Tom Nguyen" yes, "Will Review" no).
_NOT_SURNAMES = STOP_WORDS | _COMPANY_SUFFIXES
# Sets combined once here rather than on every token.
_STOP_NOT_SUFFIX = STOP_WORDS - _COMPANY_SUFFIXES  # "Acme Holdings Ltd" runs through suffixes
_STOP_NOT_COMPANY = STOP_WORDS - _PRODUCT_COMPANIES  # "Google Cloud Services" keeps "Google"
_JOB_WORDS = _ROLE_CUES | _STRONG_BEFORE_CUE  # "engineer at Stripe", "interviewing at Stripe"
# "the Contractor who", "any Engineer who": a word after these is no name.
_ARTICLES = _DETERMINERS | _words("a an this that these those any every each some no another")

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_CONTRACTION = re.compile(r"['’](?:ll|d|ve|re|m|t)$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?:;\n\r\t•*|")
_OPENERS = " \"'“‘([{-–—"
_NOT_ALNUM = re.compile(r"[\W_]+")
_CONTACT_PARTS = re.compile(r"[a-z]+")
# Words shortly before a list that make it a list of people: "The panel was Kalinda, Mthunzi
# and Ilse", "Team list for the offsite: ...", "gone, including Minh and Ngozi".
_PEOPLE_GROUPS = _words(
    """
    panel interviewers team teammates colleagues coworkers co-workers people folks engineers
    designers reports attendees participants reviewers members candidates hires friends
    managers leads list everyone us including cc'd cc invited
    """
)
# ... but not a list of places or employers: "offices including Porto and Kraków".
_NOT_PEOPLE_GROUPS = _words(
    """
    offices cities countries clients customers companies vendors partners firms brands banks
    tools apps products startups employers competitors agencies places locations sites
    """
)
_LIST_CUE_WORDS = 6
_LIST_GAPS = frozenset({", ", " & ", ", & "})
_CONJUNCTIONS = frozenset({"and", "or"})
_SELF = frozenset({"me", "myself", "i"})
_NAME_PARTS = 6  # at most "Juan Carlos de la Fuente" or "Nguyen Thi Lan"
_RUN_WORDS = 6  # at most "First National Bank of Greater Springfield" before a suffix


def _fold(word: str) -> str:
    """`word` without accents, so that "Sofia" in the list also finds "Sofía" and "Thảo"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _squash(word: str) -> str:
    """Lowercase letters and digits only: "Larkspur Energy", "larkspur-energy" and
    "larkspurenergy" all become one key."""
    return _NOT_ALNUM.sub("", _fold(word).lower())


@functools.lru_cache(maxsize=4)
def _folded(names: frozenset[str]) -> frozenset[str]:
    """The accent-free forms of a name list (cached per list, so swapping the list works)."""
    return frozenset(_fold(name) for name in names)


@dataclass(slots=True)
class _Token:
    start: int
    end: int  # without a possessive 's
    stop: int  # with it
    word: str
    lower: str
    folded: str
    cap: bool
    initial: bool
    possessive: bool


def _tokens(text: str) -> list[_Token]:
    """Words with their offsets, case and position: whether each is capitalized (not an
    acronym, "I" or a contraction), starts a sentence, or is possessive ("Sarah's")."""
    tokens = []
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        possessive = False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, end, possessive = word[:-2], end - 2, True
        cap = len(word) > 1 and word[0].isupper() and not word.isupper()
        if cap and (_CONTRACTION.search(word) or (word[-1] == "s" and word[:-1].isupper())):
            cap = False  # "I'll", "Don't", "We've"; "PMs", "OKRs"
        position = start - 1
        while position >= 0 and text[position] in _OPENERS:
            position -= 1
        initial = position < 0 or text[position] in _SENTENCE_END
        tokens.append(
            _Token(start, end, m.end(), word, word.lower(), _fold(word), cap, initial, possessive)
        )
    return tokens


@dataclass(slots=True)
class _Contacts:
    """What emails, links and handles in the same text say about names in it."""

    domains: set[str]  # squashed host labels: "larkspurenergy", "larkspur"
    first_names: set[str]  # "grace" from grace.obi@outlook.com
    whole_names: set[str]  # "junho" from @junho@mastodon.social, for "Jun-ho"


def _contacts(findings: list[Finding]) -> _Contacts:
    """Collect employer and person evidence from contact details.

    A capitalized phrase that spells the domain of an email address in the same text
    ("Larkspur Energy" and ethics@corp.larkspur-energy.com) is the employer. Link hosts are
    not used: a link is as often to a product ("Ruff" and docs.astral.sh/ruff) as to an
    employer. A word that is the first part of a personal mailbox or handle (Grace and
    grace.obi@outlook.com) is a name.
    """
    domains: set[str] = set()
    first_names: set[str] = set()
    whole_names: set[str] = set()
    for finding in findings:
        text = finding.text.lower()
        if finding.kind == "email":
            local, _, host = text.partition("@")
            _add_person_parts(local.split("+")[0], first_names, whole_names)
            _add_employer_domain(local, host, domains)
        elif finding.kind == "handle":
            local = text[1:].partition("@")[0].split(".bsky.")[0]
            _add_person_parts(local, first_names, whole_names)
    return _Contacts(domains, first_names, whole_names)


def _add_employer_domain(local: str, host: str, domains: set[str]) -> None:
    """Add the labels of an email domain, unless the address is a personal one
    ("paul@ganssle.io", where the domain is the person's own name)."""
    if _fold(local.split(".")[0]).capitalize() in FIRST_NAMES:
        return
    for label in host.split(".")[:-1]:
        if label in _PUBLIC_DOMAINS or label in STOP_WORDS or len(label) < 3:
            continue
        domains.add(_squash(label))
        head = label.split("-")[0]
        if head != label and len(head) > 3 and head not in STOP_WORDS:
            domains.add(head)


def _add_person_parts(local: str, first_names: set[str], whole_names: set[str]) -> None:
    """Add the first part of a "first.last" mailbox or handle, and the whole of it."""
    parts = _CONTACT_PARTS.findall(local)
    if not parts or any(part in _MAILBOX_WORDS for part in parts):
        return
    whole_names.add("".join(parts))
    if len(parts) > 1 and len(parts[0]) > 2 and parts[0] not in STOP_WORDS:
        first_names.add(parts[0])


def _names_and_employers(text: str, contact_findings: list[Finding]) -> list[Finding]:
    """People and employers in `text`, using the emails and handles found in it as evidence."""
    return _Scanner(text, _contacts(contact_findings)).scan()


class _Scanner:
    """Finds people and employers in one text. Each rule is a method; they run in order,
    and a token taken by an earlier rule is not looked at again."""

    def __init__(self, text: str, contacts: _Contacts) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.contacts = contacts
        self.names = _folded(FIRST_NAMES)
        self.found: list[Finding] = []
        self.kind_at: dict[int, str] = {}
        self.last_at: dict[int, int] = {}  # token -> last token of the finding it is in
        self.people: set[str] = set()
        self.employers: set[str] = set()
        self.before_org_nouns: set[int] = set()

    def scan(self) -> list[Finding]:
        self.suffixed_employers()
        self.employers_named_by_domains()
        self.titled_people()
        self.before_org_nouns = self.runs_before_org_nouns()
        self.cued_words()
        self.lowercase_names()
        self.lists()
        self.other_mentions()
        return self.found

    # -- helpers --------------------------------------------------------------------------

    def known(self, t: _Token) -> bool:
        """A listed first name that is not also an ordinary word."""
        return t.folded in self.names and t.word not in AMBIGUOUS_FIRST_NAMES

    def name_word(self, t: _Token) -> bool:
        """Capitalized and not a stop word or company suffix: can be (part of) a name."""
        return t.cap and t.lower not in STOP_WORDS and t.lower not in _COMPANY_SUFFIXES

    def joined(self, left: int, right: int) -> bool:
        """Whether two tokens are adjacent words of one name ("Tom Nguyen")."""
        a, b = self.tokens[left], self.tokens[right]
        return self.text[a.end : b.start] in (" ", "\u00a0") and not a.possessive

    def org_joined(self, left: int, right: int) -> bool:
        """Like `joined`, and "&" joins the words of an employer ("Pixel & Pine")."""
        a, b = self.tokens[left], self.tokens[right]
        return self.joined(left, right) or (
            self.text[a.end : b.start] == " & " and not a.possessive and b.cap
        )

    def word_before(self, index: int, distance: int = 1) -> str:
        """The lowercase word `distance` tokens back, if the words in between are close
        (a space, ", " or " (" apart, as a cue and the name after it are)."""
        for step in range(distance):
            right = index - step
            if right < 1:
                return ""
            left = self.tokens[right - 1]
            gap = self.text[left.stop : self.tokens[right].start]
            if gap not in (" ", ", ", " (", "\u00a0") or (step > 0 and gap != " "):
                return ""
        left = self.tokens[index - distance]
        return left.lower + "'s" if left.possessive else left.lower

    def free(self, index: int) -> bool:
        """Not yet part of a finding."""
        return index not in self.kind_at

    def add(self, kind: str, first: int, last: int) -> None:
        """Record a finding over tokens `first`..`last` and remember its words, so that other
        mentions of them are found too."""
        start, end = self.tokens[first].start, self.tokens[last].end
        if kind == "organization" and end < len(self.text) and self.text[end] == ".":
            after = self.text[end + 1 : end + 3]
            abbreviation = self.tokens[last].lower in ("inc", "corp", "co", "ltd")
            if abbreviation and after[:1] == " " and after[1:2].islower():
                end += 1  # "Monsters Inc. and ...", but not "Virtucon Ltd. My ..."
        self.found.append(Finding(kind, start, end, self.text[start:end]))
        for index in range(first, last + 1):
            self.kind_at[index] = kind
            self.last_at[index] = last
            t = self.tokens[index]
            if kind == "person" and t.lower not in _PARTICLES and len(t.word) > 1:
                self.people.add(t.folded)
        if kind == "organization" and self.tokens[first].lower not in STOP_WORDS:
            self.employers.add(self.tokens[first].word)

    def surname_like(self, index: int) -> bool:
        """Can continue a name: "Nguyen" in "Tom Nguyen", not "Review" or "Will"."""
        t = self.tokens[index]
        return (
            self.free(index)
            and t.cap
            and t.lower not in _NOT_SURNAMES
            and t.word not in AMBIGUOUS_FIRST_NAMES
        )

    def name_end(self, index: int) -> int:
        """The last token of a name starting at `index`: its given name, surnames and
        particles ("Nguyen Thi Lan", "Siobhan Ní Bhriain", "Juan Carlos de la Fuente").
        Particles are only kept when a surname follows them."""
        last, nxt = index, index + 1
        while nxt < len(self.tokens) and nxt - index < _NAME_PARTS and self.joined(nxt - 1, nxt):
            if self.surname_like(nxt):
                last = nxt
            elif self.tokens[nxt].lower not in _PARTICLES:
                break
            nxt += 1
        return last

    def run_end(self, index: int) -> int:
        """The last token of a run of capitalized words starting at `index`."""
        last = index
        while (
            last - index < _RUN_WORDS
            and last + 1 < len(self.tokens)
            and self.org_joined(last, last + 1)
        ):
            t = self.tokens[last + 1]
            ampersand = self.text[self.tokens[last].end : t.start] == " & "
            if not (t.cap or t.lower in _COMPANY_SUFFIXES):
                break
            if t.lower in _STOP_NOT_SUFFIX and not ampersand:
                break  # but "Bright & Early" is one name
            last += 1
        return last

    # -- employers ending in a company suffix ---------------------------------------------

    def suffixed_employers(self) -> None:
        """Capitalized words ending in a company suffix: "Blue Yonder Logistics Ltd",
        "Acme Corp", "Cyberdyne Robotics"; "Larkspur Energy" only inside a sentence."""
        tokens = self.tokens
        for index, t in enumerate(tokens):
            weak = t.lower in _WEAK_SUFFIXES
            if index == 0 or not (t.lower in _COMPANY_SUFFIXES or weak) or not self.free(index):
                continue
            if not (t.word[0].isupper() or t.word == "plc"):
                continue
            nxt = index + 1
            if nxt < len(tokens) and self.joined(index, nxt):
                if tokens[nxt].lower in _AFTER_ORG_NOT:
                    continue
                if tokens[nxt].lower in _COMPANY_SUFFIXES and tokens[nxt].word[0].isupper():
                    continue  # "Acme Holdings Ltd": the last suffix ends the name
            first = self.suffix_run_start(index)
            distinctive = [
                tokens[i]
                for i in range(first, index)
                if tokens[i].lower in _PRODUCT_COMPANIES
                or (tokens[i].lower not in STOP_WORDS and tokens[i].lower not in _COMPANY_SUFFIXES)
            ]
            if not distinctive:
                continue
            while tokens[first].lower in _STOP_NOT_COMPANY:
                first += 1
            if weak and (
                tokens[first].initial
                or any(tokens[i].lower in _GENERIC_MODIFIERS for i in range(first, index))
            ):
                continue
            self.add("organization", first, index)

    def suffix_run_start(self, index: int) -> int:
        """The first capitalized word of the name that the suffix at `index` ends."""
        first = index
        while (
            index - first < _RUN_WORDS
            and first > 0
            and self.org_joined(first - 1, first)
            and self.free(first - 1)
        ):
            previous = self.tokens[first - 1]
            acronym = previous.word.isupper() and len(previous.word) > 2
            if not (previous.cap or acronym) or previous.word in ("The", "A", "An"):
                break
            if previous.initial and previous.lower in STOP_WORDS:
                break
            first -= 1
        return first

    def employers_named_by_domains(self) -> None:
        """A capitalized phrase that spells an email domain of the same text is the employer:
        "Larkspur Energy has 9,000 employees" with ethics@corp.larkspur-energy.com."""
        if not self.contacts.domains:
            return
        tokens = self.tokens
        for index, t in enumerate(tokens):
            if not (self.free(index) and t.cap) or t.lower in STOP_WORDS or self.known(t):
                continue
            key, best = "", -1
            for last in range(index, min(index + 3, len(tokens))):
                if last > index and not (self.org_joined(last - 1, last) and self.free(last)):
                    break
                if not tokens[last].cap:
                    break
                key += _squash(tokens[last].word)
                if key in self.contacts.domains:
                    best = last
            if best >= 0:
                self.add("organization", index, best)

    # -- people after a title -------------------------------------------------------------

    def titled_people(self) -> None:
        """Titles: "Dr. Rajesh Kumar", "Ms. Okafor", "Mr. De la Cruz"."""
        tokens = self.tokens
        for index, t in enumerate(tokens[:-1]):
            if t.lower not in _TITLES or not t.word[0].isupper():
                continue
            gap = self.text[t.end : tokens[index + 1].start]
            if gap not in (" ", ". ", ".\u00a0") or not self.free(index + 1):
                continue
            nxt = tokens[index + 1]
            if nxt.cap and nxt.lower not in STOP_WORDS:
                self.add("person", index + 1, self.name_end(index + 1))

    # -- cues around a capitalized word ---------------------------------------------------

    def cued_words(self) -> None:
        """Each capitalized word: an employer after a cue, else a person when it is a known
        first name or a cue says so."""
        for index, t in enumerate(self.tokens):
            if not self.free(index) or not t.cap:
                continue
            if self.employer_by_cue(index):
                continue
            if t.lower in STOP_WORDS or t.lower in _TITLES:
                continue
            last = self.name_end(index)
            if self.known(t):
                self.add("person", index, last)
            elif t.lower in _COMPANY_SUFFIXES:
                continue
            elif self.person_cue(index) or (t.word in AMBIGUOUS_FIRST_NAMES and last > index):
                self.add("person", index, last)

    def employer_by_cue(self, index: int) -> bool:
        """Employers after a cue ("at Initech", "our client, Globex", "anyone from Hooli",
        "joined Amazon") or before one ("the Datadog offer")."""
        t = self.tokens[index]
        if t.folded in self.names:
            return False
        if t.possessive or self.appositive(t) == "organization":
            return self.employer_with_own_cue(index)
        if _ORG_AFTER_VERB.match(self.text, t.stop):
            return self.employer_with_own_cue(index)
        before, before2 = self.word_before(index), self.word_before(index, 2)
        cue = before if before in _ORG_CUES_1 or (before2, before) in _ORG_CUES_2 else ""
        if cue in _NOUN_ORG_CUES and not self.tokens[index - 1].word.islower():
            cue = ""  # "Customer Advisory Board" is a name, not a cue and a name
        job_cue = cue in ("from", "employer", "for", "at") or before2 in _JOB_WORDS
        strong = job_cue if t.lower in _TOOL_COMPANIES else job_cue or cue in _STRONG_ORG_CUES
        if not cue:
            if index not in self.before_org_nouns or t.initial:
                return False
            strong = True  # "the Datadog offer"
        if t.lower in _PRODUCT_COMPANIES and strong:
            self.add("organization", index, index)
            return True
        if not self.name_word(t):
            return False
        last = self.run_end(index)
        if last + 1 < len(self.tokens) and self.tokens[last + 1].lower in _AFTER_ORG_NOT:
            return True
        self.add("organization", index, last)
        return True

    def runs_before_org_nouns(self) -> set[int]:
        """First tokens of capitalized runs right before an employer noun: "Datadog" in "the
        Datadog offer", "Larkspur" in "my Larkspur Energy interview"."""
        firsts = set()
        for index, t in enumerate(self.tokens):
            if t.lower not in _ORG_AFTER or index == 0 or not self.joined(index - 1, index):
                continue
            first = index - 1
            while (
                index - first < _RUN_WORDS
                and first > 0
                and self.org_joined(first - 1, first)
                and self.name_word(self.tokens[first - 1])
            ):
                first -= 1
            if self.tokens[first].cap:
                firsts.add(first)
        return firsts

    def employer_with_own_cue(self, index: int) -> bool:
        """ "Zentrix's CEO", "Paylio, a Berlin fintech", "Quantix acquired ...": what follows
        the word says employer."""
        t = self.tokens[index]
        if t.possessive:
            nxt = index + 1
            if nxt >= len(self.tokens) or self.tokens[nxt].lower not in _ORG_NOUNS_OWNED:
                return False
            if t.lower in _PRODUCT_COMPANIES:  # "Google's offer"
                self.add("organization", index, index)
                return True
        if not self.name_word(t):
            return False
        self.add("organization", index, index)
        return True

    def person_cue(self, index: int) -> bool:
        """Whether the words around an unlisted (or ambiguous) capitalized word say it is a
        person: a role word, a verb that takes a person, a greeting, what follows it."""
        t = self.tokens[index]
        return (
            self.role_cue(index)
            or self.phrase_cue(index)
            or self.speech_after(index)
            or self.person_after(index)
            or self.in_contacts(t)
            or (not t.initial and "-" in t.word and self.korean_name(t.word))
        )

    def in_contacts(self, t: _Token) -> bool:
        """Whether a mailbox or handle of the text is this person's: "Grace" and
        grace.obi@outlook.com, "Jun-ho" and @junho@mastodon.social."""
        key = _squash(t.word)
        contacts = self.contacts
        return key in contacts.first_names or ("-" in t.word and key in contacts.whole_names)

    def role_cue(self, index: int) -> bool:
        """ "my manager Sarah", "PM Marisol", "a colleague named Aisha", "my lead is priya";
        not inside a capitalized title ("Engineering Manager Training")."""
        if index == 0:
            return False
        previous = self.tokens[index - 1]
        before, before2 = self.word_before(index), self.word_before(index, 2)
        running = previous.word.islower() or previous.word.isupper()
        if running and before in _ROLE_CUES and (before != "named" or before2):
            return True
        # "my lead is priya", "our lead engineer is kofi"
        return (
            before in ("is", "was")
            and before2 in _ROLE_CUES
            and (
                self.word_before(index, 3) in _DETERMINERS
                or self.word_before(index, 4) in _DETERMINERS
            )
        )

    def phrase_cue(self, index: int) -> bool:
        """Phrases before a person: "Ask for Hélène", "we call her Gosia", "talked to
        Jun-ho", "I asked Kemi", "hey, it's Grace"."""
        t = self.tokens[index]
        before, before2 = self.word_before(index), self.word_before(index, 2)
        if (before2, before) in _PERSON_CUES_2 or before in _BEFORE_PERSON:
            return True
        window = max(0, t.start - 60)
        if before in _INTRODUCING:
            return bool(_INTRODUCTION.search(self.text, window, t.start))
        if before == "with":
            return bool(_WITH_PERSON.search(self.text, window, t.start))
        return self.text[window : t.start].rstrip()[-1:] in "—–-~" and bool(
            _SIGNATURE_BEFORE.search(self.text, window, t.start)
            and _SIGNATURE_AFTER.match(self.text, t.stop)
        )

    def speech_after(self, index: int) -> bool:
        """A speech verb after the word: "Lars replied". A sentence's first word needs a verb
        that a document cannot do: "Quentin told me", not "Contract says 3"."""
        t = self.tokens[index]
        if index + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[index + 1]
        if self.text[t.stop : nxt.start] not in (" ", ", "):
            return False
        return nxt.lower in (_CORE_SPEECH_VERBS if t.initial else _SPEECH_VERBS)

    def person_after(self, index: int) -> bool:
        """What follows says a person: "Apinya got let go", "Chad, who ...", "Minh and I",
        "Nadia from marketing". Not after an article ("the Contractor who")."""
        t = self.tokens[index]
        if self.word_before(index) in _ARTICLES:
            return False
        if t.possessive:
            nxt = index + 1
            return nxt < len(self.tokens) and self.tokens[nxt].lower in _PERSONAL_NOUNS
        if self.appositive(t) == "person" and not (t.initial and t.lower.endswith("ly")):
            return True  # "Ruairí, my tech lead, ...", but not "Frankly, our CTO, ..."
        if t.initial and t.lower.endswith("s") and t.lower[-2:-1] not in ("a", "i", "o", "u"):
            return False  # "Contractors who ...", "Recruiters got ..."
        if _PERSON_AFTER.match(self.text, t.stop):
            return True
        if t.initial:
            return False
        return bool(
            _PERSON_AFTER_INSIDE.match(self.text, t.stop) or _FROM_TEAM.match(self.text, t.stop)
        )

    def appositive(self, t: _Token) -> str:
        """ "person" or "organization" when a phrase set off after the word says which:
        "Dmitri Volkov, our new CTO," or "Paylio, a Berlin fintech,"."""
        m = _APPOSITIVE.match(self.text, t.stop)
        if not m:
            return ""
        noun = m.group("noun").lower()
        if noun in _APPOSITIVE_ORGS:
            return "organization"
        if noun in _ROLE_CUES and noun not in _APPOSITIVE_NOT_PEOPLE:
            return "person"
        return ""

    @staticmethod
    def korean_name(word: str) -> bool:
        """ "Jun-ho", "Seo-yeon": two romanized Korean syllables joined by a hyphen."""
        lower = word.lower()
        return (
            word[1:] == lower[1:]
            and lower not in _NOT_KOREAN
            and bool(_KOREAN_NAME.fullmatch(lower))
        )

    # -- names written in lowercase -------------------------------------------------------

    def casual(self) -> bool:
        """Whether the text is written in lowercase ("ok so my coworker ... i said"), where
        names are too; in capitalized text a lowercase word after a role is a noun."""
        return any(t.word == "i" or (t.initial and t.word.islower()) for t in self.tokens)

    def lowercase_names(self) -> None:
        """Listed first names written in lowercase, with a cue: "my coworker bernardo",
        "my lead is priya", "adebayo and I". Never words such as "will" or "elif"."""
        casual = None
        for index, t in enumerate(self.tokens):
            if not self.free(index) or not t.word.islower() or len(t.word) < 3:
                continue
            if t.lower in _LOWERCASE_WORDS or t.lower in STOP_WORDS:
                continue
            name = t.folded[0].upper() + t.folded[1:]
            if name in AMBIGUOUS_FIRST_NAMES:
                continue
            if name not in self.names:
                if casual is None:
                    casual = self.casual()
                if casual and self.unlisted_lowercase_name(index):
                    self.add("person", index, index)
                continue
            before = self.word_before(index)
            if (
                self.role_cue(index)
                or self.phrase_cue(index)
                or self.speech_after(index)
                or _PERSON_AFTER.match(self.text, t.stop)
                or _PERSON_AFTER_INSIDE.match(self.text, t.stop)
                or (before == "and" and self.word_before(index, 2) == "me")
            ):
                self.add("person", index, index)

    def unlisted_lowercase_name(self, index: int) -> bool:
        """ "my coworker tavita keeps ...": an unlisted lowercase word between a role and a
        verb that a person does; not an adverb, a plural or a verb form ("my lead really")."""
        t = self.tokens[index]
        if t.lower in _NOT_LOWERCASE_NAMES or t.lower in _SPEECH_VERBS:
            return False
        if t.lower.endswith(("ly", "ing", "ed", "s")) or not t.word.isalpha():
            return False
        nxt = index + 1
        if nxt >= len(self.tokens) or self.text[t.stop : self.tokens[nxt].start] != " ":
            return False
        return self.tokens[nxt].lower in _VERBS_AFTER_LOWERCASE_NAME and self.role_cue(index)

    # -- lists and coordinations ----------------------------------------------------------

    def lists(self) -> None:
        """A list of capitalized words is of one kind: "Karthik, Meenakshi, Sofía, Wojtek,
        and me" are all people once one of them is a known name (or "me" is in it), and "from
        Shopify or Atlassian" are both employers once one is."""
        index = 0
        while index < len(self.tokens):
            items, conjunction = self.list_at(index)
            if len(items) >= 3 or (len(items) == 2 and conjunction):
                self.label_list(items)
                index = items[-1][1] + 1
            else:
                index += 1

    def list_at(self, index: int) -> tuple[list[tuple[int, int]], bool]:
        """The items (first, last token) of a list starting at `index`, and whether it has
        an "and"/"or"."""
        tokens, items, conjunction = self.tokens, [], False
        first = index
        while first < len(tokens):
            t = tokens[first]
            if t.lower in _SELF and not t.cap:
                last = first
            elif t.cap:
                last = self.item_end(first)
            else:
                break
            items.append((first, last))
            nxt = last + 1
            if nxt >= len(tokens) or tokens[last].possessive:
                break
            gap = self.text[tokens[last].stop : tokens[nxt].start]
            if gap in (" ", ", ") and tokens[nxt].lower in _CONJUNCTIONS:
                if (
                    nxt + 1 >= len(tokens)
                    or self.text[tokens[nxt].stop : tokens[nxt + 1].start] != " "
                ):
                    break
                conjunction, first = True, nxt + 1
            elif gap in _LIST_GAPS:
                conjunction = conjunction or "&" in gap
                first = nxt
            else:
                break
        return items, conjunction

    def item_end(self, first: int) -> int:
        """The last token of a list item: of the finding it starts, or of its capitalized run."""
        return self.last_at[first] if first in self.last_at else self.run_end(first)

    def people_group_before(self, first: int) -> bool:
        """Whether the words just before a list (same sentence) name a group of people."""
        group = False
        for index in range(first - 1, max(-1, first - 1 - _LIST_CUE_WORDS), -1):
            t, after = self.tokens[index], self.tokens[index + 1]
            if after.initial and not self.text[t.stop : after.start].rstrip().endswith(":"):
                break  # "Team list for the offsite: Karthik, ..." looks back past a colon only
            if t.lower in _NOT_PEOPLE_GROUPS:
                return False
            group = group or t.lower in _PEOPLE_GROUPS
        return group

    def label_list(self, items: list[tuple[int, int]]) -> None:
        """Give every item the list's kind: people when an item is a person, "me" is among
        two or more names, or a group of people is named just before; else employers when
        an item is one. Stop words and tools in the list stay unlabelled."""
        kinds = {self.kind_at.get(first) for first, _ in items}
        selves = sum(self.tokens[first].lower in _SELF for first, _ in items)
        if "person" in kinds or (selves and len(items) - selves > 1):
            kind = "person"
        elif "organization" in kinds:
            kind = "organization"
        elif self.people_group_before(items[0][0]):
            kind = "person"
        else:
            return
        for first, last in items:
            t = self.tokens[first]
            if not self.free(first) or not t.cap or t.lower in _SELF:
                continue
            if kind == "person" and self.name_word(t) and t.lower not in _PRODUCT_COMPANIES:
                self.add("person", first, self.name_end(first))
            elif kind == "organization" and t.folded not in self.names and self.name_word(t):
                self.add("organization", first, last)
            elif kind == "organization" and t.lower in _PRODUCT_COMPANIES:
                self.add("organization", first, first)

    # -- other mentions -------------------------------------------------------------------

    def other_mentions(self) -> None:
        """Other mentions of a name or employer already found, before or after, possessive
        or not: "... Globex is upset", "Karthik's wife", "priya. priya keeps"."""
        lower_people = {
            name.lower()
            for name in self.people
            if name.islower()
            or (
                name in self.names
                and name not in AMBIGUOUS_FIRST_NAMES
                and name.lower() not in _LOWERCASE_WORDS
                and name.lower() not in STOP_WORDS
            )
        }
        for index, t in enumerate(self.tokens):
            if not self.free(index):
                continue
            if t.cap and t.folded in self.people:
                if t.initial and t.word in AMBIGUOUS_FIRST_NAMES:
                    continue  # "Will it work?" after "my coworker Will"
                self.found.append(Finding("person", t.start, t.end, t.word))
            elif t.cap and t.word in self.employers:
                self.found.append(Finding("organization", t.start, t.end, t.word))
            elif t.word.islower() and t.folded in lower_people:
                self.found.append(Finding("person", t.start, t.end, t.word))
