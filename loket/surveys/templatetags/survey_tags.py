from django import template

from loket.surveys import queries, report

register = template.Library()


@register.simple_tag
def skm_public_summary(service):
    """The published summary of a service: its latest period with responses."""
    if service is None:
        return None
    office = service.office
    period = queries.current_period(office)
    context = report.build(office, period, service)
    if context["ikm"].respondents == 0:
        previous = report.build(office, period.previous(), service)
        if previous["ikm"].respondents:
            context = previous
    context["follow_ups"] = [f for f in context["follow_ups"] if f.status != f.OPEN]
    return context
