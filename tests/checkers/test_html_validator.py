"""Every public page type, German and English: 0 errors from the W3C Nu validator."""

import pytest
from django.conf import settings

from .conftest import page_addresses
from .tools import nu_errors


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, demo, tmp_path):
    client.raise_request_exception = False  # the 500 page is one of the pages
    files = {}
    for index, (label, language, path, status) in enumerate(page_addresses()):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(path)
        assert response.status_code == status, f"{label}: {path} answered {response.status_code}"
        target = tmp_path / f"seite-{index:02d}.html"
        target.write_bytes(response.content)
        files[target.name] = f"{label} {path}"

    errors = nu_errors(tmp_path / name for name in files)

    assert errors == {}, "\n".join(
        f"{files[name]}: {message}" for name, messages in errors.items() for message in messages
    )
