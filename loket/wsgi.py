import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings")
application = get_wsgi_application()

if not settings.DEBUG:
    # Production never serves on a committed development secret (loket/accounts/checks.py).
    from loket.accounts.checks import development_secrets

    refused = development_secrets()
    if refused:
        raise ImproperlyConfigured(
            "Refusing to start with development secrets:\n"
            + "\n".join(f"{m.id}: {m.msg} {m.hint}" for m in refused)
        )
