"""Step 9: collection at the counter (applicant or proxy) or by download; both close the file."""

import pytest
from django.test import Client

from loket.core.errors import Invalid
from loket.permits import actions
from loket.permits.actions import Upload
from loket.testing import MINIMAL_PDF, PASSWORD, advance


def test_it_requires_a_power_of_attorney_for_a_proxy(application, officers):
    """A proxy without an uploaded surat kuasa is refused; with one the file closes."""
    application = advance(application, officers, 9)
    fo = officers["front_office"]
    with pytest.raises(Invalid) as err:
        actions.complete_step(application, fo, 9, received_by="Andi (suami)")
    assert "proxy" in err.value.errors
    proxy = Upload(requirement="surat_kuasa", name="kuasa.pdf", data=MINIMAL_PDF)
    done = actions.complete_step(application, fo, 9, received_by="Andi (suami)", proxy=proxy)
    assert done.status == "collected"
    permit = done.permit
    assert permit.collected_via == "proxy" and permit.collected_by == "Andi (suami)"
    assert permit.proxy_document


def test_it_collects_electronically_when_the_applicant_downloads(application, officers):
    """The applicant's download of the signed PDF closes the file as collected online."""
    application = advance(application, officers, 9)
    client = Client()
    client.login(username=application.applicant.user.username, password=PASSWORD)
    response = client.get(f"/izin/{application.pk}/izin.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    application.refresh_from_db()
    assert application.status == "collected" and application.closed_at
    assert application.permit.collected_via == "online"
    assert application.card_entries.filter(details__collected_via="online").exists()
