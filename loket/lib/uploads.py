"""Judging uploaded documents by what they contain, never by what they are called.

Applicants upload scans and PDFs that officers then open on office computers, so anything
that could run code there (scripts, embedded programs, HTML served back as a page) or break
the viewer (truncated files, decompression bombs) is refused at the door.
"""

from __future__ import annotations

import io
import re
import struct
import uuid
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# pikepdf (qpdf) and Pillow load when an upload is judged, not with every web worker.
if TYPE_CHECKING:
    import pikepdf

__all__ = ["KINDS", "MAX_PIXELS", "UploadRejected", "judge_upload", "safe_stored_name"]

KINDS = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
_LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}
_SIGNATURES = {"pdf": b"%PDF-", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n"}
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG"}

# A 40-megapixel scan is already far beyond what a document needs; above that the decoded
# image (about 120 MB as RGB) is a memory risk for the worker.
MAX_PIXELS = 40_000_000

# Browsers and viewers sniff the start of a file; HTML or script there can turn a stored
# "document" into a page that runs in the officer's session.
_HEAD_BYTES = 1024
_ACTIVE_MARKERS = (
    b"<script",
    b"<html",
    b"<!doctype html",
    b"<body",
    b"<iframe",
    b"<svg",
    b"<?php",
)

# Acrobat accepts %%EOF anywhere in the last kilobyte; a file cut short in transfer has none.
_EOF_WINDOW = 1024

# The same markers (and <svg> as a tag, not 4 random bytes of compressed data) anywhere in
# a PDF: a browser that renders the file as a page reads all of it.
_ACTIVE_ANYWHERE = re.compile(
    rb"<script|<html|<!doctype html|<body|<iframe|<svg[\s/>]|<\?php", re.IGNORECASE
)
# A ZIP is found by its central directory at the end of the file; both signatures by chance
# in compressed data are as good as impossible.
_ZIP_ENTRY = b"PK\x03\x04"
_ZIP_DIRECTORY_END = b"PK\x05\x06"

# PDF features that run code, reach out of the file, send data or carry other files or
# media: scripts (also in XFA forms and additional-actions triggers), actions that launch
# programs, open other files or links, submit or import form data, attachments and rich
# media. Matched as whole names, with #xx escapes decoded, so /J#53 cannot dodge the check
# and a font named /JSABCD+Serif is not refused.
_FORBIDDEN_NAMES = frozenset(
    {
        "JavaScript",
        "JS",
        "AA",
        "XFA",
        "Launch",
        "GoToR",
        "GoToE",
        "URI",
        "SubmitForm",
        "ImportData",
        "EmbeddedFile",
        "EmbeddedFiles",
        "RichMedia",
        "RichMediaExecute",
        "Rendition",
        "Movie",
        "Sound",
    }
)
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Stream bodies are compressed or binary; random bytes there would now and then spell /JS.
_STREAM_BODY = re.compile(rb"(?<![A-Za-z])stream\r?\n.*?endstream", re.DOTALL)

# Bounds the walk over the objects; a 5 MB PDF holds far fewer objects than this.
_MAX_PDF_NODES = 2_000_000


class UploadRejected(ValueError):
    """An upload refused; args[0] tells the applicant, in Indonesian, what to do instead."""


_NAME_SHOWN = 80


def _reject(reason: str, name: str) -> UploadRejected:
    if name:
        # The name is the applicant's; a long one would drown the reason.
        if len(name) > _NAME_SHOWN:
            name = name[: _NAME_SHOWN - 1] + "…"
        return UploadRejected(
            _("Berkas “%(name)s” ditolak. %(reason)s") % {"name": name, "reason": reason}
        )
    return UploadRejected(reason)


def _kinds_phrase(kinds: Iterable[str]) -> str:
    labels = [_LABELS[kind] for kind in KINDS if kind in set(kinds)]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s atau %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _megabytes(size: int) -> str:
    mb = size / (1024 * 1024)
    if mb == int(mb):
        return str(int(mb))
    return number_format(round(mb, 1), decimal_pos=1)


def judge_upload(
    data: bytes,
    allowed: Iterable[str] = ("pdf", "jpeg", "png"),
    max_bytes: int = 5 * 1024 * 1024,
    name: str = "",
) -> str:
    """The kind of an acceptable upload ("pdf", "jpeg" or "png"), or UploadRejected.

    name is the applicant's own file name, used only to say which file was refused.
    """
    allowed = tuple(allowed)
    unknown = set(allowed) - set(KINDS)
    if unknown or not allowed:
        raise ValueError(f"allowed kinds must be among {sorted(KINDS)}, got {sorted(unknown)}")
    name = str(name or "")
    data = bytes(data)

    if not data:
        raise _reject(_("Berkas kosong (0 byte). Pilih berkas yang benar lalu unggah lagi."), name)
    if len(data) > max_bytes:
        raise _reject(
            _(
                "Berkas terlalu besar: paling besar %(limit)s MB. Perkecil berkas, misalnya "
                "pindai dengan resolusi lebih rendah atau kompres PDF-nya, lalu unggah lagi."
            )
            % {"limit": _megabytes(max_bytes)},
            name,
        )

    kind = _sniff(data)
    if kind not in allowed:
        raise _reject(
            _(
                "Isi berkas bukan %(kinds)s. Mengganti nama atau ekstensi berkas tidak mengubah "
                "isinya: simpan atau ekspor ulang dokumen sebagai %(kinds)s lalu unggah lagi."
            )
            % {"kinds": _kinds_phrase(allowed)},
            name,
        )

    head = data[:_HEAD_BYTES].lower()
    if any(marker in head for marker in _ACTIVE_MARKERS):
        raise _reject(
            _(
                "Berkas berisi kode halaman web atau skrip. Unggah dokumen hasil pindaian "
                "atau PDF biasa."
            ),
            name,
        )

    if kind == "pdf":
        _judge_pdf(data, name)
    else:
        _judge_image(data, kind, name)
    return kind


def _sniff(data: bytes) -> str | None:
    """The kind the content really is, if it is one we know."""
    # libmagic only when an upload is judged, not in every page worker.
    import magic

    try:
        mime = magic.from_buffer(data, mime=True)
    except magic.MagicException:
        return None
    for kind, kind_mime in KINDS.items():
        # libmagic also calls a file PDF when "%PDF-" appears after leading junk; viewers
        # differ on such files, so the signature must open the file.
        if mime == kind_mime and data.startswith(_SIGNATURES[kind]):
            return kind
    return None


def _polyglot(name: str) -> UploadRejected:
    return _reject(
        _(
            "Berkas tampaknya berisi lebih dari satu jenis isi sekaligus, misalnya gambar yang "
            "juga berisi PDF. Simpan ulang dokumen dari aplikasi aslinya lalu unggah lagi."
        ),
        name,
    )


def _judge_image(data: bytes, kind: str, name: str) -> None:
    from PIL import Image

    if b"%PDF-" in data[:_HEAD_BYTES]:
        raise _polyglot(name)
    broken = _reject(
        _("Gambar tidak utuh atau rusak. Simpan ulang gambarnya lalu unggah lagi."), name
    )
    too_big = _reject(
        _(
            "Resolusi gambar terlalu besar (paling banyak %(limit)s juta piksel). Perkecil "
            "resolusinya lalu unggah lagi."
        )
        % {"limit": MAX_PIXELS // 1_000_000},
        name,
    )
    try:
        # Limiting Pillow to the sniffed format stops it reading the bytes as another one.
        with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[kind]]) as image:
            width, height = image.size
            # Checked from the header, before any pixel is decoded.
            if width * height > MAX_PIXELS:
                raise too_big
            # Pillow's own truncation check obeys a process-wide switch that WeasyPrint
            # turns off when imported, so completeness is checked here by hand.
            complete = _png_complete(data) if kind == "png" else _jpeg_complete(data)
            if not complete:
                raise broken
            image.load()
    except Image.DecompressionBombError as exc:
        raise too_big from exc
    except UploadRejected:
        raise
    except Exception as exc:
        # Pillow signals a damaged file with whatever its decoder hit: OSError,
        # SyntaxError, ValueError, struct.error, EOFError... all mean "broken".
        raise broken from exc
    if width < 1 or height < 1:
        raise broken


