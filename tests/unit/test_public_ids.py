from caseboard.models.base import is_public_id, random_public_id


def test_a_public_id_never_starts_with_a_dash_that_a_command_line_reads_as_an_option():
    ids = [random_public_id() for _ in range(3000)]  # one in 64 would start with "-"
    assert not any(public_id.startswith("-") for public_id in ids)
    assert all(is_public_id(public_id) for public_id in ids)
    assert len(set(ids)) == len(ids)
