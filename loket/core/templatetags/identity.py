"""{% office_header %} and {% office_footer %}: the office's identity on every page
(base.html), rendered once per office and language (loket.core.identity)."""

from django import template

from loket.core.identity import rendered_identity

register = template.Library()


@register.simple_tag(takes_context=True)
def office_header(context):
    return rendered_identity("header", context)


@register.simple_tag(takes_context=True)
def office_footer(context):
    return rendered_identity("footer", context)
