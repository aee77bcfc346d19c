"""`python -m flashpoint layers import|list|remove`: results per file, problems by line, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.__main__ import main
from flashpoint.store import Store
from flashpoint.store_external import layer_counts

DATA = Path(__file__).parent.parent / "data"
ACLED_SAMPLE = str(DATA / "acled_sample.csv")
GDELT_SAMPLE = str(DATA / "gdelt_sample.tsv")


def layers(store: Store, *arguments: str) -> int:
    return main(["layers", *arguments, "--database", store.url])


def test_import_list_and_remove(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert layers(store, "import", "--no-progress", "--format", "acled", ACLED_SAMPLE) == 0
    assert "acled_sample.csv into layer acled: 4 saved, 0 already in the layer" in capsys.readouterr().err
    assert layers(store, "import", "--no-progress", "--format", "gdelt", GDELT_SAMPLE, GDELT_SAMPLE) == 0
    assert "gdelt_sample.tsv into layer gdelt: 0 saved, 4 already in the layer" in capsys.readouterr().err
    assert layers(store, "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in listed] == [["acled", "4", "events"], ["gdelt", "4", "events"]]
    assert "2023-11-19 to 2024-04-01" in listed[1]
    assert layers(store, "remove", "gdelt") == 0
    assert capsys.readouterr().out == "removed layer gdelt (4 events)\n"
    assert layer_counts(store) == {"acled": 4}


def test_a_batch_goes_on_past_a_missing_or_wrong_file(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    code = layers(store, "import", "--no-progress", "--format", "gdelt", ACLED_SAMPLE, "missing.tsv", GDELT_SAMPLE)
    errors = capsys.readouterr().err
    assert code == 0
    assert "acled_sample.csv: no row could be read as a GDELT 2.0 event file" in errors
    assert "flashpoint: missing.tsv: cannot be read" in errors
    assert layer_counts(store) == {"gdelt": 4}


def test_nothing_read_exits_1_and_bad_names_exit_2(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert layers(store, "import", "--no-progress", "--format", "acled", GDELT_SAMPLE) == 1
    assert "not an ACLED export, missing column(s)" in capsys.readouterr().err
    assert layers(store, "remove", "acled") == 1
    assert "layer acled holds no events; nothing removed" in capsys.readouterr().err
    assert layers(store, "remove", "ucdp") == 2
    assert "flashpoint: unknown layer 'ucdp': the layers are acled, gdelt" in capsys.readouterr().err


def test_an_empty_database_lists_no_layers(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert layers(store, "list") == 0
    assert capsys.readouterr().out.startswith("no external layers imported")
