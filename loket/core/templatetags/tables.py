"""A table that scrolls sideways on a narrow screen, in one place (docs/design.md).

    {% load tables %}
    {% scrollable_table _("Riwayat") %}<table>...</table>{% endscrollable_table %}

USWDS's scrollable table container; a keyboard user can only scroll a box that can take
the focus (axe-core's scrollable-region-focusable), so it has tabindex="0", and a box
that takes the focus is a region with a name, so a screen reader says what it is.
Officer tables hold long texts (complaints, audit trail): their cells wrap, unless
`nowrap=True` keeps USWDS's one-line cells.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


class ScrollableTableNode(template.Node):
    def __init__(self, nodelist, label, nowrap):
        self.nodelist, self.label, self.nowrap = nodelist, label, nowrap

    def render(self, context):
        label = self.label.resolve(context) if self.label else ""
        nowrap = self.nowrap.resolve(context) if self.nowrap else False
        css = "usa-table-container--scrollable" + ("" if nowrap else " loket-table-wrap")
        content = self.nodelist.render(context)
        if label:
            return format_html(
                '<div class="{}" tabindex="0" role="region" aria-label="{}">{}</div>',
                css,
                label,
                content,
            )
        return format_html('<div class="{}" tabindex="0">{}</div>', css, content)


@register.tag
def scrollable_table(parser, token):
    """{% scrollable_table [label] [nowrap=True] %} ... {% endscrollable_table %}"""
    bits = token.split_contents()[1:]
    label = nowrap = None
    for bit in bits:
        if bit.startswith("nowrap="):
            nowrap = parser.compile_filter(bit.removeprefix("nowrap="))
        elif label is None:
            label = parser.compile_filter(bit)
        else:
            raise template.TemplateSyntaxError(f"scrollable_table: unexpected {bit!r}")
    nodelist = parser.parse(("endscrollable_table",))
    parser.delete_first_token()
    return ScrollableTableNode(nodelist, label, nowrap)
