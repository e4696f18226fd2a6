import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from loket.complaints import actions
from loket.complaints.models import RegisterEntry
from loket.complaints.tests.helpers import recorded, web_complaint


def test_it_appends_register_entries_and_never_changes_them(office, officers, outbox):
    """Intake, weighing and closing each add a line; lines cannot be edited or deleted."""
    c = web_complaint(office, name="Ani")
    c = actions.weigh(c, officers["pengelola_pengaduan"], "ringan", "uji")
    actions.answer(c, officers["pengelola_pengaduan"], "Jawaban")
    reasons = list(RegisterEntry.objects.filter(complaint=c).values_list("reason", flat=True))
    assert reasons == ["dicatat", "bobot ditetapkan", "selesai"]
    last = RegisterEntry.objects.filter(complaint=c).last()
    assert last.handling_minutes is not None and last.weight == "ringan"
    with pytest.raises(PermissionDenied):
        last.save()
    with pytest.raises(PermissionDenied):
        RegisterEntry.objects.all().delete()


def test_it_filters_and_exports_the_register_to_xlsx_and_pdf(client, office, officers, outbox):
    """The Buku Pengaduan filters by weight and channel; XLSX opens in openpyxl; PDF prints."""
    handler = officers["pengelola_pengaduan"]
    a = actions.weigh(web_complaint(office, name="Ani"), handler, "sedang", "uji")
    b = recorded(office, handler, "surat", name="Budi")
    client.force_login(officers["sekretaris"])
    page = client.get("/pengaduan/buku/?weight=sedang").content.decode()
    assert a.ticket in page and b.ticket not in page
    response = client.get("/pengaduan/buku/?channel=surat&format=xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[2]][:4] == [
        "No",
        "Nomor tiket",
        "Tanggal pengaduan",
        "Identitas pengadu",
    ]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == [b.ticket] and rows[0][3].startswith("Budi")
    history = client.get("/pengaduan/buku/?history=on&format=xlsx")
    tickets = [
        r[1].value for r in load_workbook(io.BytesIO(history.content)).active.iter_rows(min_row=3)
    ]
    assert tickets.count(a.ticket) == 2  # recorded, then weighed
    pdf = client.get("/pengaduan/buku/?format=pdf")
    assert pdf.content.startswith(b"%PDF")
    assert zipfile.is_zipfile(io.BytesIO(response.content))
