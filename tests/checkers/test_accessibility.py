"""Every public page type, German and English, in Chromium: 0 axe violations, 0 pa11y errors."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from .conftest import page_addresses
from .tools import pa11y_errors

pytestmark = [pytest.mark.browser]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def test_every_public_page_passes_axe(page, live_server, transactional_db, demo):
    axe = Axe()
    found = []
    for label, language, path, _status in page_addresses():
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page, options=AXE_OPTIONS)
        for violation in results.response["violations"]:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{label} {path}: {violation['id']}: {violation['help']} ({targets})")

    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_public_page_passes_pa11y(live_server, transactional_db, demo, language):
    pages = {f"{live_server.url}{path}": label for label, lang, path, _status in page_addresses() if lang == language}

    errors = pa11y_errors(list(pages), cookie=f"{settings.LANGUAGE_COOKIE_NAME}={language}")

    assert errors == {}, "\n".join(
        f"{pages[url]}: {message}" for url, messages in errors.items() for message in messages
    )
