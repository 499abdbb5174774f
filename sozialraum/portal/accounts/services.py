"""The staff login and its second factor.

A login goes in two steps when a second factor is due (:func:`second_factor_step`): the
password step only notes the user in the session (:func:`pending_login_start`); Django's
``login()`` happens once the code is right (:func:`pending_login_finish`). So a wrong code is
a failed login for django-axes (:func:`second_factor_failed`), and a right password does not
reset the failures counted against the code.

Every login notes in the session whether it owes a second factor
(:func:`second_factor_session_start`, on ``user_logged_in``); a session that owes one and has
not given it is sent back to the code step (:func:`second_factor_session_reopen`, called by the
middleware), so a login by any other way cannot skip it.
"""

import re
import time
from base64 import b32encode
from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.roles import user_has_role

VERIFY = "verify"  # the user has a second factor: ask for a code
ENROL = "enrol"  # the user's role requires one and there is none yet: set it up first

RECOVERY_CODE_COUNT = 10
PENDING_LOGIN_MAX_AGE = 10 * 60  # seconds between the password and the code (or the enrolment)
PENDING_LOGIN_SESSION_KEY = "accounts_pending_login"
SECOND_FACTOR_SESSION_KEY = "accounts_second_factor"  # this session owes a second factor
TOTP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"


class SecondFactorError(Exception):
    """The code was not accepted."""


# --- Is a second factor due? ---------------------------------------------------------------------


def second_factor_required(user):
    """True for the roles in ``TWO_FACTOR_REQUIRED_ROLES``, and for superusers while any role is."""
    required = settings.TWO_FACTOR_REQUIRED_ROLES
    if not required:
        return False
    return user.is_superuser or any(user_has_role(user, role) for role in required)


def second_factor_step(user):
    """``VERIFY`` when the user has a confirmed second factor, ``ENROL`` when their role requires
    one and they have none, ``None`` when the password is enough."""
    if user_has_device(user, confirmed=True):
        return VERIFY
    if second_factor_required(user):
        return ENROL
    return None


# --- The login waiting for its second factor -----------------------------------------------------


@dataclass(frozen=True)
class PendingLogin:
    user: object
    backend: str
    redirect_to: str


def pending_login_start(*, request, user, backend, redirect_to):
    """After the right password: remember who is logging in, without logging them in yet."""
    if request.user.is_authenticated:
        auth.logout(request)  # a new login ends the session that was there
    else:
        request.session.cycle_key()
    request.session[PENDING_LOGIN_SESSION_KEY] = {
        "user": user.pk,
        "backend": backend,
        "started": int(time.time()),
        "next": redirect_to,
    }


def pending_login_get(request):
    """The login waiting for its second factor, or ``None`` (none, expired or user gone)."""
    state = request.session.get(PENDING_LOGIN_SESSION_KEY)
    if not state:
        return None
    if time.time() - state["started"] > PENDING_LOGIN_MAX_AGE:
        pending_login_clear(request)
        return None
    user = get_user_model()._default_manager.filter(pk=state["user"], is_active=True).first()
    if user is None:
        pending_login_clear(request)
        return None
    return PendingLogin(user=user, backend=state["backend"], redirect_to=state["next"])


def pending_login_clear(request):
    request.session.pop(PENDING_LOGIN_SESSION_KEY, None)


def pending_login_finish(*, request, pending, device):
    """The second factor was right: log the user in, with the session verified by ``device``."""
    pending_login_clear(request)
    user = pending.user
    user.otp_device = device  # second_factor_session_start keeps it in the session
    auth.login(request, user, backend=pending.backend)


def second_factor_session_start(*, request, user):
    """On every login: note whether this session owes a second factor.

    A user that arrives with ``otp_device`` (django-otp's convention: set by whatever checked
    the code) is verified by it.
    """
    device = getattr(user, "otp_device", None)
    if device is not None and device.confirmed and device.user_id == user.pk:
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        request.session[SECOND_FACTOR_SESSION_KEY] = True
    elif second_factor_step(user) is not None:
        request.session[SECOND_FACTOR_SESSION_KEY] = True


