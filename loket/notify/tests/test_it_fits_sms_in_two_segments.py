"""Every SMS template, filled with the longest realistic values, fits in two GSM-7 segments."""

from loket.notify.actions import render_message
from loket.notify.models import MessageTemplate
from loket.notify.texts import SMS_LIMIT

LONGEST = {
    "name": "Prof. Dr. Hj. Nurhayati Rahmadaniati Kusumawardhani Sitompul, S.K.M., M.Kes.",
    "reg_number": "SIKTS-2026-99999",
    "number": "503/9999/DPMPTSP-SIKTS-PERPANJANGAN/2026/XII",
    "service_code": "SIKTS",
    "service_name": "Surat Izin Kerja Tenaga Sanitarian (SIKTS)",
    "office_name": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru",
    "office_short": "DPMPTSP-KOTA-PEKANBARU-PROVINSI-RIAU",
    "office_address": "Jl. Jenderal Sudirman No. 464, Kelurahan Jadirejo, Kecamatan "
    "Sukajadi, Kota Pekanbaru, Riau 28121",
    # The complaint tracking link is the longer of the two tracking links.
    "track_url": "https://perizinan.pekanbaru.go.id/pengaduan/lacak/"
    "?ticket=ADU-2026-99999&code=ABCDEFGH",
    "url": "https://perizinan.pekanbaru.go.id/survei/isi/9f8e7d6c5b4a39281706f5e4d3c2b1a0/",
    "to_fix": "; ".join(["Fotokopi ijazah: tidak terbaca, pindai ulang berwarna"] * 5),
    "ref": "PGD-2026-00999",
    "ticket": "ADU-2026-99999",
    "tracking_code": "ABCDEFGH",
    "answer": "Mohon maaf atas keterlambatan. " * 20,
}


def test_it_keeps_every_sms_template_within_306_ascii_characters(db):
    """Rendered with the longest values, each SMS is plain ASCII and at most 306 chars."""
    templates = MessageTemplate.objects.filter(channel="sms")
    assert templates.count() >= 10  # the data migrations' defaults
    for template in templates:
        _subject, body = render_message(template.code, "sms", LONGEST, template.language)
        assert body.isascii(), template
        assert len(body) <= SMS_LIMIT, (template, len(body), body)
