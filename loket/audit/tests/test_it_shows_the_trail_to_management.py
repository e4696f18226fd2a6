"""The Sekretaris and the Kepala Dinas browse, filter and export their office's trail;
nobody else may."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from loket import audit
from loket.core.models import Office
from loket.core.roles import KEPALA_DINAS, OFFICER_ROLES, SEKRETARIS
from loket.testing import advance, make_officers

URL = reverse("audit:trail")


@pytest.fixture
def walked(application, officers):
    return advance(application, officers, 5)


@pytest.mark.parametrize("role", [SEKRETARIS, KEPALA_DINAS])
def test_it_shows_the_offices_trail_to_management(role, client, officers, walked):
    """Both roles see the steps; another office's events are not listed."""
    other = Office.objects.create(code="dpmptsp-dumai", name="DPMPTSP Kota Dumai", city="Dumai")
    audit.record("test.other_office", actor=None, office=other)
    client.force_login(officers[role])
    page = client.get(URL).content.decode()
    assert "<td>permits.complete_step</td>" in page
    assert "<td>permits.file_application</td>" in page
    assert "test.other_office" not in page


def test_it_names_the_roles_as_people_call_them(client, officers, walked):
    """The role column reads "Pemohon" / "Petugas Front Office", and "Applicant" /
    "Front Office officer" on an English page: never the code ("pemohon")."""
    client.force_login(officers[SEKRETARIS])
    page = client.get(URL).content.decode()
    assert "<td>Petugas Front Office</td>" in page
    client.cookies["django_language"] = "en"
    page = client.get(URL).content.decode()
    assert "<td>Front Office officer</td>" in page
    assert "<td>Applicant</td>" in page
    assert "<td>Pemohon</td>" not in page and "<td>pemohon</td>" not in page


def test_it_refuses_everyone_else(client, officers, applicant, walked):
    """Other roles and applicants get 403; anonymous visitors go to the login page."""
    for role in set(OFFICER_ROLES) - {SEKRETARIS, KEPALA_DINAS}:
        client.force_login(officers[role])
        assert client.get(URL).status_code == 403, role
        assert client.get(URL, {"format": "csv"}).status_code == 403, role
    client.force_login(applicant.user)
    assert client.get(URL).status_code == 403
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_refuses_another_offices_management(client, walked):
    """The Sekretaris of another office sees nothing of this one."""
    other = Office.objects.create(code="dpmptsp-dumai", name="DPMPTSP Kota Dumai", city="Dumai")
    strangers = make_officers(other, prefix="x")
    client.force_login(strangers[SEKRETARIS])
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<td>permits." not in page
    assert page.count('class="audit-row"') == 1  # their own sign-in


def test_it_filters_by_action_object_actor_and_date(client, officers, walked):
    """Each filter narrows the list."""
    client.force_login(officers[SEKRETARIS])
    rows = lambda **q: client.get(URL, q).content.decode().count('class="audit-row"')  # noqa: E731
    everything = rows()
    assert everything >= 5
    assert rows(action="permits.complete_step") == 3  # steps 2, 3, 4
    assert rows(action="permits.") == 4  # and the filing
    assert rows(object_type="permits.application", object_id=str(walked.pk)) == 4
    assert rows(actor=str(officers["back_office"].pk)) == 1
    assert rows(actor="jf_ahli_muda") == 1
    assert rows(date_from="2000-01-01", date_to="2000-01-02") == 0


def test_it_exports_csv_and_xlsx(client, officers, walked):
    """The export holds the filtered rows with their hashes."""
    client.force_login(officers[KEPALA_DINAS])
    response = client.get(URL, {"action": "permits.complete_step", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "seq" and len(rows) == 1 + 3
    assert {r[5] for r in rows[1:]} == {"permits.complete_step"}
    assert all(len(r[11]) == 64 for r in rows[1:])

    response = client.get(URL, {"action": "permits.", "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][5] == "tindakan" and len(values) == 1 + 4


def test_it_lists_with_constant_queries(client, officers, walked):
    """Forty more events cost no extra query on the list page."""
    from loket.testing import page_queries

    client.force_login(officers[SEKRETARIS])
    few, _response = page_queries(client, URL)
    for i in range(40):
        audit.record("test.event", actor=officers[SEKRETARIS], office=walked.office, data={"i": i})
    many, response = page_queries(client, URL)
    assert response.content.decode().count('class="audit-row"') >= 45
    assert many == few


def test_it_pages_the_trail_newest_first_keeping_the_filter(client, officers, walked, monkeypatch):
    from loket.audit import views

    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    for i in range(7):
        audit.record("test.paged", actor=officers[SEKRETARIS], office=walked.office, data={"i": i})
    client.force_login(officers[SEKRETARIS])
    first = client.get(URL, {"action": "test.paged"}).content.decode()
    assert first.count('class="audit-row"') == 5 and "i=6" in first  # newest first
    assert "action=test.paged&amp;hal=2" in first
    second = client.get(URL, {"action": "test.paged", "hal": 2}).content.decode()
    assert second.count('class="audit-row"') == 2 and "i=0" in second and "hal=3" not in second
