"""The staff login: the password step (the admin's login page), the code step and the
enrolment of a second factor."""

from axes.helpers import get_lockout_response
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services
from .forms import EnrolmentForm, LoginCodeForm
from .qr import qr_code_svg

STEP_URL_NAMES = {
    services.VERIFY: "accounts:login-code",
    services.ENROL: "accounts:second-factor-enrol",
}


def step_redirect(step):
    return redirect(STEP_URL_NAMES[step])


class PasswordLoginView(LoginView):
    """The admin's login form. When a second factor is due, the right password leads to the
    code step (or to the enrolment) instead of logging in."""

    def form_valid(self, form):
        user = form.get_user()
        step = services.second_factor_step(user)
        if step is None:
            return super().form_valid(form)
        services.pending_login_start(
            request=self.request, user=user, backend=user.backend, redirect_to=self.get_success_url()
        )
        return step_redirect(step)

    def get_default_redirect_url(self):
        return reverse("admin:index")


def _page_context(title):
    return {"title": title, "site_header": admin.site.site_header, "site_title": admin.site.site_title}


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def login_code(request):
    """Second step of the login: a TOTP code or a recovery code. A wrong one counts as a
    failed login (django-axes)."""
    pending = services.pending_login_get(request)
    if pending is None:
        return redirect("admin:login")
    user = pending.user
    if services.second_factor_step(user) != services.VERIFY:
        return step_redirect(services.ENROL)
    if services.login_locked(request=request, user=user):
        services.pending_login_clear(request)
        return get_lockout_response(request, None, services.login_credentials(user))

    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        except services.SecondFactorError as error:
            if services.second_factor_failed(request=request, user=user):
                services.pending_login_clear(request)  # the lockout page follows (AxesMiddleware)
            form.add_error("code", str(error))
        else:
            services.pending_login_finish(request=request, pending=pending, device=device)
            return redirect(pending.redirect_to)
    context = {**_page_context(_("Anmeldung bestätigen")), "form": form, "username": user.get_username()}
    return render(request, "accounts/login_code.html", context)


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def second_factor_enrol(request):
    """Setting up the authenticator: the secret as text and as QR code, the first code to
    confirm it, then the recovery codes, shown this once.

    Reached after the password when the role requires a second factor and there is none, or
    by a logged-in staff member who sets one up (or a new one) of their own accord.
    """
    pending = services.pending_login_get(request)
    if pending is not None:
        user = pending.user
        if services.second_factor_step(user) == services.VERIFY:
            return step_redirect(services.VERIFY)  # set up already: the code, not a new secret
    elif request.user.is_authenticated and request.user.is_staff:
        user = request.user
        if services.second_factor_step(user) == services.VERIFY and not user.is_verified():
            raise PermissionDenied
    else:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))

    device = services.second_factor_enrolment_device(user=user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.second_factor_confirm(user=user, device=device, code=form.cleaned_data["code"])
        except services.SecondFactorError as error:
            form.add_error("code", str(error))
        else:
            device.refresh_from_db()
            if pending is not None:
                services.pending_login_finish(request=request, pending=pending, device=device)
                next_url = pending.redirect_to
            else:
                services.second_factor_session_verified(request=request, device=device)
                next_url = reverse("admin:index")
            context = {**_page_context(_("Ihre Wiederherstellungscodes")), "codes": codes, "next_url": next_url}
            return render(request, "accounts/recovery_codes.html", context)

    context = {
        **_page_context(_("Zwei-Faktor-Anmeldung einrichten")),
        "form": form,
        "secret": services.totp_secret_text(device),
        "qr_code": qr_code_svg(device.config_url, title=_("QR-Code zum Einrichten der Authenticator-App")),
        "username": user.get_username(),
        "during_login": pending is not None,
    }
    return render(request, "accounts/second_factor_enrol.html", context)
