"""How long an SMS is, as the carrier counts it, and shortening text at a word boundary.

A message that every character of fits the GSM 03.38 alphabet (GSM-7) is billed in
segments of 160 characters, or 153 each when it needs more than one (the rest of each
segment carries the header that joins them); the extension characters ({ } [ ] ~ \\ | ^
and the euro sign) take two. Any other character makes the whole message UCS-2: 70
characters, or 67 each. The `gsm0338` package's codec does the counting of septets.
"""

import math

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

GSM7, UCS2 = "GSM-7", "UCS-2"
# (one segment, each of several) per encoding.
SEGMENT = {GSM7: (160, 153), UCS2: (70, 67)}
ELLIPSIS = "…"


def encoding(text):
    """GSM7 when every character of ``text`` is in the GSM 03.38 alphabet, else UCS2."""
    try:
        text.encode("gsm03.38")
    except UnicodeEncodeError:
        return UCS2
    return GSM7


def units(text):
    """The characters the carrier counts: GSM-7 septets, or UTF-16 code units."""
    if encoding(text) == GSM7:
        return len(text.encode("gsm03.38"))
    return len(text.encode("utf-16-le")) // 2


def capacity(text, segments=2):
    """How many units ``segments`` segments hold in the encoding ``text`` needs."""
    single, each = SEGMENT[encoding(text)]
    return single if segments == 1 else each * segments


def segments(text):
    """The number of segments ``text`` is sent in (0 for an empty text)."""
    n = units(text)
    single, each = SEGMENT[encoding(text)]
    if n <= single:
        return 1 if n else 0
    return math.ceil(n / each)


def overflow(text, max_segments=2):
    """How many units ``text`` is over ``max_segments`` segments (0 or less: it fits)."""
    return units(text) - capacity(text, max_segments)


def shorten(text, limit, ellipsis=ELLIPSIS):
    """``text`` in at most ``limit`` characters, cut only between words, ending in
    ``ellipsis`` when anything was left out (so a reader knows there is more)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    if room <= 0:
        return ellipsis
    kept = text[: room + 1]
    # The character after the room is a space: the last word is whole.
    kept = kept[:-1] if kept[-1] == " " else kept.rsplit(" ", 1)[0] if " " in kept else ""
    kept = kept[:room].rstrip(" ,;:.-")
    return kept + ellipsis if kept else ellipsis
