"""The bot benchmark's scripted clients read forms as a script does, and each kind fills
them its own way: what the benchmark's figures rest on."""

from benchmarks.bots import Bot, forms_of

REGISTER_FORM = """
<form method="post" action="/register">
  <input type="hidden" name="csrf_token" value="abc">
  <input type="text" name="username">
  <input type="password" name="password">
  <div aria-hidden="true"><input type="text" name="website" tabindex="-1" aria-hidden="true"></div>
  <input type="hidden" name="form_rendered" value="signed">
  <altcha-widget name="altcha"></altcha-widget>
  <select name="level">
    <option value="">Choose</option><option value="senior">Senior</option>
  </select>
  <button name="action" value="preview">Preview</button>
  <button name="action" value="post">Post</button>
</form>
"""


def test_a_script_reading_the_page_sees_every_field_the_widget_and_the_buttons():
    (form,) = forms_of(REGISTER_FORM)
    names = [attrs["name"] for _, attrs in form["fields"]]
    assert form["action"] == "/register" and form["pow"]
    assert names == [
        "csrf_token",
        "username",
        "password",
        "website",
        "form_rendered",
        "level",
        "action",
        "action",
    ]


def test_the_form_filling_bot_fills_the_honeypot_and_the_careful_one_leaves_it_empty():
    (form,) = forms_of(REGISTER_FORM)
    filled = Bot("http://127.0.0.1", "form-filling", 1).fill(form, "text")
    careful = Bot("http://127.0.0.1", "careful", 1).fill(form, "text")
    assert filled["website"] and careful["website"] == ""
    assert careful["csrf_token"] == "abc" and careful["form_rendered"] == "signed"


def test_a_bot_sends_the_post_button_and_a_chosen_option_not_the_preview():
    (form,) = forms_of(REGISTER_FORM)
    data = Bot("http://127.0.0.1", "careful", 1).fill(form, "text")
    assert data["action"] == "post" and data["level"] == "senior"
    assert "altcha" not in data  # no JavaScript, no proof of work
