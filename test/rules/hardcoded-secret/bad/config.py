import jwt
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "f3a9c1d27be84e6aa0c5d9e1"  # expect: hardcoded-secret
EHR_CLIENT_SECRET = "Zt8qLw3vNp6rXy2mKd9s"  # expect: hardcoded-secret


def issue(user_id):
    return jwt.encode({"sub": user_id}, "clinic-signing-key", algorithm="HS256")  # expect: hardcoded-secret
