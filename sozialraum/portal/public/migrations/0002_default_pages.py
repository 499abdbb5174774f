"""German default texts for the information pages and the accessibility statement, drawn from
the programme's data (city, contact) where it exists and from the settings otherwise, dated
today. Pages that exist already are left alone; each default gets a first history record."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from sozialraum.portal.public import defaults

REASON = defaults.DEFAULT_REASON


def create_defaults(apps, schema_editor):
    Programme = apps.get_model("sozialraum", "Programme")
    InfoPage = apps.get_model("public", "InfoPage")
    HistoricalInfoPage = apps.get_model("public", "HistoricalInfoPage")
    Statement = apps.get_model("public", "AccessibilityStatement")
    HistoricalStatement = apps.get_model("public", "HistoricalAccessibilityStatement")
    KnownBarrier = apps.get_model("public", "KnownBarrier")
    HistoricalKnownBarrier = apps.get_model("public", "HistoricalKnownBarrier")

    programme = Programme.objects.order_by("pk").first()
    c = defaults.context(
        city=programme.city if programme else settings.PORTAL_CITY,
        contact=programme.contact if programme else "",
        portal_name=settings.PORTAL_NAME,
        state=settings.PORTAL_STATE,
        retention_days=settings.BARRIER_REPORT_RETENTION_DAYS,
        registration_retention_days=getattr(settings, "WORKSHOP_REGISTRATION_RETENTION_DAYS", 14),
        tiles_url=settings.MAP_TILES_URL,
        tiles_own_server=settings.MAP_TILES_OWN_SERVER,
        today=timezone.localdate(),
    )
    now = timezone.now()
    history = {"history_date": now, "history_type": "+", "history_change_reason": REASON}

    for kind, fields in defaults.info_pages(c).items():
        if InfoPage.objects.filter(kind=kind).exists():
            continue
        page = InfoPage.objects.create(kind=kind, **fields)
        HistoricalInfoPage.objects.create(
            id=page.id, kind=kind, video=page.video, updated_at=page.updated_at, **fields, **history
        )

    if not Statement.objects.exists():
        fields = defaults.accessibility_statement(c)
        statement = Statement.objects.create(**fields)
        HistoricalStatement.objects.create(id=statement.id, updated_at=statement.updated_at, **fields, **history)
        for order, barrier in enumerate(defaults.KNOWN_BARRIERS):
            row = KnownBarrier.objects.create(statement=statement, order=order, **barrier)
            HistoricalKnownBarrier.objects.create(
                id=row.id, statement_id=statement.id, order=order, **barrier, **history
            )


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_pages_and_barrier_reports"),
        ("sozialraum", "0004_roles_cover_new_history"),
    ]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
