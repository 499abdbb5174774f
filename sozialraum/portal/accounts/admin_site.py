"""The admin site whose login is the portal's password step (``views.PasswordLoginView``).

``settings.INSTALLED_APPS`` names :class:`PortalAdminConfig` in place of ``django.contrib.admin``,
so ``admin.site`` is a :class:`PortalAdminSite` (Django's way to replace the default site).
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache


class PortalAdminSite(AdminSite):
    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """As ``AdminSite.login``, with the portal's password step as the view."""
        from django.contrib.admin.forms import AdminAuthenticationForm

        from .views import PasswordLoginView

        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return PasswordLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form or AdminAuthenticationForm,
            template_name=self.login_template or "admin/login.html",
        )(request)


class PortalAdminConfig(AdminConfig):
    default_site = "sozialraum.portal.accounts.admin_site.PortalAdminSite"
