import base64
import io
import subprocess

import zxingcpp
from PIL import Image

from loket.lib.pdf import html_to_pdf
from loket.lib.qr import qr_png_bytes, qr_svg_data_uri

URL = "https://loket.pekanbaru.go.id/verifikasi/9F3KX2QW7M?h=3b1c5e"


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_it_makes_an_svg_data_uri():
    """qr_svg_data_uri is a base64 SVG data: URI, with no fixed size."""
    uri = qr_svg_data_uri(URL)

    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    svg = base64.b64decode(uri.removeprefix(prefix)).decode()
    assert svg.startswith("<svg")
    assert "viewBox" in svg
    assert "width=" not in svg.split(">", 1)[0]


def test_it_embeds_a_qr_code_in_a_pdf_that_scans_back_to_the_url(tmp_path):
    """The SVG QR code rendered by WeasyPrint and printed at 150 dpi decodes to the URL."""
    pdf = html_to_pdf(
        "<p>Pindai untuk memverifikasi:</p>"
        f'<img src="{qr_svg_data_uri(URL)}" style="width:32mm" alt="QR">'
    )
    (tmp_path / "qr.pdf").write_bytes(pdf)

    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "qr.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    (page,) = tmp_path.glob("page*.png")

    assert decode(Image.open(page)) == [URL]


def test_it_makes_a_png_that_scans_back_to_the_text():
    """qr_png_bytes is a PNG of the given scale that decodes to the text."""
    png = qr_png_bytes(URL, scale=3)
    image = Image.open(io.BytesIO(png))

    assert image.format == "PNG"
    assert decode(image) == [URL]
    bigger = Image.open(io.BytesIO(qr_png_bytes(URL, scale=6)))
    assert bigger.size == (image.size[0] * 2, image.size[1] * 2)
