"""A web worker that serves pages does not import what only other work needs: the
API (django-ninja, pydantic), PDFs (WeasyPrint), signatures (pyHanko), spreadsheets
(openpyxl), charts (pygal), object storage (boto3), the SMS gateway's HTTP client
(urllib3), QR codes (segno), certificate parsing (asn1crypto), content sniffing
(libmagic), the holiday calendars (holidays). Each is imported where it is used
(docs/bench.md, "Lean workers"): a worker is about 20 MB smaller for the API alone.

Run in a fresh interpreter: this test process has long imported all of them."""

import json
import subprocess
import sys

from django.conf import settings

HEAVY = (
    "ninja",
    "pydantic",
    "weasyprint",
    "pyhanko",
    "openpyxl",
    "pygal",
    "boto3",
    "urllib3",
    "segno",
    "asn1crypto",
    "magic",
    "holidays",
)

_WORKER = """
import json, sys
import django
django.setup()
from django.urls import get_resolver, resolve, reverse
from django.template import engines

# What serving pages does to the URL table: resolve, then reverse every page's name
# (the first {% url %} of any page fills the whole table).
resolve("/lacak/")
engines["django"].from_string("{% url 'permits:track' %} {% url 'home' %}").render({})
for name in get_resolver().reverse_dict:
    if isinstance(name, str):
        try:
            reverse(name)
        except Exception:
            pass  # names that need arguments
loaded = {m.split(".")[0] for m in sys.modules}
print(json.dumps(sorted(loaded & set(sys.argv[1:]))))
api = reverse("api:openapi-json")
print(json.dumps([api, "ninja" in sys.modules]))
"""


def _run():
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, *HEAVY],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    first, second = done.stdout.strip().splitlines()[-2:]
    return json.loads(first), json.loads(second)


def test_a_page_worker_imports_none_of_them_and_the_api_loads_when_asked():
    loaded, (api_url, api_loaded) = _run()
    assert loaded == []
    # The API is still there, under its namespace, loaded on first use.
    assert api_url == "/api/v1/openapi.json" and api_loaded
