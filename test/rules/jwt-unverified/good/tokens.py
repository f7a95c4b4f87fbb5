import os

import jwt


def claims(token: str):
    return jwt.decode(token, os.environ["JWT_PUBLIC_KEY"], algorithms=["RS256"], audience="clinic")
