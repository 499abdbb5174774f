from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "providers"
    verbose_name = _("Anbieter und Angebote")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_search_index_triggers, sender=self, dispatch_uid="providers-search-index-triggers")


def _search_index_triggers(sender, using="default", **kwargs):
    """SQLite drops triggers with a rebuilt table: the search index and the offer
    placements get them back."""
    from django.db import connections

    from providers import placements, search_index

    search_index.ensure_sqlite_triggers(connections[using])
    placements.ensure_sqlite_triggers(connections[using])