def _png_complete(data: bytes) -> bool:
    """Whether every chunk is whole with a good CRC, through IEND, and the pixel data ends."""
    inflater = zlib.decompressobj()
    pos = len(_SIGNATURES["png"])
    first = True
    while pos + 12 <= len(data):
        length, chunk_type = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            return False
        body = data[pos + 8 : end - 4]
        if zlib.crc32(chunk_type + body) != struct.unpack(">I", data[end - 4 : end])[0]:
            return False
        if first and chunk_type != b"IHDR":
            return False
        first = False
        if chunk_type == b"IDAT":
            # Output is thrown away in bounded pieces: only whether the stream ends matters,
            # and a 40-megapixel image would otherwise inflate to hundreds of MB here.
            pending = body
            while pending and not inflater.eof:
                inflater.decompress(pending, 1 << 20)
                pending = inflater.unconsumed_tail
        elif chunk_type == b"IEND":
            return inflater.eof
        pos = end
    return False


def _jpeg_complete(data: bytes) -> bool:
    """Whether the segments are well formed up to the first scan and an EOI marker follows it.

    Markers are skipped by their lengths, so an EOI inside an EXIF thumbnail does not count;
    inside scan data a 0xFF byte is always escaped, so FFD9 there is the real end.
    """
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            pos += 2
            continue
        if marker == 0xD9:
            return False
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if length < 2:
            return False
        if marker == 0xDA:
            return data.find(b"\xff\xd9", pos + 2 + length) != -1
        pos += 2 + length
    return False


