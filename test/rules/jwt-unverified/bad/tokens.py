import jwt


def claims(token: str):
    return jwt.decode(token, options={"verify_signature": False})  # expect: jwt-unverified


def claims_none(token: str, key: str):
    return jwt.decode(token, key, algorithms=["none"])  # expect: jwt-unverified
