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

import magic
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader

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

# PDF features that run code or carry other files. Matched as whole names, with #xx escapes
# decoded, so /J#53 cannot dodge the check and a font named /JSABCD+Serif is not refused.
_FORBIDDEN_NAMES = frozenset({"JavaScript", "JS", "EmbeddedFile", "EmbeddedFiles", "Launch"})
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Stream bodies are compressed or binary; random bytes there would now and then spell /JS.
_STREAM_BODY = re.compile(rb"(?<![A-Za-z])stream\r?\n.*?endstream", re.DOTALL)

# Bounds the object-graph walk; a 5 MB PDF holds far fewer objects than this.
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


def _judge_pdf(data: bytes, name: str) -> None:
    broken = _reject(
        _(
            "PDF tidak utuh atau rusak, mungkin terpotong saat diunduh atau dikirim. Buka "
            "berkasnya di komputer Anda, simpan ulang, lalu unggah lagi."
        ),
        name,
    )
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise broken
    if _forbidden_name_in_raw(data):
        raise _active_pdf(name)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            # An owner password alone (printing restrictions) still opens with an empty
            # user password; only files nobody here could open are refused.
            if reader.decrypt(b"").status == AuthStatus.FAILED:
                raise _reject(
                    _("PDF dilindungi kata sandi. Hapus kata sandinya lalu unggah lagi."), name
                )
        pages = reader.root["/Pages"]
        if int(pages["/Count"]) < 1:
            raise broken
        active = _forbidden_name_in_graph(reader.trailer_view)
    except UploadRejected:
        raise
    except Exception as exc:
        # pyHanko reports damage with a range of exception types, and a crafted file can
        # drive it into RecursionError; for an upload they all mean the same thing.
        raise broken from exc
    if active:
        raise _active_pdf(name)


def _active_pdf(name: str) -> UploadRejected:
    return _reject(
        _(
            "PDF berisi JavaScript, lampiran tersemat atau perintah menjalankan program, "
            "yang tidak diterima. Cetak ulang dokumen ke PDF (Print to PDF) lalu unggah lagi."
        ),
        name,
    )


def _decode_name(raw: bytes) -> str:
    decoded = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return decoded.decode("latin-1")


def _forbidden_name_in_raw(data: bytes) -> bool:
    """Whether a forbidden name appears in the file's uncompressed structure.

    Lenient viewers rebuild broken files from whatever objects they find, so names are
    looked for in the raw bytes too, not only in what a conforming reader reaches.
    """
    structure = _STREAM_BODY.sub(b" ", data)
    return any(
        _decode_name(match.group(1)) in _FORBIDDEN_NAMES for match in _PDF_NAME.finditer(structure)
    )


def _forbidden_name_in_graph(trailer: generic.DictionaryObject) -> bool:
    """Whether any object reachable from the trailer uses a forbidden name.

    This sees into compressed object streams, which the raw scan cannot.
    """
    stack: list[object] = [trailer]
    seen: set[tuple[int, int]] = set()
    nodes = 0
    while stack:
        nodes += 1
        if nodes > _MAX_PDF_NODES:
            raise ValueError("PDF object graph too large")
        obj = stack.pop()
        if isinstance(obj, generic.IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            stack.append(obj.get_object())
        elif isinstance(obj, generic.NameObject):
            if obj[1:] in _FORBIDDEN_NAMES:
                return True
        elif isinstance(obj, dict):
            # dict.items, not the PDF dictionary's own: its lookups dereference, and the
            # walk must see the references to avoid looping on cycles.
            for key, value in dict.items(obj):
                if str(key)[1:] in _FORBIDDEN_NAMES:
                    return True
                stack.append(value)
        elif isinstance(obj, list):
            stack.extend(obj)
    return False


def safe_stored_name(kind: str) -> str:
    """A random, server-made file name for storing an upload of this kind.

    The applicant's own name never reaches the file system, so it cannot carry a path,
    a misleading extension or another applicant's name.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return f"{uuid.uuid4().hex}.{kind}"
