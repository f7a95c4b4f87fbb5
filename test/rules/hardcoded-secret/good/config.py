import os

import jwt

SECRET_KEY = os.environ["SECRET_KEY"]
EHR_CLIENT_SECRET = os.environ.get("EHR_CLIENT_SECRET", "")
PASSWORD_FIELD = "password"


def issue(user_id):
    return jwt.encode({"sub": user_id}, SECRET_KEY, algorithm="HS256")
