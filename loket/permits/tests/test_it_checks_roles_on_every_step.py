"""Only the step's role, in the file's office, may act on a step; others are refused."""

import pytest
from django.urls import reverse

from loket.core.errors import Conflict, NotAllowed
from loket.core.models import Office
from loket.core.roles import OFFICER_ROLES
from loket.permits import actions
from loket.testing import (
    advance,
    ensure_signing_certificate,
    make_applicant,
    make_officers,
    sign_as,
)

STEPS = range(2, 10)


@pytest.mark.parametrize("step_no", STEPS)
def test_it_lets_only_the_steps_role_complete_it(step_no, application, officers):
    """Every other role gets NotAllowed and the file does not move."""
    application = advance(application, officers, step_no)
    step = application.step
    assert step.no == step_no
    checked = [r.code for r in application.spec.requirements_for("baru")]
    for role in OFFICER_ROLES:
        if role == step.role:
            continue
        with pytest.raises(NotAllowed):
            actions.complete_step(application, officers[role], step_no, checked=checked)
    with pytest.raises(NotAllowed):
        actions.complete_step(application, application.applicant.user, step_no, checked=checked)
    if step.kind == "sign":  # the signer signs with his own certificate and passphrase
        ensure_signing_certificate(officers[step.role])
        application = sign_as(application, officers[step.role])
    else:
        application = actions.complete_step(
            application, officers[step.role], step_no, checked=checked
        )
    assert application.current_step == step_no + 1 or not application.is_open


def test_it_refuses_repeating_or_skipping_a_step(application, officers):
    """A finished step cannot be done again, and a later step cannot be done early."""
    checked = [r.code for r in application.spec.requirements_for("baru")]
    actions.complete_step(application, officers["front_office"], 2, checked=checked)
    with pytest.raises((Conflict, NotAllowed)):
        actions.complete_step(application, officers["front_office"], 2, checked=checked)
    with pytest.raises(Conflict):
        actions.complete_step(application, officers["back_office"], 8)


def test_it_hides_another_offices_files(client, application, officers):
    """An officer of another office holding the same role finds nothing (404)."""
    other = Office.objects.create(code="dpmptsp-dumai", name="DPMPTSP Kota Dumai", city="Dumai")
    strangers = make_officers(other, prefix="dumai-")
    with pytest.raises(NotAllowed):
        actions.complete_step(application, strangers["front_office"], 2)
    client.force_login(strangers["front_office"])
    assert client.get(reverse("permits:detail", args=[application.pk])).status_code == 404
    inbox = client.get(reverse("permits:inbox")).content.decode()
    assert application.reg_number not in inbox


def test_it_hides_another_applicants_file_and_documents(client, application, office):
    """Guessing ids in URLs finds nothing for another applicant (404 everywhere)."""
    other = make_applicant(office, name="Budi")
    client.force_login(other.user)
    doc = application.documents.first()
    for url in [
        reverse("permits:detail", args=[application.pk]),
        reverse("permits:receipt", args=[application.pk]),
        reverse("permits:receipt_pdf", args=[application.pk]),
        reverse("permits:card_pdf", args=[application.pk]),
        reverse("permits:document", args=[doc.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert application.reg_number not in client.get(reverse("permits:mine")).content.decode()
    client.force_login(application.applicant.user)
    assert client.get(reverse("permits:document", args=[doc.pk])).status_code == 200


def test_it_requires_login_for_files(client, application):
    """Anonymous visitors are sent to the login page, never shown a file."""
    response = client.get(reverse("permits:detail", args=[application.pk]))
    assert response.status_code == 302 and "/masuk/" in response["Location"]
