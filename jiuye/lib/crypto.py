"""Encryption of personal identifiers at rest, and keyed hashes for finding them.

ID numbers are encrypted with AES-256-GCM (cryptography's AESGCM). A stored value is
`key index (1 byte) | nonce (12 bytes) | ciphertext+tag`. Keys come from JIUYE_ID_KEYS,
newest first: new values use the first key, old values decrypt with whichever key index
they carry, so keys can be rotated by prepending a new one and re-encrypting in the
background. Lookups and uniqueness use an HMAC-SHA256 keyed with JIUYE_ID_HASH_KEY, so
the database never holds a plain number nor an unkeyed hash that could be brute-forced
from the small space of valid ID numbers.
"""

import base64
import functools
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12


@functools.cache
def _ciphers() -> tuple[AESGCM, ...]:
    ciphers = []
    for key in settings.JIUYE_ID_KEYS:
        raw = base64.b64decode(key)
        if len(raw) != 32:
            raise ValueError("each key in JIUYE_ID_KEYS must be 32 bytes, base64-encoded")
        ciphers.append(AESGCM(raw))
    return tuple(ciphers)


@functools.cache
def _hash_key() -> bytes:
    return settings.JIUYE_ID_HASH_KEY.encode()


def encrypt(plaintext: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return bytes([0]) + nonce + _ciphers()[0].encrypt(nonce, plaintext.encode(), None)


def decrypt(token: bytes) -> str:
    """The first byte is the position of the key when the value was written; prepending a new
    key shifts positions, so the other keys are tried too (GCM authenticates: a wrong key
    fails, it never gives a wrong answer)."""
    token = bytes(token)
    nonce, body = token[1 : 1 + NONCE_BYTES], token[1 + NONCE_BYTES :]
    ciphers = _ciphers()
    hinted = token[0] if token[0] < len(ciphers) else 0
    for cipher in (ciphers[hinted], *ciphers[:hinted], *ciphers[hinted + 1 :]):
        try:
            return cipher.decrypt(nonce, body, None).decode()
        except InvalidTag:
            continue
    raise InvalidTag("no key in JIUYE_ID_KEYS decrypts this value")


def is_under_newest_key(token: bytes) -> bool:
    """Whether a value is encrypted with the first (newest) key of JIUYE_ID_KEYS."""
    token = bytes(token)
    try:
        _ciphers()[0].decrypt(token[1 : 1 + NONCE_BYTES], token[1 + NONCE_BYTES :], None)
    except InvalidTag:
        return False
    return True


def keyed_hash(value: str) -> bytes:
    """HMAC-SHA256 of a normalised value, 32 bytes: equal inputs give equal hashes. Stored
    as bytes rather than hex: the unique index on it is then half the size, which a million
    random keys feel on every insert (docs/benchmarks-ledger.md)."""
    return hmac.digest(_hash_key(), value.encode(), hashlib.sha256)


def generate_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()
