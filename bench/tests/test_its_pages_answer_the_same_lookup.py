"""The pages the public scenario loads answer the lookup they stand for: the baseline
page (one query in Loket's layout) and the middleware floor (bare Django's view through
Loket's middleware) show the file's status, and an unknown file as "-"."""

from django.test import Client, override_settings


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_baseline_page_and_the_middleware_floor_show_the_files_status(application):
    query = f"?reg={application.reg_number}&code={application.tracking_code}"
    for page in ("/bench/baseline/", "/bench/floor/"):
        found = Client().get(page + query)
        assert found.status_code == 200
        assert f"<p>{application.status}</p>" in found.content.decode(), page
        unknown = Client().get(page + "?reg=nope&code=nope")
        assert "<p>-</p>" in unknown.content.decode(), page
    # The floor has no layout: no office header, no navigation.
    floor = Client().get("/bench/floor/" + query).content.decode()
    assert "usa-header" not in floor and "<nav" not in floor
