"""Fixtures for the real-browser tests: a `streamlit run` server on a free local port, and Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Cold start imports pandas, plotly and pydeck; a slow CI machine may take a while.
SERVER_START_SECONDS = 90


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(base_url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        # Polling a socket that is not listening yet is the one wait with nothing to subscribe to.
        time.sleep(0.2)
    raise TimeoutError(f"streamlit was not healthy within {timeout} s")


def start_server(database_url: str, log_path: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on 127.0.0.1 and a free port, using `database_url`; returns the process and its URL."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    log = log_path.open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, server, SERVER_START_SECONDS)
    except (RuntimeError, TimeoutError):
        server.terminate()
        server.wait(timeout=10)
        raise
    return server, base_url


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=5)


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[str]:
    """A running app on a fresh temporary database; yields its base URL."""
    server, base_url = start_server(f"sqlite:///{tmp_path / 'e2e.db'}", tmp_path / "streamlit.log")
    yield base_url
    stop_server(server)


@pytest.fixture
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; skipped where it is not installed."""
    if not CHROMIUM_PATH.exists():
        pytest.skip(f"{CHROMIUM_PATH} is absent: install Debian's chromium (apt-get install chromium) to run e2e tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
