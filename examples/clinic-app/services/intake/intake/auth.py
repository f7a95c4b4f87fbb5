import os

import jwt
from fastapi import Header, HTTPException


def get_current_user(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    try:
        return jwt.decode(token, os.environ["JWT_PUBLIC_KEY"], algorithms=["RS256"], audience="intake")
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="Not authenticated")
