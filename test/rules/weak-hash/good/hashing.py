import hashlib


def fingerprint(record: bytes) -> str:
    return hashlib.sha256(record).hexdigest()


def etag(body: bytes) -> str:
    return hashlib.md5(body, usedforsecurity=False).hexdigest()
