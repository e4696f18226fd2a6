"""The monthly complaint report is printed on the office's letterhead (kop surat) and
ends with the approval block of the Kepala Dinas it is handed to: place, date, title,
and the name and NIP of the officer who holds the role, or lines to fill in by hand.
It is an official document: Indonesian whatever the reader's language."""

import subprocess

import pytest
from django.utils import formats, timezone, translation

from loket.complaints import actions
from loket.complaints.tests.helpers import web_complaint
from loket.core.demo import give_demo_identity


def _text(pdf):
    run = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True)
    return " ".join(run.stdout.decode().split())


def _approved_report(office, officers):
    web_complaint(office)
    now = timezone.localtime()
    report = actions.compile_report(office, officers["pengelola_pengaduan"], now.year, now.month)
    report = actions.submit_report(report, officers["pengelola_pengaduan"])
    return actions.review_report(report, officers["sekretaris"], "approve")


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_prints_kop_and_the_kepala_dinas_block(client, office, officers, outbox, language):
    """Letterhead lines, then "Pekanbaru, <approval date>", the title, the name and NIP."""
    give_demo_identity(office)
    kadis = officers["kepala_dinas"]
    kadis.first_name, kadis.last_name = "H. Zulkarnain,", "S.STP., M.Si."
    kadis.save()
    kadis.officer.nip, kadis.officer.rank = "197501012000031001", "Pembina Utama Muda (IV/c)"
    kadis.officer.save()
    report = _approved_report(office, officers)
    client.force_login(kadis)
    client.cookies["django_language"] = language
    text = _text(client.get(f"/pengaduan/laporan/{report.pk}/v1.pdf").content)
    assert "PEMERINTAH KOTA PEKANBARU" in text
    assert "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KOTA PEKANBARU" in text
    assert "Jl. Jend. Sudirman No. 464, Kota Pekanbaru 28126 · Telp. (0761) 000000" in text
    assert text.index("PEMERINTAH KOTA PEKANBARU") < text.index("LAPORAN PENGADUAN")
    with translation.override("id"):
        approved = formats.date_format(timezone.localdate(report.approved_at), "j F Y")
    assert f"Pekanbaru, {approved}" in text
    assert "Mengetahui, KEPALA DINAS PENANAMAN MODAL" in text
    assert "H. Zulkarnain, S.STP., M.Si." in text
    assert "Pembina Utama Muda (IV/c) NIP. 197501012000031001" in text


def test_without_a_kepala_dinas_it_leaves_lines_to_sign(client, office, officers, outbox):
    """No officer holds the role and the office names no head: a line for the name and
    the NIP, and a draft report has no date yet."""
    give_demo_identity(office)
    officers["kepala_dinas"].groups.clear()
    web_complaint(office)
    now = timezone.localtime()
    report = actions.compile_report(office, officers["pengelola_pengaduan"], now.year, now.month)
    client.force_login(officers["sekretaris"])
    text = _text(client.get(f"/pengaduan/laporan/{report.pk}/v1.pdf").content)
    assert f"Pekanbaru, .......................... {now.year}" in text
    assert "Mengetahui, KEPALA DINAS PENANAMAN MODAL" in text
    assert ".................................................... NIP. ......" in text
    assert "H. Zulkarnain" not in text
