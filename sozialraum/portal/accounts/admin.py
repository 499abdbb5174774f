"""Users and groups with their history (who gave whom which role, readable by those who may
see users: the Administration), lifting a login lockout and resetting a second factor.

django-otp's device admins are taken out: the secrets stay with their owners, and the
Administration resets a lost second factor from the user list.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from sozialraum.common.history import ReadableHistoryMixin

from . import services

User = get_user_model()

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(ReadableHistoryMixin, SimpleHistoryAdmin, UserAdmin):
    list_display = [*UserAdmin.list_display, "has_second_factor"]
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        )

    @admin.display(description=_("Zweiter Faktor"), boolean=True, ordering="second_factor")
    def has_second_factor(self, obj):
        return obj.second_factor

    @admin.action(description=_("Zweiten Faktor zurücksetzen"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        count = services.second_factor_reset(users=users)
        for user in users:
            self.log_change(request, user, _("Zweiten Faktor zurückgesetzt."))
        self.message_user(
            request,
            ngettext(
                "Der zweite Faktor von %(count)d Konto wurde entfernt.",
                "Der zweite Faktor von %(count)d Konten wurde entfernt.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


admin.site.unregister(Group)


@admin.register(Group)
class PortalGroupAdmin(ReadableHistoryMixin, SimpleHistoryAdmin, GroupAdmin):
    pass


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class PortalAccessAttemptAdmin(AccessAttemptAdmin):
    actions = ["lift_lockout", *AccessAttemptAdmin.actions]

    @admin.action(description=_("Sperre aufheben"), permissions=["delete"])
    def lift_lockout(self, request, queryset):
        self.log_deletions(request, queryset)
        count = services.lockouts_lift(attempts=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d Anmeldesperre aufgehoben.",
                "%(count)d Anmeldesperren aufgehoben.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
