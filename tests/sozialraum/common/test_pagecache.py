"""Which statements outdate cached pages, and the content version itself."""

import pytest

from sozialraum.common import pagecache


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "providers_provider" ("name") VALUES (%s)',
        'UPDATE "measures_measure" SET "title" = %s WHERE "measures_measure"."id" = %s',
        'DELETE FROM "workshops_workshop" WHERE "workshops_workshop"."id" IN (%s)',
        'TRUNCATE "providers_offer", "providers_provider" RESTART IDENTITY;',
        "INSERT OR IGNORE INTO providers_offer_quarters (offer_id, quarter_id) VALUES (1, 2)",
        'UPDATE "auth_user" SET "last_login" = %s, "first_name" = %s WHERE "auth_user"."id" = %s',
        '  update "sozialraum_conceptedition" set "note" = %s',
    ],
)
def test_writes_to_content_tables_count(sql):
    assert pagecache.is_content_write(sql)


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "providers_provider"."id" FROM "providers_provider"',
        'INSERT INTO "django_session" ("session_key", "session_data", "expire_date") VALUES (%s, %s, %s)',
        'UPDATE "django_session" SET "session_data" = %s WHERE "django_session"."session_key" = %s',
        'INSERT INTO "axes_accessattempt" ("username") VALUES (%s)',
        'UPDATE "otp_totp_totpdevice" SET "last_t" = %s WHERE "otp_totp_totpdevice"."id" = %s',
        'INSERT INTO "django_admin_log" ("action_time") VALUES (%s)',
        'UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s',
        # a running background job's heartbeat and its queue entry
        'UPDATE "operations_job" SET "heartbeat_at" = %s WHERE "operations_job"."id" = %s',
        'UPDATE "django_tasks_database_dbtaskresult" SET "status" = %s WHERE "id" = %s',
    ],
)
def test_reads_and_bookkeeping_do_not_count(sql):
    assert not pagecache.is_content_write(sql)


def test_version_only_grows_and_restarts_from_the_clock_when_lost(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "v"}}
    first = pagecache.content_version()
    pagecache.bump_content_version()
    assert pagecache.content_version() == first + 1

    from django.core.cache import cache

    cache.delete(pagecache.VERSION_KEY)  # evicted
    assert pagecache.content_version() > first + 1
