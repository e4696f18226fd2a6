"""The page inventory (loket/testing_pages.py) covers every page of the URLconf, and
each role opens each of its pages on the demo data."""

import pytest

from loket.testing_pages import PAGES, ROLES, SET_ASIDE, inventory, uncovered_patterns


def test_it_lists_or_sets_aside_every_url_pattern():
    """A new URL pattern (outside admin and the API) must be added to PAGES, with the
    roles that open it, or to SET_ASIDE with the reason it is no page."""
    assert uncovered_patterns() == []


def test_it_sets_aside_no_listed_page():
    assert not {p.url_name for p in PAGES} & set(SET_ASIDE)


def test_it_names_each_page_once():
    keys = [p.key for p in PAGES]
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
def test_it_finds_every_page_of_every_role_in_the_demo_data(demo_data):
    """Every role has pages, each with a real URL (the demo's objects exist)."""
    pages = inventory()
    assert set(pages) == set(ROLES)
    assert all(pages[role] for role in ROLES)
    urls = dict(pages["pemohon"])
    assert urls["berkas-returned"].startswith("/permohonan/")
    assert urls["survei-undangan"].startswith("/survei/u/")
