"""One registry of step kinds: the loader accepts exactly the kinds the engine runs,
and the file page takes each kind's button and form from it, not from the template."""

from pathlib import Path

from django.urls import reverse

from loket.permits import step_kinds
from loket.standards.schema import STEP_KINDS

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "permits"


def test_the_loader_and_the_engine_know_the_same_kinds():
    assert set(step_kinds.codes()) == set(STEP_KINDS)


def test_every_kind_has_a_template_and_a_label():
    for code in step_kinds.codes():
        kind = step_kinds.get(code)
        assert (TEMPLATES.parent / kind.partial).exists(), code
        assert str(kind.label).strip(), code


def test_the_file_page_names_no_step_kind_and_no_role():
    html = (TEMPLATES / "detail.html").read_text()
    for code in STEP_KINDS:
        assert f'"{code}"' not in html, code
    assert "in my_roles" not in html


def test_the_officer_sees_the_button_of_the_step_they_hold(client, application, officers):
    """At the check step the Front Office sees the check's buttons; the next officer,
    after it, sees the draft's."""
    from loket.testing import advance

    client.force_login(officers["front_office"])
    html = client.get(application.get_absolute_url()).content.decode()
    assert "Lengkap — teruskan" in html and "Kembalikan ke pemohon" in html
    advance(application, officers, 3)
    client.force_login(officers["back_office"])
    html = client.get(application.get_absolute_url()).content.decode()
    assert ">Cetak blanko</button>" in html


def test_the_inbox_shows_what_each_standard_lists_and_the_step_by_name(
    client, application, officers
):
    """SIKTS lists the workplace (`show: [list]`); the step is named, not only numbered."""
    client.force_login(officers["front_office"])
    html = client.get(reverse("permits:inbox")).content.decode()
    assert "Nama fasilitas pelayanan kesehatan tempat bekerja: Puskesmas Simpang Tiga" in html
    assert "2. Periksa berkas</td>" in html  # the step's short label (standards/sikts.yaml)
