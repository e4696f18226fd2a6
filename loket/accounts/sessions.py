"""Which sessions each user holds, so disabling an officer ends all of them at once.

Filled on login (with the officers' shorter inactivity timeout), emptied on logout;
a user saved with is_active=False (admin, `disable_officer`, anything else) loses
every session there and then, without scanning the whole session table.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver

from loket.accounts.models import UserSession
from loket.accounts.two_factor import needs_two_factor


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@receiver(user_logged_in, dispatch_uid="loket.accounts.sessions.remember")
def remember_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    if needs_two_factor(user):
        # Every request saves the session (SESSION_SAVE_EVERY_REQUEST), so this is an
        # inactivity timeout, enforced by the session store as well as the cookie.
        session.set_expiry(settings.OFFICER_SESSION_IDLE_SECONDS)
    if session.session_key is None:
        session.save()
    store = _store()
    stale = [
        key
        for key in UserSession.objects.filter(user=user).values_list("session_key", flat=True)
        if not store().exists(key)
    ]
    UserSession.objects.filter(session_key__in=stale).delete()
    UserSession.objects.update_or_create(
        session_key=session.session_key, defaults={"user_id": user.pk}
    )


@receiver(user_logged_out, dispatch_uid="loket.accounts.sessions.forget")
def forget_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()


def end_sessions(user):
    """Delete every session `user` logged in with; returns how many there were."""
    store = _store()
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store().delete(key)
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="loket.accounts.sessions.end")
def end_sessions_of_disabled(sender, instance, **kwargs):
    if not instance.is_active:
        end_sessions(instance)
