"""Sign-in and roles in the app: local mode edits freely; with [auth], strangers see only the sign-in screen,
viewers read every data page but cannot add articles, and editors upload."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP_PATH, RUN_TIMEOUT_SECONDS

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret-that-is-long-enough-to-sign",
    "client_id": "flashpoint-tests",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}
ACCESS = {"editors": ["editor@example.org"]}
EDITOR = {"is_logged_in": True, "email": "editor@example.org", "name": "Ed Itor"}
VIEWER = {"is_logged_in": True, "email": "reader@example.org", "name": "Rea Der"}
SIGNED_OUT = {"is_logged_in": False}
READ_PAGES = [
    "app_pages/overview.py",
    "app_pages/places_map.py",
    "app_pages/timeline.py",
    "app_pages/actors.py",
    "app_pages/articles.py",
    "app_pages/data.py",
]
PASTED = "Rockets hit Erbil\n\nThree rockets struck near Erbil on Saturday, officials said."


@pytest.fixture
def open_as() -> Callable[..., AppTest]:
    """Run the app as a user under a secrets.toml, on one page; `access=None` leaves [flashpoint] out."""

    def open_at(
        user: dict, page: str = "app_pages/overview.py", access: dict | None = ACCESS, auth: dict | None = AUTH
    ) -> AppTest:
        app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
        if auth is not None:
            app.secrets["auth"] = auth
        if access is not None:
            app.secrets["flashpoint"] = access
        app.user = user
        app.run()
        if page != "app_pages/overview.py":
            app.switch_page(page).run()
        return app

    return open_at


def button_keys(app: AppTest) -> set[str]:
    return {button.key for button in app.button}


def upload_pasted(app: AppTest) -> AppTest:
    app.text_area(key="upload_pasted_text").set_value(PASTED).run()
    app.button(key="upload_submit").click().run()
    return app


def test_without_auth_everyone_edits_and_nobody_signs_in(database_url, open_as) -> None:
    app = open_as({"email": "test@example.com"}, auth=None)
    assert "load_samples" in button_keys(app)
    assert not {"sign_in", "sign_out"} & button_keys(app)
    app.switch_page("app_pages/upload.py").run()
    assert app.get("file_uploader")


def test_editor_lists_alone_do_not_turn_on_sign_in(database_url, open_as) -> None:
    app = open_as({}, auth=None, access={"editors": ["editor@example.org"], "viewers": []})
    assert not app.exception
    assert "load_samples" in button_keys(app)


def sees_only_the_sign_in_screen(app: AppTest) -> bool:
    nothing_else = not (app.metric or app.dataframe or app.sidebar.children or app.markdown or app.get("html"))
    return not app.exception and button_keys(app) == {"sign_in"} and nothing_else


@pytest.mark.parametrize("page", [*READ_PAGES, "app_pages/upload.py"])
def test_signed_out_user_sees_only_the_sign_in_button_on_every_address(seeded_database, page) -> None:
    app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
    app.secrets["auth"] = AUTH
    app.user = SIGNED_OUT
    app.query_params.update({"actor": "Houthis"})
    app.run()
    assert sees_only_the_sign_in_screen(app)
    assert sees_only_the_sign_in_screen(app.switch_page(page).run())


def test_an_account_without_the_login_flag_counts_as_signed_out(seeded_database, open_as) -> None:
    app = open_as({"email": "editor@example.org"})
    assert button_keys(app) == {"sign_in"}
    assert not app.metric


def test_editor_signs_in_and_uploads(database_url, open_as) -> None:
    app = open_as(EDITOR, page="app_pages/upload.py")
    assert not app.exception
    assert "Signed in as editor@example.org · editor" in [caption.value for caption in app.sidebar.caption]
    upload_pasted(app)
    report = next(table.value for table in app.dataframe if "result" in table.value.columns)
    assert list(report["result"]) == ["saved"]


def test_editor_on_an_empty_database_may_load_the_samples(database_url, open_as) -> None:
    assert "load_samples" in button_keys(open_as(EDITOR))


@pytest.mark.parametrize("page", READ_PAGES)
def test_viewer_reads_every_data_page(seeded_database, open_as, page) -> None:
    app = open_as(VIEWER, page=page)
    assert not app.exception
    assert not app.warning
    assert app.title[0].value != "Flashpoint"


def test_viewer_sees_the_data_but_has_no_upload_page(seeded_database, open_as) -> None:
    app = open_as(VIEWER)
    assert int(next(metric.value for metric in app.metric if metric.label == "Articles")) == 2
    assert "Viewers read; only editors may upload, correct or delete articles." in [
        caption.value for caption in app.sidebar.caption
    ]
    assert "sign_out" in button_keys(app)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("app_pages/upload.py")


def test_viewer_on_an_empty_database_is_not_offered_the_samples(database_url, open_as) -> None:
    app = open_as(VIEWER)
    assert "load_samples" not in button_keys(app)
    assert "An editor can upload articles" in app.markdown[0].value


def test_an_unverified_editor_address_only_reads(seeded_database, open_as) -> None:
    app = open_as({**EDITOR, "email_verified": False})
    assert "Signed in as an account without an email · viewer" in [caption.value for caption in app.sidebar.caption]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("app_pages/upload.py")


def test_a_domain_on_the_editor_list_makes_its_accounts_editors(database_url, open_as) -> None:
    app = open_as(VIEWER, access={"editors": ["@example.org"]}, page="app_pages/upload.py")
    assert app.get("file_uploader")


def test_someone_off_the_viewer_list_is_refused(seeded_database, open_as) -> None:
    app = open_as(VIEWER, access={**ACCESS, "viewers": ["analyst@example.org"]})
    assert not app.exception
    assert "reader@example.org is not on this deployment's list of readers." in app.warning[0].value
    assert button_keys(app) == {"sign_out_refused"}
    assert not app.metric and not app.dataframe


def test_a_listed_viewer_reads(seeded_database, open_as) -> None:
    app = open_as(VIEWER, access={**ACCESS, "viewers": ["reader@example.org"]})
    assert int(next(metric.value for metric in app.metric if metric.label == "Articles")) == 2


def test_a_bad_editor_list_is_explained_before_any_data(seeded_database, open_as) -> None:
    app = open_as(EDITOR, access={"editors": "editor@example.org"})
    assert not app.exception
    assert "[flashpoint] editors must be a list" in app.error[0].value
    assert not app.metric


def test_upload_page_refuses_a_viewer_who_reaches_it_directly(database_url) -> None:
    page = AppTest.from_file(
        str(APP_PATH).replace("app.py", "app_pages/upload.py"), default_timeout=RUN_TIMEOUT_SECONDS
    )
    page.secrets["auth"] = AUTH
    page.secrets["flashpoint"] = ACCESS
    page.user = VIEWER
    page.run()
    assert not page.exception
    assert page.warning[0].value.startswith("Only editors may upload articles.")
    assert not page.get("file_uploader") and not page.text_area


def test_ingest_itself_refuses_a_viewer(database_url) -> None:
    def ingest_as_whoever_is_signed_in() -> None:
        import streamlit as st

        import app_state

        report = app_state.ingest([("erbil.txt", b"Rockets hit Erbil\n\nThree rockets struck near Erbil.")])
        st.text(f"{report is None} {app_state.ingest_problem()} {app_state.article_count()}")

    app = AppTest.from_function(ingest_as_whoever_is_signed_in, default_timeout=RUN_TIMEOUT_SECONDS)
    app.secrets["auth"] = AUTH
    app.secrets["flashpoint"] = ACCESS
    app.user = VIEWER
    app.run()
    assert app.text[0].value == "True only editors may add articles 0"
