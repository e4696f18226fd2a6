"""Serious or critical axe-core violations present today (the accessibility crawl).

"role page language width": (rule ids, reason). The test fails on any violation not
listed and on a listed one that is gone, as a strict xfail would: remove the entry then.
"""

KNOWN_VIOLATIONS = {}

# Why each rule fails today.
REASONS = {
    # A table's .table-wrap (overflow-x: auto) scrolls on a phone, but has no
    # tabindex="0" (nor role="region" and a name), so a keyboard cannot scroll it.
    # The tables' templates belong to the design and clerk helpers (USWDS's scrollable
    # table container carries tabindex="0").
    "scrollable-region-focusable": "a scrolling table a keyboard cannot reach (phone)",
}
