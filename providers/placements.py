"""The offer placements (``OfferPlacement``): kept by the database, read by the quarter profile.

A placement is one row per quarter and target group of an offer (target group NULL for an
offer for everyone) with the offer's title, ``active`` and ``paused_until``. Triggers on the
offers and on their quarter and target-group tables rewrite an offer's rows in the same
statement as the write, whatever wrote it: forms, the admin, imports, bulk updates, history
restores. The migration installs them and fills the table (0007); on SQLite a later
migration that rebuilds one of these tables drops its triggers, and ``ensure_sqlite_triggers``
(after every ``migrate``) puts them back and refills the table.
"""

PLACEMENTS = "providers_offerplacement"
OFFERS = "providers_offer"
OFFER_QUARTERS = "providers_offer_quarters"
OFFER_TARGET_GROUPS = "providers_offer_target_groups"


def _fill(condition):
    """INSERT of the placements of the offers that match ``condition`` (SQL on ``o``)."""
    return (
        f"INSERT INTO {PLACEMENTS} (offer_id, quarter_id, target_group_id, title, active, paused_until) "
        f"SELECT o.id, oq.quarter_id, tg.targetgroup_id, o.title, o.active, o.paused_until "
        f"FROM {OFFERS} o JOIN {OFFER_QUARTERS} oq ON oq.offer_id = o.id "
        f"LEFT JOIN {OFFER_TARGET_GROUPS} tg ON tg.offer_id = o.id WHERE {condition}"
    )


def _rewrite(offer_id):
    """The statements that rewrite one offer's placements (``offer_id`` an SQL expression)."""
    return f"DELETE FROM {PLACEMENTS} WHERE offer_id = {offer_id}; {_fill(f'o.id = {offer_id}')};"


REFILL = [f"DELETE FROM {PLACEMENTS}", _fill("1 = 1")]

_COPY_COLUMNS = "title = new.title, active = new.active, paused_until = new.paused_until"
_CHANGED = "old.title IS NOT new.title OR old.active IS NOT new.active OR old.paused_until IS NOT new.paused_until"

SQLITE_TRIGGERS = {
    # name: (table, statement)
    "providers_placement_quarter_insert": (
        OFFER_QUARTERS,
        f"AFTER INSERT ON {OFFER_QUARTERS} BEGIN {_rewrite('new.offer_id')} END",
    ),
    "providers_placement_quarter_delete": (
        OFFER_QUARTERS,
        f"AFTER DELETE ON {OFFER_QUARTERS} BEGIN {_rewrite('old.offer_id')} END",
    ),
    "providers_placement_quarter_update": (
        OFFER_QUARTERS,
        f"AFTER UPDATE ON {OFFER_QUARTERS} BEGIN {_rewrite('old.offer_id')} {_rewrite('new.offer_id')} END",
    ),
    "providers_placement_group_insert": (
        OFFER_TARGET_GROUPS,
        f"AFTER INSERT ON {OFFER_TARGET_GROUPS} BEGIN {_rewrite('new.offer_id')} END",
    ),
    "providers_placement_group_delete": (
        OFFER_TARGET_GROUPS,
        f"AFTER DELETE ON {OFFER_TARGET_GROUPS} BEGIN {_rewrite('old.offer_id')} END",
    ),
    "providers_placement_group_update": (
        OFFER_TARGET_GROUPS,
        f"AFTER UPDATE ON {OFFER_TARGET_GROUPS} BEGIN {_rewrite('old.offer_id')} {_rewrite('new.offer_id')} END",
    ),
    "providers_placement_offer_update": (
        OFFERS,
        f"AFTER UPDATE OF title, active, paused_until ON {OFFERS} WHEN {_CHANGED} "
        f"BEGIN UPDATE {PLACEMENTS} SET {_COPY_COLUMNS} WHERE offer_id = new.id; END",
    ),
    "providers_placement_offer_delete": (
        OFFERS,
        f"AFTER DELETE ON {OFFERS} BEGIN DELETE FROM {PLACEMENTS} WHERE offer_id = old.id; END",
    ),
}

POSTGRES = [
    f"""
    CREATE FUNCTION providers_placement_rewrite(offer bigint) RETURNS void LANGUAGE sql AS $$
        {_rewrite("offer")}
    $$
    """,
    """
    CREATE FUNCTION providers_placement_of_m2m() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            PERFORM providers_placement_rewrite(OLD.offer_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM providers_placement_rewrite(NEW.offer_id);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE FUNCTION providers_placement_of_offer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {PLACEMENTS} WHERE offer_id = OLD.id;
        ELSE
            UPDATE {PLACEMENTS} SET title = NEW.title, active = NEW.active, paused_until = NEW.paused_until
            WHERE offer_id = NEW.id;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    f"CREATE TRIGGER providers_placement_quarters AFTER INSERT OR UPDATE OR DELETE ON {OFFER_QUARTERS} "
    "FOR EACH ROW EXECUTE FUNCTION providers_placement_of_m2m()",
    f"CREATE TRIGGER providers_placement_groups AFTER INSERT OR UPDATE OR DELETE ON {OFFER_TARGET_GROUPS} "
    "FOR EACH ROW EXECUTE FUNCTION providers_placement_of_m2m()",
    f"CREATE TRIGGER providers_placement_offer_update AFTER UPDATE OF title, active, paused_until ON {OFFERS} "
    "FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.active IS DISTINCT FROM NEW.active "
    "OR OLD.paused_until IS DISTINCT FROM NEW.paused_until) EXECUTE FUNCTION providers_placement_of_offer()",
    f"CREATE TRIGGER providers_placement_offer_delete AFTER DELETE ON {OFFERS} "
    "FOR EACH ROW EXECUTE FUNCTION providers_placement_of_offer()",
]

POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS providers_placement_quarters ON {OFFER_QUARTERS}",
    f"DROP TRIGGER IF EXISTS providers_placement_groups ON {OFFER_TARGET_GROUPS}",
    f"DROP TRIGGER IF EXISTS providers_placement_offer_update ON {OFFERS}",
    f"DROP TRIGGER IF EXISTS providers_placement_offer_delete ON {OFFERS}",
    "DROP FUNCTION IF EXISTS providers_placement_of_offer()",
    "DROP FUNCTION IF EXISTS providers_placement_of_m2m()",
    "DROP FUNCTION IF EXISTS providers_placement_rewrite(bigint)",
]


def _sqlite_install():
    return [f"CREATE TRIGGER {name} {statement}" for name, (_table, statement) in SQLITE_TRIGGERS.items()]


SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection):
    """Creates the triggers and fills the table (migration 0007)."""
    if connection.vendor == "postgresql":
        _execute(connection, POSTGRES + REFILL)
    elif connection.vendor == "sqlite":
        _execute(connection, _sqlite_install() + REFILL)


def uninstall(connection):
    if connection.vendor == "postgresql":
        _execute(connection, POSTGRES_REVERSE)
    elif connection.vendor == "sqlite":
        _execute(connection, SQLITE_REVERSE)


def ensure_sqlite_triggers(connection):
    """SQLite: all triggers again, and the table refilled, when a table rebuild dropped some."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
    if PLACEMENTS not in present or set(SQLITE_TRIGGERS) <= present:
        return  # before migration 0007, or nothing dropped
    _execute(connection, SQLITE_REVERSE + _sqlite_install() + REFILL)
