from django import template

register = template.Library()


@register.filter
def workmins(minutes):
    """Working minutes as '1 j 20 m' (hours of work, not clock hours)."""
    if minutes is None:
        return "–"
    sign = "-" if minutes < 0 else ""
    hours, mins = divmod(abs(int(minutes)), 60)
    return f"{sign}{hours} j {mins} m" if hours else f"{sign}{mins} m"


@register.filter
def typed(data, name):
    """The value the officer had typed in field `name` of a refused form (or "")."""
    return data.get(name, "") if data else ""
