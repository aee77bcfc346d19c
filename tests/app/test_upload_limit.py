"""The upload size limit: config.toml's server limit pairs with FLASHPOINT_MAX_FILE_MB, the uploader shows it,
and a file over it is refused by name while the rest of the batch is stored."""

from __future__ import annotations

import tomllib

from streamlit.testing.v1 import AppTest

from flashpoint.settings import SETTINGS
from tests.app.conftest import APP_PATH, ROOT, RUN_TIMEOUT_SECONDS

SMALL_ARTICLE = b"Rockets hit Erbil\n\nThree rockets struck near Erbil on Saturday, officials said."


def open_upload(secrets: dict[str, str]) -> AppTest:
    app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
    app.secrets.update(secrets)
    app.run()
    return app.switch_page("app_pages/upload.py").run()


def test_server_upload_limit_equals_the_default_file_limit() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    default_mb = next(float(setting.default) for setting in SETTINGS if setting.env == "FLASHPOINT_MAX_FILE_MB")
    assert config["server"]["maxUploadSize"] == default_mb


def test_uploader_shows_the_configured_limit(database_url) -> None:
    uploader = open_upload({"FLASHPOINT_MAX_FILE_MB": "3"}).get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == 3
    assert uploader.proto.label == "Or upload files (up to 3 MB each)"


def test_uploader_never_offers_more_than_the_server_accepts(database_url) -> None:
    assert open_upload({"FLASHPOINT_MAX_FILE_MB": "500"}).get("file_uploader")[0].proto.max_upload_size_mb == 20


def test_a_file_over_the_limit_is_refused_and_the_rest_stored(database_url) -> None:
    app = open_upload({"FLASHPOINT_MAX_FILE_MB": "1"})
    oversized = b"Big report\n\n" + b"word " * 300_000
    files = [("big.txt", oversized, "text/plain"), ("small.txt", SMALL_ARTICLE, "text/plain")]
    app.file_uploader(key="upload_files").set_value(files).run()
    app.button(key="upload_submit").click().run()
    assert not app.exception
    report = next(table.value for table in app.dataframe if "result" in table.value.columns)
    assert list(report["file"]) == ["big.txt", "small.txt"]
    assert list(report["result"]) == ["error", "saved"]
    assert report["reason"][0] == "file is too large (1.4 MB; the limit is 1.0 MB)"
