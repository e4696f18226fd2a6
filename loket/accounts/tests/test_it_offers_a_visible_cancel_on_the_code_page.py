"""The code page's "Batal dan keluar" is a real (outlined) button that can be read, not
a white link on a near-white page."""

from django.conf import settings
from django.urls import reverse

from loket.accounts.testing_login import plain_force_login


def test_the_cancel_is_an_outlined_button(client, officers):
    plain_force_login(client, officers["front_office"])
    html = client.get(reverse("accounts:two_factor")).content.decode()
    assert (
        '<button class="usa-button usa-button--outline secondary" type="submit" '
        'id="cancel-sign-in">Batal dan keluar</button>'
    ) in html
    assert '<button class="link">Batal dan keluar' not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("accounts:two_factor"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="cancel-sign-in">Cancel and sign out</button>' in html
