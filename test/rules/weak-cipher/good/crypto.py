import os

from Crypto.Cipher import AES


def seal(key: bytes, record: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_GCM, nonce=os.urandom(12))
    ciphertext, tag = cipher.encrypt_and_digest(record)
    return ciphertext + tag
