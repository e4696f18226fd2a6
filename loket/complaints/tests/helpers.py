"""Small builders shared by the complaints tests."""

from loket.complaints import actions
from loket.complaints.models import INTERNET


def web_complaint(office, **fields):
    fields.setdefault("description", "Antrean di loket terlalu lama.")
    return actions.file_complaint(office, actions.Intake(**fields), channel=INTERNET)


def recorded(office, officer, channel, **fields):
    fields.setdefault("description", "Pengaduan yang disampaikan langsung.")
    return actions.file_complaint(office, actions.Intake(**fields), channel=channel, by=officer)


def to_ready(complaint, officers, weight):
    """Weigh a complaint and finish its coordination so it can be answered."""
    import datetime

    complaint = actions.weigh(complaint, officers["pengelola_pengaduan"], weight, "uji")
    if weight == "sedang":
        actions.coordinate(complaint, officers["kepala_bidang"], "Temuan bidang.")
        complaint = actions.coordinate(complaint, officers["kepala_dinas"], "Keputusan Kadis.")
    elif weight == "berat":
        complaint = actions.coordinate(
            complaint,
            officers["kepala_dinas"],
            "Hasil koordinasi.",
            partner="sekda",
            partner_name="Sekretaris Daerah Kota",
            coordinated_on=datetime.date(2026, 3, 2),
        )
    return complaint
