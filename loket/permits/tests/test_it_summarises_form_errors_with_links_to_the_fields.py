"""A form with errors opens with an error summary: each error a link to its field's
id, and the same error beside the field (USWDS usa-alert--error, usa-error-message)."""

from django.urls import reverse

from loket.permits.tests.filing_helpers import first_required_field
from loket.testing import PASSWORD


def test_it_links_each_error_to_its_field_in_both_languages(client, sikts, applicant):
    """Indonesian and English: the summary's heading, a link per error, the field's error."""
    client.login(username=applicant.user.username, password=PASSWORD)
    url = reverse("permits:apply", args=[sikts.service.pk])
    field = first_required_field(sikts.spec)
    html = client.post(url, {"kind": "baru"}).content.decode()
    assert 'class="usa-alert usa-alert--error loket-error-summary"' in html
    assert "Periksa kembali isian yang ditandai." in html
    assert f'<a href="#id_{field.key}">{field.label}: Wajib diisi.</a>' in html
    assert f'id="id_{field.key}"' in html
    error = f'<span class="usa-error-message" id="id_{field.key}-error" role="alert">'
    assert error + "Wajib diisi.</span>" in html

    client.cookies["django_language"] = "en"
    english = client.post(url, {"kind": "baru"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Please check the highlighted fields." in english
    assert f'<a href="#id_{field.key}">' in english
    assert ": This field is required.</a>" in english
