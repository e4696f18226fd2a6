import functools
import io
import re
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile, PngImagePlugin
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

from loket.lib.uploads import KINDS, MAX_PIXELS, UploadRejected, judge_upload, safe_stored_name

MB = 1024 * 1024

# -- making test files ----------------------------------------------------------


@functools.cache
def weasy_pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>Surat permohonan izin</p>").write_pdf()


def make_pdf(catalog_extra=b"", extra_objects=(), pages=b"/Kids [3 0 R] /Count 1", head=b""):
    """A hand-written PDF with a correct cross-reference table.

    Objects 1-3 are the catalog, page tree and page; extra objects are numbered from 4.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages " + pages + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + head)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pyhanko_pdf(*, open_action_js=False, owner=None, user=None) -> bytes:
    """A one-page PDF written by pyHanko, which packs objects into compressed streams."""
    writer = PdfFileWriter()
    writer.insert_page(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 0, 200, 200)]
                ),
            }
        )
    )
    if open_action_js:
        stream = writer.prepare_object_stream()
        action = generic.DictionaryObject(
            {
                generic.NameObject("/S"): generic.NameObject("/JavaScript"),
                generic.NameObject("/JS"): generic.TextStringObject("app.alert(1)"),
            }
        )
        writer.root["/OpenAction"] = writer.add_object(action, obj_stream=stream)
        writer.update_root()
    if owner is not None:
        writer.encrypt(owner, user)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt, size=(40, 30), mode="RGB", **save_args) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, fmt, **save_args)
    return out.getvalue()


def png() -> bytes:
    return image_bytes("PNG")


def jpeg() -> bytes:
    return image_bytes("JPEG")


def png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    return image_bytes("PNG", pnginfo=info)


def png_claiming_size(width: int, height: int) -> bytes:
    """A small PNG whose header claims another size; its pixel data no longer fits."""
    data = bytearray(png())
    # Signature (8), chunk length (4), "IHDR" (4), then width and height.
    data[16:24] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:29]))
    data[29:33] = struct.pack(">I", crc)
    return bytes(data)


def jpeg_with_comment(comment: bytes) -> bytes:
    data = jpeg()
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return data[:2] + segment + data[2:]


def rejection(data, **kwargs) -> str:
    with pytest.raises(UploadRejected) as caught:
        judge_upload(data, **kwargs)
    return caught.value.args[0]


# -- accepted files ---------------------------------------------------------------


def test_it_accepts_a_pdf_made_by_weasyprint():
    """A WeasyPrint PDF (with compressed object streams) is a pdf."""
    assert judge_upload(weasy_pdf()) == "pdf"


def test_it_accepts_a_hand_written_pdf():
    """A minimal classic PDF with an xref table is a pdf."""
    assert judge_upload(make_pdf()) == "pdf"


def test_it_accepts_a_pdf_written_by_pyhanko():
    """A PDF that keeps its objects in object streams is a pdf."""
    assert judge_upload(pyhanko_pdf()) == "pdf"


def test_it_accepts_jpeg_and_png_images():
    """Whole JPEG and PNG images are accepted as jpeg and png."""
    assert judge_upload(jpeg()) == "jpeg"
    assert judge_upload(png()) == "png"
    assert judge_upload(image_bytes("PNG", mode="L")) == "png"
    assert judge_upload(image_bytes("JPEG", mode="L", progressive=True)) == "jpeg"


def test_it_judges_by_content_not_by_name():
    """A PNG called scan.pdf is a png; the name changes nothing."""
    assert judge_upload(png(), name="scan.pdf") == "png"


def test_it_accepts_bytearray_and_memoryview():
    """Any bytes-like value is judged the same as bytes."""
    assert judge_upload(bytearray(png())) == "png"
    assert judge_upload(memoryview(make_pdf())) == "pdf"


def test_it_ignores_names_inside_stream_data():
    """Binary or content-stream data that happens to spell /JS is not a script."""
    content = b"BT /JS 12 Tf (/JavaScript) Tj ET"
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    assert judge_upload(make_pdf(extra_objects=[stream])) == "pdf"


def test_it_ignores_names_that_only_start_like_forbidden_ones():
    """A font subset tag such as /JSABCD+Serif is not /JS."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /JSABCD+Serif /Launcher 1 >>"
    assert judge_upload(make_pdf(extra_objects=[font])) == "pdf"


def test_it_accepts_a_pdf_with_only_an_owner_password():
    """A PDF restricted by an owner password opens without one, so it is accepted."""
    assert judge_upload(pyhanko_pdf(owner="pemilik", user="")) == "pdf"


# -- the allowed kinds ----------------------------------------------------------------


