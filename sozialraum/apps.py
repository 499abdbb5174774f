from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SozialraumConfig(AppConfig):
    name = "sozialraum"
    verbose_name = _("Sozialraum")

    def ready(self):
        from sozialraum.common import pagecache

        # Every write to the database outdates the cached pages (see pagecache).
        pagecache.watch_all_connections()
