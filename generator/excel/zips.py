"""Zip packages (.xlsx, .docx) read within limits: a member or a whole file that inflates too far is refused.

One helper for the workbook reader and the Word importer. Members are read as streams
and counted as they inflate, so a small file that unpacks to gigabytes (a zip bomb) stops
at the limit, in bounded memory. XML members with a document type declaration are refused:
Office never writes one, and it is how entity expansion and external entities get in.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import IO

from ..errors import UnusableInput

_MB = 1024 * 1024
MAX_MEMBER = 32 * _MB
"""The largest part unpacked; a filled template's sheets are tens of kilobytes, a report's pictures a few megabytes."""
MAX_TOTAL = 128 * _MB
"""All parts together."""
MAX_MEMBERS = 5000
_CHUNK = _MB
_HEAD = 4096
_DOCTYPES = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
"""A member's local header: signature, versions, flags, method, time, date, CRC, sizes, name and extra lengths."""


def _too_big(name: str) -> UnusableInput:
    return UnusableInput("FMT-FILE", f"文件“{name}”解压后过大（单个部件超过{MAX_MEMBER // _MB}MB或合计超过"
                                     f"{MAX_TOTAL // _MB}MB）或部件过多（超过{MAX_MEMBERS}个），"
                                     "不是正常的Excel或Word文件，可能已损坏或被恶意构造，未读取。")


def doctype_refused(name: str, part: str) -> UnusableInput:
    return UnusableInput("FMT-FILE", f"文件“{name}”的部件“{part}”含有文档类型定义（DTD），"
                                     "正常的Excel或Word文件不会含有，可能被恶意构造，未读取。")


def open_zip(data: bytes | IO[bytes], name: str) -> zipfile.ZipFile:
    """The package, after its declared sizes are checked (``zipfile`` never inflates past a declared size)."""
    return checked(zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data), name)


def checked(archive: zipfile.ZipFile, name: str) -> zipfile.ZipFile:
    """The open package, if its declared sizes are within the limits; closed and refused otherwise."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS or any(m.file_size > MAX_MEMBER for m in members) \
            or sum(m.file_size for m in members) > MAX_TOTAL:
        archive.close()
        raise _too_big(name)
    return archive


def read_member(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    """One member's bytes, read in chunks and stopped at ``MAX_MEMBER``; an XML member with a DTD is refused.

    The whole member is searched (a few microseconds), however long a prolog hides the declaration: parsers
    of what this returns (``xlsx.XmlSource``) may then use the C tree builder, which does not refuse one itself."""
    chunks = []
    size = 0
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > MAX_MEMBER:
                raise _too_big(name)
            chunks.append(chunk)
    data = b"".join(chunks)
    if part.lower().endswith(_XML_SUFFIXES) and _has_doctype(data):
        raise doctype_refused(name, part)
    return data


def stored_member(archive: zipfile.ZipFile, part: str) -> tuple[int, int, int, bytes]:
    """A member as stored, not inflated: its compression method, declared size and CRC, and its bytes. The same
    for the same part of files written alike, so a reader remembers what it made of a part without inflating
    it again (and a part that declares another size or CRC is not the same)."""
    info = archive.getinfo(part)
    archive.fp.seek(info.header_offset)
    header = archive.fp.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {part}")
    *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    archive.fp.seek(info.header_offset + len(header) + name_length + extra_length)
    raw = archive.fp.read(info.compress_size)
    if len(raw) != info.compress_size:
        raise zipfile.BadZipFile(f"{part} is cut short")
    return info.compress_type, info.file_size, info.CRC, raw


def inflate_member(archive: zipfile.ZipFile, part: str, name: str, stored: tuple[int, int, int, bytes]) -> bytes:
    """The member's bytes from what ``stored_member`` gave, within the limits and checked as ``read_member``
    checks them (size, CRC, no DTD); an encrypted member or another compression is read by ``zipfile``."""
    method, size, crc, raw = stored
    if archive.getinfo(part).flag_bits & 1 or method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return read_member(archive, part, name)
    data = raw if method == zipfile.ZIP_STORED else zlib.decompressobj(-15).decompress(raw, MAX_MEMBER + 1)
    if len(data) > MAX_MEMBER:
        raise _too_big(name)
    if len(data) != size or zlib.crc32(data) != crc:
        raise zipfile.BadZipFile(f"bad CRC-32 or size for {part}")
    if part.lower().endswith(_XML_SUFFIXES) and _has_doctype(data):
        raise doctype_refused(name, part)
    return data


def verify(archive: zipfile.ZipFile, name: str) -> None:
    """Inflate every member once without keeping it: sizes within the limits, checksums right, no DTD.

    Run before handing a package to openpyxl or python-docx, which read members whole.
    """
    total = 0
    for member in archive.infolist():
        if member.is_dir():
            continue
        size = 0
        with archive.open(member) as stream:
            head = stream.read(_HEAD)
            if member.filename.lower().endswith(_XML_SUFFIXES) and _has_doctype(head):
                raise doctype_refused(name, member.filename)
            size = len(head)
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_MEMBER or total + size > MAX_TOTAL:
                    raise _too_big(name)
        total += size


def _has_doctype(head: bytes) -> bool:
    return any(marker in head for marker in _DOCTYPES)
