from django.urls import reverse

from . import services
from .views import step_redirect


class SecondFactorMiddleware:
    """A logged-in session that owes its second factor (noted at login) and has not given it,
    or whose device was removed since, goes back to the code step (or the enrolment).

    Install after django-otp's ``OTPMiddleware``. Sessions that owe nothing cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if services.second_factor_session_owed(request):
            redirect_to = request.get_full_path() if request.method == "GET" else reverse("admin:index")
            step = services.second_factor_session_reopen(request=request, redirect_to=redirect_to)
            if step is not None:
                return step_redirect(step)
        return self.get_response(request)
