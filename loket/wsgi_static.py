"""loket.wsgi plus the collected static files (STATIC_ROOT), served by WhiteNoise.

For `make serve`, and for web servers whose reverse proxy cannot read STATIC_ROOT
(a proxy on another machine, a hardware load balancer): each gunicorn then serves
/static/ itself, with caching headers and gzip. A proxy on the same machine may serve
STATIC_ROOT directly instead and use loket.wsgi (docs/deploy.md). Only STATIC_ROOT is
served: private uploads live elsewhere and go through views that check the caller.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from loket.wsgi import application as loket_application

application = WhiteNoise(
    loket_application, root=settings.STATIC_ROOT, prefix=settings.STATIC_URL, max_age=3600
)
