"""Registering for a workshop in a real browser: a place, the waiting list, moving up after a
cancellation; a double click registers once; axe-core on every page of the journey."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_journeys import check_accessibility, collect_errors
from workshops.models import Registration

pytestmark = [pytest.mark.browser]


@pytest.fixture
def workshop(transactional_db):
    soon = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + dt.timedelta(days=10)
    return factories.WorkshopFactory(
        title="Älter werden an der Oberen Mühle",
        slug="aelter-werden",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        registration_enabled=True,
        capacity=1,
        step_free=True,
        contact_name="Petra Schmidt",
    )


def fill_and_send(page, name, email, *, double_click=False):
    page.get_by_label("Ihr Name").fill(name)
    page.get_by_label("Ihre E-Mail-Adresse").fill(email)
    button = page.get_by_role("button", name=re.compile("anmelden|Warteliste"))
    if double_click:
        button.dblclick()
    else:
        button.click()


def test_registration_with_waiting_list_and_moving_up(page, live_server, workshop):
    errors = collect_errors(page)
    detail = f"{live_server.url}/werkstaetten/aelter-werden/"

    # Ayşe takes the only place, with a double click
    page.goto(detail)
    expect(page.get_by_text("Noch 1 von 1 Plätzen frei.")).to_be_visible()
    expect(page.get_by_text("stufenloser Zugang")).to_be_visible()
    expect(page.get_by_text("Petra Schmidt")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Jetzt anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anmeldung")
    check_accessibility(page)
    fill_and_send(page, "Ayşe Yılmaz", "ayse@example.org", double_click=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung bestätigt")
    check_accessibility(page)
    ayse_page = page.url
    assert Registration.objects.filter(email="ayse@example.org").count() == 1

    # Jan comes too late: the waiting list
    page.goto(detail)
    expect(page.get_by_text("Alle Plätze sind vergeben.")).to_be_visible()
    page.get_by_role("link", name="Auf die Warteliste").click()
    check_accessibility(page)
    fill_and_send(page, "Jan Berg", "jan@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie stehen auf der Warteliste")
    check_accessibility(page)
    jan_page = page.url

    # Ayşe cannot come: she cancels, Jan moves up and gets an e-mail
    page.goto(ayse_page)
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abmeldung gespeichert")
    check_accessibility(page)
    assert [message.to for message in mail.outbox][-1] == ["jan@example.org"]
    assert mail.outbox[-1].subject == "Sie sind nachgerückt: Älter werden an der Oberen Mühle"

    page.goto(jan_page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung bestätigt")
    expect(page.get_by_text("Sie sind von der Warteliste nachgerückt.")).to_be_visible()
    assert list(Registration.objects.values_list("email", "status")) == [("jan@example.org", "confirmed")]
    assert errors == []