def test_it_refuses_kinds_not_allowed_for_this_upload():
    """With only PDF allowed, an image is refused and the message asks for a PDF."""
    message = rejection(png(), allowed=("pdf",))
    assert "bukan PDF." in message
    assert judge_upload(jpeg(), allowed=["jpeg", "png"]) == "jpeg"
    assert "bukan JPEG atau PNG" in rejection(make_pdf(), allowed=["png", "jpeg"])


def test_it_lists_every_allowed_kind_in_the_message():
    """All three kinds are named when all are allowed."""
    assert "bukan PDF, JPEG atau PNG" in rejection(b"hello")


@pytest.mark.parametrize("allowed", [(), ("gif",), ("pdf", "docx")])
def test_it_refuses_to_run_with_unknown_kinds(allowed):
    """Asking for a kind it cannot judge is a programming error (ValueError), not a rejection."""
    with pytest.raises(ValueError) as caught:
        judge_upload(png(), allowed=allowed)
    assert not isinstance(caught.value, UploadRejected)


def test_it_maps_kinds_to_mime_types():
    """KINDS names the three kinds and their MIME types."""
    assert KINDS == {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


# -- size ---------------------------------------------------------------------------


def test_it_refuses_an_empty_file():
    """A zero-byte file is refused as empty."""
    assert "kosong" in rejection(b"")


def test_it_refuses_a_file_over_the_limit_giving_the_limit_in_mb():
    """A file one byte over max_bytes is refused; the message names the limit in MB."""
    data = make_pdf()
    assert judge_upload(data, max_bytes=len(data)) == "pdf"
    assert "paling besar 5 MB" in rejection(b"%PDF-" + b"0" * (5 * MB))
    limit = 3 * MB // 2
    assert "paling besar 1,5 MB" in rejection(b"x" * (limit + 1), max_bytes=limit)
    assert "paling besar 2 MB" in rejection(b"x" * (2 * MB + 1), max_bytes=2 * MB)


def test_it_names_the_applicant_s_file_in_the_message():
    """When a name is given, the message says which file was refused."""
    message = rejection(b"", name="KTP suami.pdf")
    assert message.startswith("Berkas “KTP suami.pdf” ditolak.")
    assert "kosong" in message


# -- content that is not a document ----------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,  # a Windows EXE
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"PK\x03\x04" + b"\x00" * 100,
        b"Just some text, renamed to .pdf\n",
        b"%!PS-Adobe-3.0\n",
        b"\x00" * 64,
    ],
)
def test_it_refuses_other_content_whatever_its_name(data):
    """HTML, programs, GIF, ZIP and text named .pdf are refused for what they are."""
    message = rejection(data, name="izin.pdf")
    assert "Mengganti nama atau ekstensi berkas tidak mengubah isinya" in message


# -- PDFs -------------------------------------------------------------------------------


