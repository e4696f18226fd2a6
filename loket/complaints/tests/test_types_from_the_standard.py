"""Complaint types are data of the office's standard (`complaints.types`), not code."""

import re

import pytest
import yaml
from django.utils import timezone

from loket.complaints import actions
from loket.complaints.config import complaint_settings
from loket.complaints.mail_intake import ingest_email
from loket.complaints.models import TYPES
from loket.complaints.monthly import month_figures
from loket.complaints.tests.helpers import web_complaint
from loket.core.errors import Invalid
from loket.standards.schema import load_yaml
from loket.testing import SIKTS_YAML, load_sikts

OPEN311 = "/api/v1/complaints/open311"
OWN_TYPES = [
    {"code": "antrean", "name": "Antrean di loket"},
    {"code": "sikap-petugas", "name": "Sikap petugas"},
]


def _load_with(types):
    """Load a new version of the SIKTS standard whose complaint types are `types`."""
    data, _errors = load_yaml(SIKTS_YAML.read_text(encoding="utf-8"))
    if types is None:
        del data["complaints"]["types"]
    else:
        data["complaints"]["types"] = types
    return load_sikts(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def test_it_reads_the_types_of_the_sikts_standard(office):
    """standards/sikts.yaml names the eight types the Buku Pengaduan sorts by."""
    types = complaint_settings(office).types
    assert [code for code, _name in types] == [code for code, _label in TYPES]
    assert dict(types)["waktu"] == "Waktu penyelesaian"


def test_it_offers_files_and_labels_only_the_standards_types(client, office, officers):
    """With the office's own types: the public form offers them, intake refuses any
    other, and the register, the monthly report and the detail page name them."""
    _load_with(OWN_TYPES)
    page = client.get("/pengaduan/").content.decode()
    select = page.split('name="type"')[1].split("</select>")[0]
    offered = re.findall(r'<option value="([^"]*)"', select)
    assert offered == ["antrean", "sikap-petugas"]
    assert "Antrean di loket" in page and "Biaya/tarif" not in page

    with pytest.raises(Invalid) as refused:
        web_complaint(office, type="biaya")
    assert "type" in refused.value.errors
    complaint = web_complaint(office, type="antrean")
    assert complaint.type == "antrean"
    # Email names no type: the standard's last one, as it has no "lainnya".
    raw = b"Message-ID: <t-1@warga.example>\nFrom: a@warga.example\nSubject: Hal\n\nIsi.\n"
    assert ingest_email(office, raw)[1].type == "sikap-petugas"

    handler = officers["pengelola_pengaduan"]
    client.force_login(handler)
    assert "Antrean di loket" in client.get(f"/pengaduan/{complaint.pk}/").content.decode()
    register = client.get("/pengaduan/buku/?type=antrean").content.decode()
    assert register.count('class="register-row"') == 1 and "<td>Antrean di loket</td>" in register
    local = timezone.localtime(complaint.received_at)
    figures = month_figures(office, local.year, local.month)
    by_type = {row["code"]: (row["label"], row["count"]) for row in figures["by_type"]}
    assert by_type == {"antrean": ("Antrean di loket", 1), "sikap-petugas": ("Sikap petugas", 1)}


def test_it_lists_the_standards_types_as_open311_services(client, office):
    """services.json lists the standard's types; a request for another type is refused."""
    _load_with(OWN_TYPES)
    services = client.get(f"{OPEN311}/services.json").json()
    assert [(s["service_code"], s["service_name"]) for s in services] == [
        ("antrean", "Antrean di loket"),
        ("sikap-petugas", "Sikap petugas"),
    ]
    assert client.get(f"{OPEN311}/services/antrean.json").status_code == 200
    assert client.get(f"{OPEN311}/services/waktu.json").status_code == 404
    refused = client.post(f"{OPEN311}/requests.json", {"service_code": "waktu", "description": "x"})
    assert refused.status_code == 400
    made = client.post(
        f"{OPEN311}/requests.json", {"service_code": "antrean", "description": "Antre lama."}
    )
    assert made.status_code == 201
    ticket = made.json()[0]["service_request_id"]
    (shown,) = client.get(f"{OPEN311}/requests/{ticket}.json").json()
    assert (shown["service_code"], shown["service_name"]) == ("antrean", "Antrean di loket")


def test_it_falls_back_to_the_default_types_without_a_types_list(client, office):
    """A standard without `complaints.types` gets the default list."""
    _load_with(None)
    assert complaint_settings(office).types == tuple(TYPES)
    assert web_complaint(office, type="biaya").type == "biaya"
    assert web_complaint(office).type == "lainnya"
    services = client.get(f"{OPEN311}/services.json").json()
    assert [s["service_code"] for s in services] == [code for code, _label in TYPES]


def test_it_keeps_the_label_of_a_type_the_standard_dropped(office, officers):
    """A complaint filed under a type a later version drops still shows a name."""
    complaint = web_complaint(office, type="biaya")
    _load_with(OWN_TYPES)
    assert complaint_settings(office).type_label(complaint.type) == "Biaya/tarif"
    complaint = actions.weigh(complaint, officers["pengelola_pengaduan"], "ringan", "uji")
    assert complaint.type == "biaya"
