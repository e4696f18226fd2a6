"""With several offices, an officer's pages show the officer's own office; public
pages show the first office; a view may name the office of the object it shows."""

from django.test import Client, RequestFactory

from loket.accounts.models import Officer
from loket.core.identity import current_office, use_office
from loket.core.models import Office


def test_an_officer_of_the_second_office_sees_it(office, officers):
    other = Office.objects.create(
        code="dpmptsp-dumai", name="DPMPTSP Kota Dumai", city="Kota Dumai"
    )
    user = officers["front_office"]
    Officer.objects.filter(user=user).update(office=other)
    public = Client().get("/layanan/").content.decode().partition("<main")[0]
    assert office.name in public and "DPMPTSP Kota Dumai" not in public
    client = Client()
    client.force_login(user)
    own = client.get("/masuk/").content.decode().partition("<main")[0]
    assert "DPMPTSP Kota Dumai" in own and "PEMERINTAH KOTA DUMAI" in own
    assert office.name not in own


def test_a_view_names_the_office_of_its_object(office):
    other = Office.objects.create(code="dumai", name="DPMPTSP Kota Dumai", city="Kota Dumai")
    request = RequestFactory().get("/")
    use_office(request, other)
    assert current_office(request) == other
    assert current_office(RequestFactory().get("/")) == office
