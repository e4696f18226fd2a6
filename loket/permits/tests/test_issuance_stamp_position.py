"""The signature stamp lands in the permit's signature block, clear of every word."""

import io
import re
import shutil
import subprocess
from html import unescape

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from loket.permits import issuance, issuance_signing
from loket.permits.models import Application
from loket.testing import advance

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
# The right edge of the text area: A4 (595.28 pt) less the 20 mm margin.
TEXT_RIGHT = 595.28 - 20 * 72 / 25.4


def _words(tmp_path, pdf, name):
    """[(x0, top, x1, bottom, text)] of page 1, in points from the top-left corner."""
    path = tmp_path / name
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))
    words = [(*map(float, m.groups()[:4]), unescape(m.group(5))) for m in WORD.finditer(out)]
    return words, height


def _stamp(pdf):
    """The signature widget's rectangle (x1, y1, x2, y2), PDF points from the bottom-left."""
    reader = PdfFileReader(io.BytesIO(pdf))
    for ref in reader.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/FT") == "/Sig":
            return tuple(float(v) for v in field["/Rect"])
    raise AssertionError("no signature field")


def _overlaps(box, word):
    x0, top, x1, bottom = box
    wx0, wtop, wx1, wbottom, _text = word
    return wx0 < x1 and x0 < wx1 and wtop < bottom and top < wbottom


def _first(words, text):
    return next(w for w in words if w[4] == text)


@pytest.mark.parametrize("long_data", [False, True], ids=["usual", "long-holder-data"])
def test_it_draws_the_stamp_inside_the_signature_block_clear_of_the_holder_data(
    application, officers, tmp_path, long_data
):
    """The stamp's box (pdftotext -bbox of the sealed permit) lies in the signature
    block between its heading and the Kepala Dinas's name, below the holder's data,
    and no word of the permit falls under it, even with long holder data."""
    if long_data:
        answers = {
            **application.answers,
            "workplace_name": "Unit Pelaksana Teknis Daerah Pusat Kesehatan Masyarakat Rawat Inap",
            "workplace_address": "Jl. Jenderal Sudirman No. 464, Kelurahan Jadirejo, Kecamatan "
            "Sukajadi, Kota Pekanbaru, Provinsi Riau 28121",
        }
        Application.objects.filter(pk=application.pk).update(answers=answers)
        application.applicant.address = (
            "Perumahan Griya Sidomulyo Indah Blok C-12 RT 003 RW 007, Kelurahan Sidomulyo "
            "Timur, Kecamatan Marpoyan Damai, Kota Pekanbaru, Riau 28289"
        )
        application.applicant.save(update_fields=["address"])
        application.refresh_from_db()
    application = advance(application, officers, 9)
    sealed = issuance.signed_pdf(application.permit)

    x1, y1, x2, y2 = _stamp(sealed)
    # The document the Kepala Dinas read and signed, and where its layout put the stamp.
    seen, boxes, _code = issuance_signing.document_to_sign(application, officers["kepala_dinas"])
    expected = boxes[issuance_signing.SIGNATURE_BOX_ID]
    assert all(abs(a - b) < 0.01 for a, b in zip((x1, y1, x2, y2), expected, strict=True))
    words, height = _words(tmp_path, sealed, "sealed.pdf")
    stamp = (x1, height - y2, x2, height - y1)  # to pdftotext's top-left origin
    # The stamp's own text is drawn where the box is: the position is the real one.
    signed_by = next(w for w in words if w[4].startswith("Ditandatangani"))
    assert stamp[0] <= signed_by[0] and stamp[1] <= signed_by[1] <= stamp[3]

    # The same permit without the signature: every word of its own text.
    plain, _height = _words(tmp_path, seen, "plain.pdf")
    block_top = _first(plain, "Ditetapkan")
    block = sorted(w for w in plain if w[0] >= block_top[0] - 1 and w[1] >= block_top[1] - 1)
    lines = sorted({(round(w[1], 1), round(w[3], 1)) for w in block})
    # The widest gap between two lines of the block is the space left for the signature.
    gap = max(range(1, len(lines)), key=lambda i: lines[i][0] - lines[i - 1][1])
    heading_end, name_top = lines[gap - 1][1], lines[gap][0]
    assert any(w[4] == "KEPALA" and w[3] <= heading_end for w in block)
    assert any(w[4] == "NIP." and w[1] >= name_top for w in block)
    assert block_top[0] - 1 <= stamp[0] and stamp[2] <= TEXT_RIGHT + 1
    assert heading_end <= stamp[1] and stamp[3] <= name_top

    kepada = _first(plain, "kepada:")
    holder = [w for w in plain if w[1] > kepada[3] and w[3] < block_top[1]]
    assert {"Aminah", "Alamat", "Berlaku"} <= {w[4] for w in holder}
    assert max(w[3] for w in holder) < stamp[1]
    assert [w for w in plain if _overlaps(stamp, w)] == []
