"""A table that scrolls sideways on a phone sits in a box the keyboard can focus (so
the arrow keys scroll it), announced as a region with the name of what it lists, in
the page's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

TEMPLATE = (
    "{% load tables %}"
    '{% scrollable_table _("Riwayat") %}<table><tr><td>x</td></tr></table>'
    "{% endscrollable_table %}"
)


@pytest.mark.parametrize(("language", "name"), [("id", "Riwayat"), ("en", "History")])
def test_the_box_takes_the_focus_and_is_a_named_region(language, name):
    """tabindex="0", role="region" and the translated name; officer cells wrap."""
    with translation.override(language):
        html = Template(TEMPLATE).render(Context())
    assert html == (
        '<div class="usa-table-container--scrollable loket-table-wrap" tabindex="0" '
        f'role="region" aria-label="{name}"><table><tr><td>x</td></tr></table></div>'
    )


def test_a_list_with_one_line_cells_keeps_uswds_nowrap():
    """nowrap=True leaves out the wrapping class, so USWDS keeps each cell on one line."""
    html = Template(
        '{% load tables %}{% scrollable_table "Daftar" nowrap=True %}<table></table>'
        "{% endscrollable_table %}"
    ).render(Context())
    assert html.startswith(
        '<div class="usa-table-container--scrollable" tabindex="0" role="region" '
        'aria-label="Daftar">'
    )


def test_a_label_is_escaped():
    """A name taken from data (a figure's title) cannot break out of the attribute."""
    html = Template(
        "{% load tables %}{% scrollable_table label %}<table></table>{% endscrollable_table %}"
    ).render(Context({"label": '"><script>'}))
    assert 'aria-label="&quot;&gt;&lt;script&gt;"' in html
