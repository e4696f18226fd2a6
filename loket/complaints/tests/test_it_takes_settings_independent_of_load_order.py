"""Complaint settings with several services: a complaint about a file follows its
service; the office's own settings combine all services, whatever order they were
loaded in."""

from pathlib import Path

import yaml
from django.conf import settings

from loket.complaints.config import complaint_settings
from loket.standards.actions import load_standard
from loket.standards.schema import load_yaml

STANDARDS = Path(settings.BASE_DIR) / "standards"


def _variant(code, deadline, channels):
    data, _errors = load_yaml((STANDARDS / "sikts.yaml").read_text())
    data["code"], data["name"] = code, f"Layanan {code}"
    data["complaints"]["weights"]["sedang"]["deadline_working_days"] = deadline
    data["complaints"]["weights"]["sedang"]["route"] = f"Rute {code}"
    data["complaints"]["channels"] = channels
    return yaml.safe_dump(data, allow_unicode=True)


def _office_settings(order):
    versions = {}
    for code, deadline, channels in order:
        versions[code] = load_standard(_variant(code, deadline, channels))[0]
    office = next(iter(versions.values())).service.office
    return office, versions, complaint_settings(office)


def test_the_office_settings_do_not_depend_on_load_order(db):
    a = ("aaa", 7, ["langsung", "email"])
    b = ("bbb", 3, ["surat"])
    _office, _v, first = _office_settings([a, b])
    assert first.deadline_days("sedang") == 3
    assert first.routes["sedang"] == "Rute bbb"
    assert first.channels == ("langsung", "surat", "email")


def test_the_same_in_the_other_order(db):
    a = ("aaa", 7, ["langsung", "email"])
    b = ("bbb", 3, ["surat"])
    _office, _v, second = _office_settings([b, a])
    assert second.deadline_days("sedang") == 3
    assert second.routes["sedang"] == "Rute bbb"
    assert second.channels == ("langsung", "surat", "email")


def test_a_complaint_about_a_file_follows_its_service(db):
    office, versions, _combined = _office_settings(
        [("aaa", 7, ["langsung"]), ("bbb", 3, ["surat"])]
    )
    own = complaint_settings(office, versions["aaa"].service)
    assert own.deadline_days("sedang") == 7
    assert own.channels == ("langsung",)
