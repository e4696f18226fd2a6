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
"""

from django.utils.functional import SimpleLazyObject

from loket.core.models import Office

_CACHE_ATTR = "_loket_identity_office"
_channel_providers = []


def first_office():
    """The office public pages speak for on a single-office install (the first one)."""
    return Office.objects.order_by("pk").first()


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
        office = Office.objects.filter(pk=officer.office_id).first()
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
