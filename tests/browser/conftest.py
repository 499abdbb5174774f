"""Browser tests: Playwright (sync API) in Debian's Chromium against pytest-django's live_server."""

import os

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to
# run next to it without this switch (the tests themselves are plain synchronous code).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A resident on a phone, with a German browser.
    return {
        **browser_context_args,
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "viewport": {"width": 390, "height": 844},
        "accept_downloads": True,
    }


@pytest.fixture(autouse=True)
def no_tiles(settings):
    """No tile server: markers, boundaries and popups must work without one."""
    settings.MAP_TILES_URL = ""
