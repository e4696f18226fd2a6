"""Only respondents tied to a service event count in the IKM: a file's invitation, or
a kiosk an officer registered in the office. A stranger's flood of anonymous kiosk,
QR or API responses is kept apart for review and leaves the IKM as it was."""

import hashlib

from django.test import Client
from django.urls import reverse

from loket.surveys import kiosks, queries
from loket.surveys.models import KioskDevice, SurveyResponse
from loket.surveys.tests.helpers import add_responses, form_data


def _registered_kiosk(officer, name="Kios"):
    """A browser an officer registered as a kiosk, then signed out of (the kiosk keeps
    its cookie: the test client's logout drops every cookie, so it is put back)."""
    kiosk = Client()
    kiosk.force_login(officer)
    answer = kiosk.post(reverse("surveys:kiosk_devices"), {"name": name})
    assert answer.status_code == 302
    token = answer.cookies[kiosks.COOKIE].value
    kiosk.logout()
    kiosk.cookies[kiosks.COOKIE] = token
    return kiosk, answer


def _ikm(office):
    data = queries.ikm_for_period(office, queries.current_period(office))
    return data.result.ikm, data.respondents


def test_an_anonymous_kiosk_flood_leaves_the_ikm_unchanged(sikts, officers, client):
    """30 real respondents scoring 4; then 200 anonymous POSTs scoring 1 from many
    addresses (kiosk page, QR page, API): the IKM and its respondents stay exactly
    the same, and the report shows the flood as held, not counted."""
    service, office = sikts.service, sikts.service.office
    add_responses(service, 30, scores=4)
    before = _ikm(office)
    kiosk = reverse("surveys:kiosk", args=[office.code, service.code])
    fill = reverse("surveys:fill", args=[office.code, service.code])
    for n in range(200):
        stranger = Client(REMOTE_ADDR=f"203.0.113.{n % 250}")
        if n % 3 == 0:
            stranger.post(kiosk, form_data(1))
        elif n % 3 == 1:
            stranger.post(fill, form_data(1))
        else:
            body = {"office": office.code, "service": service.code, **form_data(1)}
            answer = stranger.post(
                "/api/v1/surveys/responses", body, content_type="application/json"
            )
            assert answer.status_code == 201 and answer.json()["counted"] is False
    assert SurveyResponse.objects.filter(held=SurveyResponse.ANONYMOUS).count() == 200
    assert _ikm(office) == before
    client.force_login(officers["sekretaris"])
    page = client.get(reverse("surveys:report")).content.decode()
    assert "IKM <b>100,00</b>" in page
    assert "<tr><td>Kios loket</td><td>30</td><td>133</td></tr>" in page
    assert "Ditahan, tidak dihitung" in page and "Tanpa undangan atau kios terdaftar (200)" in page


def test_a_kiosk_registered_by_an_officer_counts(sikts, officers):
    """The officer registers the kiosk's browser (a cookie holding a random token, the
    database only its hash); its responses count, and its page says nothing about
    being unregistered."""
    service, office = sikts.service, sikts.service.office
    kiosk, answer = _registered_kiosk(officers["front_office"], "Kios lantai 1")
    token = answer.cookies[kiosks.COOKIE].value
    device = KioskDevice.objects.get()
    assert device.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert answer.cookies[kiosks.COOKIE]["httponly"]
    url = reverse("surveys:kiosk", args=[office.code, service.code])
    assert "survey-unregistered" not in kiosk.get(url).content.decode()
    kiosk.post(url, form_data(3))
    saved = SurveyResponse.objects.get()
    assert saved.counted and saved.device == device and saved.held == ""
    assert _ikm(office) == (75, 1)


def test_an_unregistered_kiosk_says_its_answers_do_not_count(sikts):
    """A browser without a registered kiosk's cookie is told, in Indonesian and English."""
    service = sikts.service
    url = reverse("surveys:kiosk", args=[service.office.code, service.code])
    page = Client().get(url).content.decode()
    assert "tidak dihitung dalam Indeks Kepuasan Masyarakat" in page
    english = Client()
    english.cookies["django_language"] = "en"
    assert "not counted in the Community Satisfaction Index" in english.get(url).content.decode()


def test_a_revoked_or_forged_kiosk_no_longer_counts(sikts, officers, client):
    """Revoking a kiosk (listed on the devices page) makes its responses anonymous;
    a made-up cookie counts for nothing either."""
    service, office = sikts.service, sikts.service.office
    kiosk, _answer = _registered_kiosk(officers["front_office"], "Kios lama")
    device = KioskDevice.objects.get()
    client.force_login(officers["sekretaris"])
    listing = client.get(reverse("surveys:kiosk_devices")).content.decode()
    assert "Kios lama" in listing and "Aktif" in listing
    client.post(reverse("surveys:revoke_kiosk", args=[device.pk]))
    assert "Dicabut" in client.get(reverse("surveys:kiosk_devices")).content.decode()
    url = reverse("surveys:kiosk", args=[office.code, service.code])
    kiosk.post(url, form_data(2))
    forged = Client()
    forged.cookies[kiosks.COOKIE] = "x" * 43
    forged.post(url, form_data(2))
    assert list(SurveyResponse.objects.values_list("counted", "held")) == [
        (False, "anonymous"),
        (False, "anonymous"),
    ]


def test_it_holds_bursts_and_duplicates_from_one_kiosk(sikts, officers, settings, client):
    """From a registered kiosk, the same answers twice within minutes are held as a
    duplicate, and the third response within the burst window as a burst; an officer
    may count a held one after checking, never an anonymous one."""
    settings.SURVEY_BURST_COUNT = 3
    service, office = sikts.service, sikts.service.office
    kiosk, _answer = _registered_kiosk(officers["front_office"])
    url = reverse("surveys:kiosk", args=[office.code, service.code])
    kiosk.post(url, form_data(4))
    kiosk.post(url, form_data(4))
    kiosk.post(url, form_data(3))
    held = list(SurveyResponse.objects.order_by("pk").values_list("counted", "held"))
    assert held == [(True, ""), (False, "duplicate"), (False, "burst")]
    Client(REMOTE_ADDR="203.0.113.9").post(url, form_data(1))
    client.force_login(officers["front_office"])
    page = client.get(reverse("surveys:kiosk_devices")).content.decode()
    assert "Jawaban kembar dari satu kios" in page
    duplicate = SurveyResponse.objects.get(held="duplicate")
    client.post(reverse("surveys:accept_held", args=[duplicate.pk]))
    duplicate.refresh_from_db()
    assert duplicate.counted and duplicate.reviewed_by == officers["front_office"]
    anonymous = SurveyResponse.objects.get(held="anonymous")
    answer = client.post(reverse("surveys:accept_held", args=[anonymous.pk]), follow=True)
    assert "tidak dapat dihitung" in answer.content.decode()
    anonymous.refresh_from_db()
    assert not anonymous.counted
    assert _ikm(office)[1] == 2


def test_only_officers_of_the_office_register_kiosks(sikts, officers, applicant):
    """An applicant, or a signed-out visitor, cannot register a kiosk."""
    visitor = Client()
    assert visitor.post(reverse("surveys:kiosk_devices"), {"name": "x"}).status_code == 302
    visitor.force_login(applicant.user)
    assert visitor.post(reverse("surveys:kiosk_devices"), {"name": "x"}).status_code == 403
    assert not KioskDevice.objects.exists()
