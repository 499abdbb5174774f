"""Staff login: the password step, the second factor (TOTP and recovery codes, django-otp),
the client address behind trusted proxies for the login throttle (django-axes), and the
history of users, their groups and permissions ("who gave whom which role").

- ``services.py``: what the login needs to know and do (is a second factor due, enrolment,
  verification, the login waiting for its second factor, lifting lockouts);
- ``views.py`` / ``urls.py``: the password step (as the admin's login), the code step and
  the enrolment page;
- ``middleware.py``: a logged-in session that still owes its second factor goes back to the
  code step;
- ``admin_site.py``: the admin site whose login is the password step;
- ``models.py``: history of ``User`` and ``Group`` (django-simple-history), no own tables;
- ``admin.py``: users and groups with their history, lifting lockouts, resetting a second factor.
"""