def _unreadable_pdf(name: str) -> UploadRejected:
    # The parser's own words ("Illegal generation 65536...") mean nothing to a citizen.
    return _reject(
        _(
            "PDF tidak dapat dibaca: berkasnya tidak utuh atau rusak, mungkin terpotong saat "
            "diunduh atau dikirim. Buka berkasnya di komputer Anda, simpan ulang, lalu unggah "
            "lagi."
        ),
        name,
    )


def _judge_pdf(data: bytes, name: str) -> None:
    import pikepdf

    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise _unreadable_pdf(name)
    if _polyglot_anywhere(data):
        raise _reject(
            _(
                "PDF berisi kode halaman web, skrip atau arsip ZIP yang disisipkan. Cetak ulang "
                "dokumen ke PDF (Print to PDF) lalu unggah lagi."
            ),
            name,
        )
    if _forbidden_name_in_raw(data):
        raise _active_pdf(name)
    try:
        # qpdf (through pikepdf) opens a file that needs no password with the empty one:
        # an owner password alone (printing restrictions) is accepted.
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) < 1:
                raise _unreadable_pdf(name)
            active = _active_content(pdf)
    except pikepdf.PasswordError as exc:
        raise _reject(
            _("PDF dilindungi kata sandi. Hapus kata sandinya lalu unggah lagi."), name
        ) from exc
    except UploadRejected:
        raise
    except Exception as exc:
        # qpdf reports damage as PdfError, but a crafted file can reach other errors (and
        # RecursionError); for an upload they all mean "cannot be read".
        raise _unreadable_pdf(name) from exc
    if active:
        raise _active_pdf(name)


def _active_pdf(name: str) -> UploadRejected:
    return _reject(
        _(
            "PDF berisi JavaScript, tautan atau perintah yang berjalan sendiri, formulir yang "
            "mengirim data, lampiran tersemat atau media, yang tidak diterima. Cetak ulang "
            "dokumen ke PDF (Print to PDF) lalu unggah lagi."
        ),
        name,
    )


def _polyglot_anywhere(data: bytes) -> bool:
    """Whether HTML, script, PHP or a ZIP archive hides anywhere in the file.

    A browser or a PHP interpreter given the file reads all of it, not only its start,
    and unzip finds an archive by its central directory at the end.
    """
    if _ACTIVE_ANYWHERE.search(data):
        return True
    return _ZIP_ENTRY in data and _ZIP_DIRECTORY_END in data


def _decode_name(raw: bytes) -> str:
    decoded = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return decoded.decode("latin-1")


def _forbidden_name_in_raw(data: bytes) -> bool:
    """Whether a forbidden name appears in the file's uncompressed structure.

    Lenient viewers rebuild broken files from whatever objects they find, so names are
    looked for in the raw bytes too, not only in the objects the parser keeps.
    """
    structure = _STREAM_BODY.sub(b" ", data)
    return any(
        _decode_name(match.group(1)) in _FORBIDDEN_NAMES for match in _PDF_NAME.finditer(structure)
    )


def _direct(value: object) -> bool:
    """Whether a value is a PDF object held inside its parent (pikepdf gives numbers and
    booleans as Python values); a reference is read as its own entry of pdf.objects."""
    import pikepdf

    return isinstance(value, pikepdf.Object) and not value.is_indirect


def _active_content(pdf: pikepdf.Pdf) -> bool:
    """Whether any object of the file uses a forbidden name or opens with an action.

    Every object qpdf holds is read, reachable or not, including those packed in
    compressed object streams, which the raw scan cannot see; stream data (page content,
    images) is not decoded, only the streams' dictionaries.
    """
    import pikepdf

    root = pdf.Root
    if isinstance(root.get("/OpenAction"), pikepdf.Dictionary):
        return True  # an action run on opening; a destination (an array) only opens a page
    nodes = 0
    for obj in pdf.objects:
        stack = [obj]
        while stack:
            nodes += 1
            if nodes > _MAX_PDF_NODES:
                raise ValueError("PDF object graph too large")
            item = stack.pop()
            if isinstance(item, pikepdf.Name):
                if str(item)[1:] in _FORBIDDEN_NAMES:
                    return True
            elif isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
                for key, value in item.items():
                    if key[1:] in _FORBIDDEN_NAMES:
                        return True
                    if _direct(value):
                        stack.append(value)
            elif isinstance(item, pikepdf.Array):
                stack.extend(value for value in item if _direct(value))
    return False


def safe_stored_name(kind: str) -> str:
    """A random, server-made file name for storing an upload of this kind.

    The applicant's own name never reaches the file system, so it cannot carry a path,
    a misleading extension or another applicant's name.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return f"{uuid.uuid4().hex}.{kind}"
