"""Every page has a skip link, a header whose navigation folds into a menu button on
a phone (USWDS usa-menu-btn / usa-nav), a main landmark and a footer, with places
for the office's identity."""

from django.urls import reverse


def test_the_layout_has_the_menu_button_skip_link_and_landmarks(client, sikts):
    """Indonesian and English: the skip link and the menu button's words."""
    html = client.get(reverse("standards:catalogue")).content.decode()
    assert '<a class="usa-skipnav" href="#main-content">Langsung ke isi halaman</a>' in html
    assert '<button type="button" class="usa-menu-btn">Menu</button>' in html
    assert '<nav aria-label="Navigasi utama" class="usa-nav">' in html
    assert 'alt="Tutup menu"' in html
    assert '<main id="main-content"' in html
    assert '<footer class="usa-footer' in html

    client.cookies["django_language"] = "en"
    english = client.get(reverse("standards:catalogue"), HTTP_ACCEPT_LANGUAGE="en").content
    english = english.decode()
    assert '<a class="usa-skipnav" href="#main-content">Skip to main content</a>' in english
    assert '<nav aria-label="Main navigation" class="usa-nav">' in english
    assert 'alt="Close menu"' in english
