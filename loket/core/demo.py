"""The demo office's identity: DPMPTSP Kota Pekanbaru, the office of the service
standard (/work/shared/standard). The standard's excerpt gives no address or
contacts, so the street is the office's public one and the numbers are demo numbers
(the 000 runs are there so nobody mistakes them for the office's own)."""

from loket.core.models import Office

PEKANBARU_IDENTITY = {
    "government": "PEMERINTAH KOTA PEKANBARU",
    "name": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru",
    "short_name": "DPMPTSP Kota Pekanbaru",
    "crest": "core/crest/contoh.svg",
    "city": "Kota Pekanbaru",
    "address": "Jl. Jend. Sudirman No. 464",
    "postal_code": "28126",
    "opening_hours": "Senin-Jumat 08.00-16.00 WIB\nSabtu, Minggu dan hari libur: tutup",
    "opening_hours_en": "Monday-Friday 8:00-16:00 WIB\nClosed on weekends and public holidays",
    "phone": "(0761) 000000",
    "whatsapp": "0811-7600-0000",
    "fax": "(0761) 000001",
    "email": "dpmptsp@pekanbaru.go.id",
    "website": "https://dpmptsp.pekanbaru.go.id",
}


def give_demo_identity(office):
    """Write the demo identity on ``office`` (the demo and the tests use it)."""
    Office.objects.filter(pk=office.pk).update(**PEKANBARU_IDENTITY)
    office.refresh_from_db()
    return office