def second_factor_session_owed(request):
    """The session is logged in, owes a second factor and has not given it (or its device is gone)."""
    if not request.session.get(SECOND_FACTOR_SESSION_KEY):
        return False
    user = request.user
    return user.is_authenticated and not user.is_verified()


def second_factor_session_reopen(*, request, redirect_to):
    """Turns a logged-in session that owes its second factor back into a waiting login.

    Returns the step the user has to take, or ``None`` if nothing is owed any more.
    """
    user = request.user
    step = second_factor_step(user)
    if step is None:
        request.session.pop(SECOND_FACTOR_SESSION_KEY, None)
        return None
    backend = request.session.get(auth.BACKEND_SESSION_KEY, settings.AUTHENTICATION_BACKENDS[-1])
    pending_login_start(request=request, user=user, backend=backend, redirect_to=redirect_to)
    return step


# --- Checking a code -------------------------------------------------------------------------------


def normalise_code(code):
    """Spaces and hyphens out, lower case: "123 456" and "ABCD-EFGH" are typed that way."""
    return re.sub(r"[\s-]", "", code).lower()


def second_factor_verify(*, user, code):
    """The device that accepts ``code`` (a TOTP code or an unused recovery code); a recovery
    code is used up. Raises :class:`SecondFactorError` otherwise."""
    code = normalise_code(code)
    # Six digits are a TOTP code; anything else can only be a recovery code.
    model = TOTPDevice if re.fullmatch(r"\d{6}", code) else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True):
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    raise SecondFactorError(_("Der Code ist falsch oder abgelaufen."))


def login_credentials(user):
    """The credentials django-axes files a failure under (as for a wrong password)."""
    return {"username": user.get_username()}


def login_locked(*, request, user):
    """django-axes has locked this username from this client address."""
    return not AxesProxyHandler.is_allowed(request, login_credentials(user))


def second_factor_failed(*, request, user):
    """A wrong code counts as a failed login; True if it brought the lockout."""
    user_login_failed.send(sender=__name__, credentials=login_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


# --- Enrolment -------------------------------------------------------------------------------------


def second_factor_enrolment_device(*, user):
    """The user's authenticator waiting for its first code; the same secret until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def second_factor_confirm(*, user, device, code):
    """The first code from the new authenticator: confirms it, replaces the user's earlier
    second factor and returns ten new recovery codes (shown once, stored only by device)."""
    device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
    if device is None:
        raise SecondFactorError(_("Die Einrichtung ist schon abgeschlossen oder abgelaufen. Bitte beginnen Sie neu."))
    if not device.verify_token(normalise_code(code)):
        raise SecondFactorError(_("Der Code passt nicht. Bitte prüfen Sie die Uhrzeit des Telefons und geben Sie den aktuellen Code ein."))
    device.confirmed = True
    device.full_clean()
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return recovery_codes_renew(user=user)


def recovery_codes_renew(*, user):
    """Ten new one-time recovery codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    codes = sorted(codes)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_session_verified(*, request, device):
    """A logged-in user has just set up ``device``: this session counts as verified by it."""
    otp_login(request, device)
    request.session[SECOND_FACTOR_SESSION_KEY] = True


@transaction.atomic
def second_factor_reset(*, users):
    """Removes the second factor (authenticator and recovery codes) of ``users``; those whose
    role requires one set up a new one at their next login. Returns how many users had one."""
    users = list(users)
    had = set(TOTPDevice.objects.filter(user__in=users).values_list("user_id", flat=True))
    had |= set(StaticDevice.objects.filter(user__in=users).values_list("user_id", flat=True))
    TOTPDevice.objects.filter(user__in=users).delete()
    StaticDevice.objects.filter(user__in=users).delete()
    return len(had)


def totp_secret_text(device):
    """The secret as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- Lockouts --------------------------------------------------------------------------------------


def lockouts_lift(*, attempts):
    """Deletes the selected django-axes attempt records: their username and address may log in again."""
    _total, deleted = attempts.delete()
    return deleted.get(attempts.model._meta.label, 0)
