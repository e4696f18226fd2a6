"""A window of a list: the page asked for, whether there is a next one, and no error
for a page number that is not one or is far past the end."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.core.models import Office
from loket.lib.pages import LAST_PAGE, window


@pytest.fixture
def offices(db):
    Office.objects.bulk_create(
        Office(code=f"kantor-{i}", name=f"Kantor {i}", city="Pekanbaru") for i in range(5)
    )
    return Office.objects.filter(code__startswith="kantor-").order_by("code")


def test_it_reads_one_row_more_than_it_shows(offices):
    first = window(offices, "1", 2)
    assert [o.code for o in first.object_list] == ["kantor-0", "kantor-1"]
    assert first.has_next and not first.has_previous and first.start_index == 1
    last = window(offices, 3, 2)
    assert [o.code for o in last.object_list] == ["kantor-4"]
    assert not last.has_next and last.has_previous and last.start_index == 5


@pytest.mark.parametrize("asked", [None, "", "x", "-3", "0", "1.5"])
def test_what_is_not_a_page_number_is_the_first_page(offices, asked):
    assert window(offices, asked, 2).number == 1


@pytest.mark.parametrize("asked", [LAST_PAGE + 1, "732944471780177121600820215808"])
def test_a_page_far_past_the_end_is_empty_without_a_query(offices, asked):
    with CaptureQueriesContext(connection) as ctx:
        page = window(offices, asked, 50)
    assert page.object_list == [] and not page.has_next and ctx.captured_queries == []


def test_the_api_answers_a_far_page_with_an_empty_page_and_refuses_an_absurd_one(
    client, office, officers
):
    """Past the end is an empty page; a number no list can reach is a 422 naming `page`."""
    client.force_login(officers["back_office"])
    for url in ("/api/v1/notify/outbox", "/api/v1/notify/letters"):
        far = client.get(url, {"page": "20000000"})
        assert far.status_code == 200, url
        assert far.json() == {"items": [], "page": 20000000, "has_next": False}, url
        absurd = client.get(url, {"page": "732944471780177121600820215808"})
        assert absurd.status_code == 422 and "page" in absurd.json()["errors"], url
