"""The office a page speaks for, and the contact channels its footer lists.

Every page shows the office's identity (core/identity_header.html and
core/identity_footer.html, included by base.html). The office is found once per
request, lazily (a page that never shows it costs nothing) and with one query on the
primary key:

- a view that shows one office's object may name it with :func:`use_office`;
- an officer's page speaks for the officer's office;
- otherwise (a single-office install, public pages) the first office.

The footer's complaint channels come from the app that owns them (complaints), which
registers a provider here in its AppConfig.ready: the kernel knows no app above it.

The office and its rendered header and footer are kept in the worker's own memory
(the "fragments" cache, settings.IDENTITY_CACHE_SECONDS): they are on every page and
change only when someone edits the office in the admin. Saving an office empties
this worker's copy at once; the other workers' copies expire within that time.
"""

from django.core.cache import InvalidCacheBackendError, caches
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.autoreload import file_changed
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from loket.core.models import Office

_CACHE_ATTR = "_loket_identity_office"
_channel_providers = []


def _kept():
    """The worker's memory for identity, or None where it is not configured (then
    every request reads and renders afresh)."""
    try:
        return caches["fragments"]
    except InvalidCacheBackendError:
        return None


def _remembered(key, make):
    """``make()``, kept under ``key``; None is never kept (the first office may be
    created a moment later)."""
    kept = _kept()
    value = kept.get(key) if kept is not None else None
    if value is None:
        value = make()
        if value is not None and kept is not None:
            kept.set(key, value)
    return value


@receiver(post_save, sender=Office)
@receiver(file_changed)
def _forget_identity(**kwargs):
    """Saving an office, and (under runserver) editing a file: the worker also keeps
    base.html's parts that are the same for every visitor ({% cache %} blocks), so an
    edited template shows at once rather than after a restart."""
    kept = _kept()
    if kept is not None:
        kept.clear()


def first_office():
    """The office public pages speak for on a single-office install (the first one)."""
    return _remembered("first-office", lambda: Office.objects.order_by("pk").first())


def office_by_pk(pk):
    return _remembered(f"office:{pk}", lambda: Office.objects.filter(pk=pk).first())


def rendered_identity(part, context):
    """The header or footer ("header", "footer") of the page's office, rendered once
    per office and language: core/identity_<part>.html."""
    office = context.get("identity_office")
    if not office:
        return ""

    def render():
        return render_to_string(f"core/identity_{part}.html", context.flatten())

    return mark_safe(_remembered(f"{part}:{office.pk}:{get_language()}", render))  # noqa: S308


def use_office(request, office):
    """Make ``office`` the office the page's header and footer show."""
    setattr(request, _CACHE_ATTR, office)


def current_office(request):
    """The office of this request (see the module docstring), or None when there is none."""
    if request is not None and hasattr(request, _CACHE_ATTR):
        return getattr(request, _CACHE_ATTR)
    office = None
    user = getattr(request, "user", None)
    # user.officer is loaded anyway by the navigation bar; its office_id costs no query.
    officer = getattr(user, "officer", None) if user is not None and user.is_authenticated else None
    if officer is not None:
        office = office_by_pk(officer.office_id)
    if office is None:
        office = first_office()
    if request is not None:
        setattr(request, _CACHE_ATTR, office)
    return office


def office_identity(request):
    """Context processor: ``identity_office``, the office shown in header and footer,
    and ``identity_channels``, the channels its footer lists (both lazy)."""
    return {
        "identity_office": SimpleLazyObject(lambda: current_office(request)),
        "identity_channels": SimpleLazyObject(lambda: contact_channels(current_office(request))),
    }


def register_contact_channels(provider):
    """Register ``provider(office) -> [{"label", "value", "url"}]``: channels citizens
    may use, listed in the footer of every page (e.g. the complaint channels)."""
    if provider not in _channel_providers:
        _channel_providers.append(provider)


def contact_channels(office):
    """Every registered provider's channels for ``office``, in registration order."""
    if not office:
        return []
    return [channel for provider in _channel_providers for channel in provider(office)]
