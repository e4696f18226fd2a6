"""Pages that show text of the other language today (the language crawl test).

Each entry ("role page language": what leaks, its first words) is a strict xfail:
when a fix makes the page pass, the XPASS fails the run; remove the entry then.
"""

KNOWN_LEAKS = {}
