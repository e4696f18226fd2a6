"""Every page is laid out with USWDS 3.14.0, vendored at that pinned version
(docs/design.md): the page links its CSS and scripts, the files exist, and
collectstatic (also with hashed names) finds every font and image the CSS names."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

USWDS = "uswds/3.14.0"
ASSETS = [
    f"{USWDS}/css/uswds.min.css",
    f"{USWDS}/js/uswds.min.js",
    f"{USWDS}/js/uswds-init.min.js",
    "loket/theme.css",
    "loket/loket.js",
]


def test_the_layout_links_the_pinned_assets(client, sikts):
    """The catalogue's <head> and the end of its <body> load the pinned files, and
    the static files app finds each of them."""
    html = client.get(reverse("standards:catalogue")).content.decode()
    for asset in ASSETS:
        assert f"/static/{asset}" in html, asset
        assert finders.find(asset), asset
    license_text = Path(finders.find(f"{USWDS}/LICENSE.md")).read_text()
    assert "public domain" in license_text.lower()


def _css_references():
    css = Path(finders.find(f"{USWDS}/css/uswds.min.css")).read_text()
    return sorted(
        {u.strip("\"'") for u in re.findall(r"url\(([^)]+)\)", css)} - {""},
    )


def test_every_font_and_image_the_css_names_is_vendored():
    """No url() in the stylesheet points at a file left out of the vendored copy."""
    refs = [r for r in _css_references() if not r.startswith("data:")]
    assert any("fonts/" in r for r in refs) and any("img/" in r for r in refs)
    for ref in refs:
        assert finders.find(f"{USWDS}/css/{ref}".replace("css/../", "")), ref


@pytest.mark.parametrize(
    "backend",
    [
        "django.contrib.staticfiles.storage.StaticFilesStorage",
        "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    ],
)
def test_collectstatic_collects_it(settings, tmp_path, backend):
    """collectstatic into an empty STATIC_ROOT: the plain storage the project uses and
    the hashed one (which fails on any url() or source map it cannot find)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    call_command("collectstatic", "--noinput", verbosity=0)
    root = settings.STATIC_ROOT
    assert (root / USWDS / "css" / "uswds.min.css").exists()
    font = root / USWDS / "fonts" / "source-sans-pro" / "sourcesanspro-regular-webfont.woff2"
    assert font.exists()
    if "Manifest" in backend:
        manifest = (root / "staticfiles.json").read_text()
        assert f"{USWDS}/css/uswds.min.css" in manifest
