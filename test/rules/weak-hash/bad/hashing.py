import hashlib
import hmac


def fingerprint(record: bytes) -> str:
    return hashlib.md5(record).hexdigest()  # expect: weak-hash


def store_password(password: str) -> str:
    return hashlib.sha1(password.encode()).hexdigest()  # expect: weak-hash


def legacy(data: bytes) -> str:
    h = hashlib.new("md5")  # expect: weak-hash
    h.update(data)
    return hmac.new(b"k", data, hashlib.sha1).hexdigest() + h.hexdigest()  # expect: weak-hash
