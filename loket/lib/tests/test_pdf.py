import http.server
import subprocess
import threading

import pytest

from loket.lib.pdf import html_to_pdf, render_pdf


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_it_renders_html_to_a_pdf_whose_text_can_be_extracted(tmp_path):
    """html_to_pdf returns PDF bytes, and the text in them is real text, not pixels."""
    pdf = html_to_pdf("<h1>Surat Izin</h1><p>Nomor 503/0001/DPMPTSP</p>")

    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert "Surat Izin" in text
    assert "Nomor 503/0001/DPMPTSP" in text


def test_it_renders_a_django_template_with_its_context(settings, tmp_path):
    """render_pdf renders the named template with the context, autoescaped, to PDF."""
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"izin.html": "<p>Izin untuk {{ name }}</p>"},
                    )
                ]
            },
        }
    ]

    pdf = render_pdf("izin.html", {"name": "Siti <Aminah>"})

    assert "Izin untuk Siti <Aminah>" in pdf_text(pdf, tmp_path)


def test_it_resolves_relative_urls_against_base_dir(settings, tmp_path):
    """A relative src is a file under settings.BASE_DIR, so static images render."""
    from loket.lib.qr import qr_png_bytes

    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "logo.png").write_bytes(qr_png_bytes("relative", scale=4))
    settings.BASE_DIR = tmp_path

    with_image = html_to_pdf('<img src="static/logo.png" style="width:3cm">')
    missing = html_to_pdf('<img src="static/nothing.png" style="width:3cm">')

    assert b"/Subtype /Image" in with_image or b"/Subtype/Image" in with_image
    assert b"/Image" not in missing


@pytest.fixture
def http_server():
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def test_it_never_fetches_http_resources(http_server, tmp_path):
    """Images, stylesheets and fonts at http(s) URLs are refused, not requested."""
    base, requests = http_server

    pdf = html_to_pdf(
        f'<link rel="stylesheet" href="{base}/style.css">'
        f"<style>@font-face {{ font-family: X; src: url({base}/font.woff) }}"
        f" p {{ font-family: X }}</style>"
        f'<p>Tetap dicetak</p><img src="{base}/logo.png">'
    )

    assert requests == []
    assert "Tetap dicetak" in pdf_text(pdf, tmp_path)
