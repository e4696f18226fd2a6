"""A page of a long list without counting the list.

Django's Paginator counts every matching row to know the number of pages; on a
register of tens of thousands of lines that count costs more than the page itself.
A window reads one row more than it shows, which is all "next page" needs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    number: int
    size: int
    object_list: list
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def start_index(self):
        return (self.number - 1) * self.size + 1


def page_number(value):
    """A requested page number; anything that is not a positive number is page 1."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


# Past any real list (a billion rows at 50 a page), and far inside the 64-bit OFFSET
# a database accepts: a larger number is an empty page, not a database error.
LAST_PAGE = 20_000_000


def window(queryset, requested, size):
    """Page ``requested`` (1-based, forgiving) of an ordered queryset."""
    number = page_number(requested)
    if number > LAST_PAGE:
        return Window(number=number, size=size, object_list=[], has_next=False)
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Window(number=number, size=size, object_list=rows[:size], has_next=len(rows) > size)
