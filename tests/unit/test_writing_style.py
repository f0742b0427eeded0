from caseboard.writing_style import compare
from tests.style_samples import DISTINCTIVE_DRAFT, DISTINCTIVE_EARLIER, ORDINARY


def test_a_draft_in_the_author_s_style_reads_more_like_their_case_than_strangers_do():
    match = compare(DISTINCTIVE_DRAFT, [DISTINCTIVE_EARLIER], ORDINARY)
    assert match.strangers == len(ORDINARY)
    assert match.closer_than == len(ORDINARY)


def test_a_draft_in_another_style_does_not():
    strangers = ORDINARY[4:9]  # none shares a passage with ORDINARY[0]
    match = compare(ORDINARY[0], [DISTINCTIVE_EARLIER], strangers)
    assert match.closer_than == 0


def test_the_hints_name_reused_phrases_rare_words_and_habits():
    match = compare(DISTINCTIVE_DRAFT, [DISTINCTIVE_EARLIER], ORDINARY)
    assert "so to be brutally frank i was asked to organise the" in match.phrases
    assert "organise" in match.words and "organisation" in match.words
    assert match.habits == ["ellipses (… or ...)", "a lowercase “i”"]


def test_words_and_phrases_strangers_use_too_are_not_hints():
    shared_with_a_stranger = "To be brutally frank, I was asked to organise the party."
    match = compare(DISTINCTIVE_DRAFT, [DISTINCTIVE_EARLIER], [*ORDINARY, shared_with_a_stranger])
    assert not any("brutally" in phrase for phrase in match.phrases)
    assert "brutally" not in match.words
