import pytest

from caseboard import create_app


@pytest.mark.parametrize("key", [None, "", "dev", "short-key"])
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, tmp_path, key):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("CASEBOARD_SECRET_KEY", raising=False)
    if key is not None:
        monkeypatch.setenv("SECRET_KEY", key)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite")
    monkeypatch.chdir(tmp_path)
    import caseboard.config as config

    monkeypatch.setattr(config, "read_generated_secret_key", lambda path: None)
    with pytest.raises(RuntimeError, match="real SECRET_KEY"):
        create_app()


def test_a_long_random_key_is_accepted(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "k" * 48)
    monkeypatch.setenv("DATABASE_URL", "postgres://user@db.internal/caseboard")
    app = create_app()
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://user@db.internal/caseboard"
    )


def test_the_default_run_generates_a_private_key_once(tmp_path):
    from caseboard.config import generate_secret_key

    path = generate_secret_key(str(tmp_path))
    first = path.read_text()
    assert len(first) >= 48 and oct(path.stat().st_mode)[-3:] == "600"
    generate_secret_key(str(tmp_path))
    assert path.read_text() == first
