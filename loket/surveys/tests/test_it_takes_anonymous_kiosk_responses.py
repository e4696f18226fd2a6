from django.urls import reverse

from loket.surveys.models import SurveyResponse
from loket.surveys.tests.helpers import form_data


def test_it_records_an_anonymous_kiosk_response_and_resets_the_form(client, sikts):
    """The kiosk records a response tied to no file and returns to an empty form."""
    service = sikts.service
    url = reverse("surveys:kiosk", args=[service.office.code, service.code])
    response = client.post(url, form_data(2))
    assert response.status_code == 302 and "terima-kasih" in response["Location"]
    saved = SurveyResponse.objects.get()
    assert saved.invitation is None and saved.channel == "kiosk"
    assert saved.service == service and saved.u5 == 2
    page = client.get(response["Location"])
    assert "Terima kasih" in page.content.decode()
    # a second respondent at the same kiosk is welcome
    client.post(url, form_data(4))
    assert SurveyResponse.objects.count() == 2


def test_it_prints_a_qr_code_of_the_public_form(client, sikts):
    """The counter poster holds a QR code of the anonymous form's address."""
    service = sikts.service
    page = client.get(reverse("surveys:qr", args=[service.office.code, service.code]))
    html = page.content.decode()
    assert "data:image/svg+xml;base64," in html
    assert reverse("surveys:fill", args=[service.office.code, service.code]) in html
    client.post(reverse("surveys:fill", args=[service.office.code, service.code]), form_data(3))
    assert SurveyResponse.objects.get().channel == "qr"


def test_it_accepts_anonymous_responses_through_the_api(client, sikts):
    """POST without token but with office and service codes records a kiosk response."""
    service = sikts.service
    body = {"office": service.office.code, "service": service.code, **form_data(4)}
    ok = client.post("/api/v1/surveys/responses", body, content_type="application/json")
    assert ok.status_code == 201
    bad = client.post(
        "/api/v1/surveys/responses", {**body, "u3": 7}, content_type="application/json"
    )
    assert bad.status_code == 422 and "u3" in bad.json()["errors"]
