"""Digests that tell two versions of a file, or of any bytes, apart."""

from __future__ import annotations

import hashlib


def file_digest(name: str, data: bytes) -> str:
    """Return the digest of an event file's name and bytes: what its readings and pages are keyed by."""
    return hashlib.blake2b(name_bytes(name) + b"\0" + data, digest_size=16).hexdigest()


def name_bytes(name: str) -> bytes:
    """Return a file name as the bytes it was read from, even when they are not UTF-8."""
    return name.encode("utf-8", "surrogateescape")


def short_digest(data: bytes) -> str:
    """Return a short digest that tells two versions of some bytes apart."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
