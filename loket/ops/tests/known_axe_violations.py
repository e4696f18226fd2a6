"""Serious or critical axe-core violations present today (the accessibility crawl).

"role page language width": (rule ids, ...). The test fails on any violation not
listed and on a listed one that is gone, as a strict xfail would: remove the entry then.
An entry says, in a comment above it, why it cannot be fixed now.

None today: scrolling tables are focusable, named regions (the `scrollable_table` tag,
loket/core/templatetags/tables.py), and the file page's status tag and step indicator
use USWDS's own colours.
"""

KNOWN_VIOLATIONS: dict[str, tuple[str, ...]] = {}
