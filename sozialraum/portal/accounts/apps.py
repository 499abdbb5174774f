from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sozialraum.portal.accounts"
    label = "accounts"
    verbose_name = _("Anmeldung und Benutzerkonten")

    def ready(self):
        from .checks import check_required_roles
        from .services import second_factor_session_start

        def on_login(sender, request, user, **kwargs):
            second_factor_session_start(request=request, user=user)

        # Every login (also a test's force_login) notes in the session whether it owes a second factor.
        user_logged_in.connect(on_login, weak=False, dispatch_uid="accounts-second-factor")
        checks.register(check_required_roles)
