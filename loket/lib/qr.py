"""QR codes for documents: the link a reader scans to verify a permit."""

import base64
import io

# "M" recovers from ~15% damage: enough for a printed, folded, stamped permit
# while keeping a verification URL at a comfortably scannable module size.
ERROR_CORRECTION = "m"


def _make(text: str):
    # segno only when a code is drawn (a permit, a letter), not in every page worker.
    import segno

    return segno.make_qr(text, error=ERROR_CORRECTION, boost_error=False)


def qr_svg_data_uri(text: str) -> str:
    """Return ``text`` as a QR code in a ``data:image/svg+xml;base64,...`` URI.

    The SVG has no fixed size (only a viewBox), so CSS on the ``<img>`` decides
    how large it prints; it keeps the standard 4-module quiet zone.
    """
    buffer = io.BytesIO()
    _make(text).save(buffer, kind="svg", scale=1, border=4, omitsize=True, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def qr_png_bytes(text: str, scale: int = 5) -> bytes:
    """Return ``text`` as a QR code PNG, ``scale`` pixels per module, 4-module border."""
    buffer = io.BytesIO()
    _make(text).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
