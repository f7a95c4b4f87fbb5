from Crypto.Cipher import AES, DES3

KEY = b"0123456789abcdef"
IV = b"\x00" * 16


def seal(record: bytes) -> bytes:
    legacy = DES3.new(KEY + KEY[:8], DES3.MODE_CBC)  # expect: weak-cipher
    ecb = AES.new(KEY, AES.MODE_ECB)  # expect: weak-cipher
    cbc = AES.new(KEY, AES.MODE_CBC, iv=IV)  # expect: weak-cipher
    return legacy.encrypt(record) + ecb.encrypt(record) + cbc.encrypt(record)