def test_it_refuses_a_pdf_cut_short():
    """A PDF with no %%EOF in its last kilobyte is refused as incomplete."""
    data = weasy_pdf()
    assert "tidak utuh" in rejection(data[: len(data) // 2])
    assert "tidak utuh" in rejection(data[:-10])


def test_it_refuses_a_pdf_with_eof_that_cannot_be_read():
    """%%EOF at the end does not save a file the reader cannot parse."""
    assert "tidak utuh" in rejection(b"%PDF-1.4\nthis is not a pdf\n%%EOF\n")
    data = weasy_pdf()
    assert "tidak utuh" in rejection(data[: len(data) // 2] + b"\n%%EOF\n")


def test_it_refuses_a_pdf_without_pages():
    """A PDF whose page tree is empty is refused as broken."""
    assert "tidak utuh" in rejection(make_pdf(pages=b"/Kids [] /Count 0"))


def test_it_refuses_a_pdf_that_does_not_start_with_its_signature():
    """Leading bytes before %PDF- make a file viewers disagree on, so it is refused."""
    data = b"junk before the header\n" + make_pdf()
    assert "bukan PDF" in rejection(data)


def test_it_refuses_a_password_protected_pdf():
    """A PDF that needs a password to open is refused with a request to remove it."""
    assert "kata sandi" in rejection(pyhanko_pdf(owner="pemilik", user="rahasia"))


@pytest.mark.parametrize(
    "catalog_extra",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        b"/OpenAction << /S /JavaScript /JS 4 0 R >>",
        b"/Names << /JavaScript << /Names [(a) << /S /JavaScript >>] >> >>",
        b"/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec >>] >> >>",
        b"/OpenAction << /S /Launch /F (cmd.exe) >>",
        b"/AA << /O << /JS (app.alert(1)) >> >>",
        b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>",  # names with #xx escapes
    ],
)
def test_it_refuses_a_pdf_with_scripts_attachments_or_launch_actions(catalog_extra):
    """JavaScript, embedded files and launch actions are refused, however the names are spelt."""
    extra = [b"(app.alert(1))"]
    message = rejection(make_pdf(catalog_extra=catalog_extra, extra_objects=extra))
    assert "JavaScript" in message


def test_it_refuses_an_embedded_file_stream():
    """A stream of type /EmbeddedFile is refused."""
    body = b"MZ"
    stream = b"<< /Type /EmbeddedFile /Length 2 >>\nstream\n" + body + b"\nendstream"
    assert "lampiran tersemat" in rejection(make_pdf(extra_objects=[stream]))


def test_it_refuses_javascript_hidden_in_a_compressed_object_stream():
    """A script in an object stream, invisible in the raw bytes, is still found."""
    data = pyhanko_pdf(open_action_js=True)
    assert b"JavaScript" not in data
    assert "JavaScript" in rejection(data)


def test_it_refuses_a_pdf_with_html_in_its_first_kilobyte():
    """<script> or <html> near the start of a PDF is refused (browsers sniff it as a page)."""
    assert "kode halaman web" in rejection(make_pdf(head=b"% <script>alert(1)</script>\n"))
    assert "kode halaman web" in rejection(make_pdf(head=b"% <HTML>\n"))


def test_it_survives_a_reference_loop():
    """A reference that points at itself neither hangs nor crashes the check: the parser
    reads it as null, and the file is otherwise a good one."""
    data = make_pdf(catalog_extra=b"/Loop 4 0 R", extra_objects=[b"4 0 R"])
    assert judge_upload(data) == "pdf"
    data = make_pdf(catalog_extra=b"/Loop 4 0 R", extra_objects=[b"[4 0 R 4 0 R]"])
    assert judge_upload(data) == "pdf"


# -- images ------------------------------------------------------------------------------


# WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import; the verdict must
# not depend on whether it has been imported.
pillow_lenience = pytest.mark.parametrize("lenient", [False, True])


@pillow_lenience
def test_it_refuses_a_truncated_png(monkeypatch, lenient):
    """A PNG cut short is refused, even when Pillow is told to load truncated images."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    data = image_bytes("PNG", size=(200, 200), mode="RGB")
    assert "Gambar tidak utuh" in rejection(data[: len(data) // 2])
    assert "Gambar tidak utuh" in rejection(png()[:40])


@pillow_lenience
def test_it_refuses_a_truncated_jpeg(monkeypatch, lenient):
    """A JPEG cut short is refused, even when Pillow is told to load truncated images."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    noisy = Image.effect_noise((300, 300), 64).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG")
    data = out.getvalue()
    assert "Gambar tidak utuh" in rejection(data[: len(data) // 2])


def png_chunk(chunk_type: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + chunk_type
        + body
        + struct.pack(">I", zlib.crc32(chunk_type + body))
    )


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append((data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return chunks


@pillow_lenience
def test_it_refuses_a_png_whose_pixel_data_stops_early(monkeypatch, lenient):
    """Whole chunks with good CRCs still fail when the compressed pixel data has no end."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    noisy = io.BytesIO()
    Image.effect_noise((100, 100), 64).save(noisy, "PNG")
    rebuilt = b"\x89PNG\r\n\x1a\n"
    for chunk_type, body in png_chunks(noisy.getvalue()):
        if chunk_type == b"IDAT":
            body = body[: len(body) // 2]
        rebuilt += png_chunk(chunk_type, body)
    assert "Gambar tidak utuh" in rejection(rebuilt)


def test_it_refuses_a_png_without_its_end_chunk():
    """A PNG that stops right before IEND is incomplete."""
    data = png()
    assert data.endswith(png_chunk(b"IEND", b""))
    assert "Gambar tidak utuh" in rejection(data[:-12])


def test_it_refuses_a_png_that_does_not_start_with_its_header_chunk():
    """A PNG whose first chunk is not IHDR is refused."""
    data = png()
    chunks = png_chunks(data)
    assert chunks[0][0] == b"IHDR"
    reordered = b"\x89PNG\r\n\x1a\n" + png_chunk(b"tEXt", b"a\x00b")
    reordered += b"".join(png_chunk(t, b) for t, b in chunks)
    assert rejection(reordered)


@pillow_lenience
def test_it_refuses_a_jpeg_without_its_end_marker(monkeypatch, lenient):
    """A JPEG missing only its final EOI marker is incomplete."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    data = jpeg()
    assert data.endswith(b"\xff\xd9")
    assert "Gambar tidak utuh" in rejection(data[:-2])


def test_it_accepts_a_jpeg_with_bytes_after_its_end_marker():
    """Cameras append data after EOI; the image itself is whole, so it is accepted."""
    assert judge_upload(jpeg() + b"\x00" * 64) == "jpeg"


def test_it_does_not_take_a_thumbnail_s_end_marker_for_the_image_s():
    """An EOI inside an EXIF thumbnail before the scan does not make a cut JPEG whole."""
    thumbnail = jpeg()
    exif = b"Exif\x00\x00" + thumbnail
    segment = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    noisy = io.BytesIO()
    Image.effect_noise((200, 200), 64).convert("RGB").save(noisy, "JPEG")
    data = noisy.getvalue()
    data = data[:2] + segment + data[2:]
    assert judge_upload(data) == "jpeg"
    assert "Gambar tidak utuh" in rejection(data[: len(data) - 200])


def test_it_refuses_an_image_that_also_holds_a_pdf():
    """A PNG or JPEG with %PDF- in its first kilobyte is a polyglot and is refused."""
    assert "lebih dari satu jenis isi" in rejection(png_with_text("%PDF-1.4 1 0 obj"))
    assert "lebih dari satu jenis isi" in rejection(jpeg_with_comment(b"%PDF-1.4 1 0 obj"))


def test_it_refuses_an_image_with_html_in_its_first_kilobyte():
    """A PNG or JPEG carrying <script> or <html> near its start is refused."""
    assert "kode halaman web" in rejection(png_with_text("<script>alert(1)</script>"))
    assert "kode halaman web" in rejection(jpeg_with_comment(b"<HTML><body>"))


def test_it_refuses_a_pixel_bomb_from_its_header():
    """An image claiming more than 40 million pixels is refused before decoding."""
    # The pixel data does not match the claimed size, so decoding would fail as "broken":
    # the size message proves the header was judged first.
    message = rejection(png_claiming_size(8000, 5001))
    assert "Resolusi gambar terlalu besar" in message
    assert "40 juta piksel" in message


def test_it_turns_pillow_s_bomb_error_into_a_rejection():
    """Sizes past Pillow's own limit (DecompressionBombError) are refused the same way."""
    assert "Resolusi gambar terlalu besar" in rejection(png_claiming_size(30000, 30000))


def test_it_accepts_an_image_of_exactly_forty_million_pixels():
    """The limit itself is allowed."""
    out = io.BytesIO()
    Image.new("1", (8000, 5000)).save(out, "PNG")
    assert 8000 * 5000 == MAX_PIXELS
    assert judge_upload(out.getvalue()) == "png"


@pillow_lenience
def test_it_refuses_a_png_with_a_broken_checksum(monkeypatch, lenient):
    """A header whose CRC does not match is damage, and is refused."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    data = bytearray(png())
    data[29] ^= 0xFF
    assert "Gambar tidak utuh" in rejection(bytes(data))


# -- stored names ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_it_makes_random_server_side_names(kind):
    """safe_stored_name is a fresh uuid4 hex plus the kind as extension."""
    first, second = safe_stored_name(kind), safe_stored_name(kind)
    assert re.fullmatch(r"[0-9a-f]{32}\." + kind, first)
    assert first != second


def test_it_refuses_to_name_an_unknown_kind():
    """An unknown kind is a programming error."""
    with pytest.raises(ValueError):
        safe_stored_name("exe")


# -- properties ---------------------------------------------------------------------------


def judged(data):
    try:
        kind = judge_upload(data)
    except UploadRejected as exc:
        assert exc.args[0]
        return None
    assert kind in KINDS
    return kind


@given(st.binary(max_size=4096))
def test_it_raises_nothing_but_upload_rejected_for_arbitrary_bytes(data):
    """Random bytes are accepted or refused with UploadRejected; nothing else escapes."""
    judged(data)


signatures = st.sampled_from([b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0"])


@given(signatures, st.binary(max_size=2048), st.booleans())
def test_it_raises_nothing_but_upload_rejected_behind_a_real_signature(head, tail, eof):
    """Garbage after a PDF, PNG or JPEG signature never escapes as another exception."""
    judged(head + tail + (b"\n%%EOF\n" if eof else b""))


@functools.cache
def samples():
    return [weasy_pdf(), make_pdf(), pyhanko_pdf(), png(), jpeg()]


@settings(max_examples=200)
@given(
    st.integers(min_value=0, max_value=4),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    st.integers(min_value=0),
)
def test_it_raises_nothing_but_upload_rejected_for_damaged_real_files(which, flips, cut):
    """Real files with flipped bytes or cut short are judged without stray exceptions."""
    data = bytearray(samples()[which])
    for position, value in flips:
        data[position % len(data)] = value
    judged(bytes(data[: max(1, len(data) - cut % len(data))]))
