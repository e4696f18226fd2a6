"""The layout's parts each worker keeps for its life ({% cache None %} in base.html) are
forgotten when runserver's autoreloader sees a file change, as Django forgets its
compiled templates then: an edited template shows without a restart."""

from pathlib import Path

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.test import Client
from django.utils.autoreload import file_changed


def test_a_changed_file_empties_the_kept_layout(db):
    Client().get("/lacak/")
    kept, nav = caches["fragments"], make_template_fragment_key("layout_nav", ["id"])
    assert "Lacak berkas" in kept.get(nav)
    file_changed.send(sender=None, file_path=Path("loket/templates/base.html"))
    assert kept.get(nav) is None
