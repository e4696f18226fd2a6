from loket.complaints.demo import load_demo_complaints
from loket.complaints.models import Complaint


def test_it_loads_one_demo_complaint_per_weight_once(office, officers, outbox):
    """The demo has a light, a medium (coordinating) and a heavy complaint; rerun adds none."""
    made = load_demo_complaints(office)
    assert sorted(c.weight for c in Complaint.objects.all()) == ["berat", "ringan", "sedang"]
    assert load_demo_complaints(office) == [] and len(made) == 3


def test_it_renders_every_page_for_every_officer_role(client, office, officers, outbox):
    """Inbox, detail, register and reports render for each role that may open them."""
    load_demo_complaints(office)
    c = Complaint.objects.get(weight="berat")
    for role, user in officers.items():
        client.force_login(user)
        assert client.get("/pengaduan/kotak-masuk/").status_code == 200, role
        assert client.get(f"/pengaduan/{c.pk}/").status_code == 200, role
    client.force_login(officers["kepala_dinas"])
    page = client.get(f"/pengaduan/{c.pk}/").content.decode()
    assert 'name="partner"' in page  # the heavy coordination form
    for path in ("/pengaduan/buku/", "/pengaduan/laporan/"):
        assert client.get(path).status_code == 200
    client.logout()
    assert client.get("/pengaduan/").status_code == 200
    assert client.get("/pengaduan/lacak/").status_code == 200
