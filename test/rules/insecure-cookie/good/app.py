from flask import Flask, make_response

app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = True


@app.post("/login")
def login():
    resp = make_response("ok")
    resp.set_cookie("session_token", "abc", secure=True, httponly=True, samesite="Lax")
    resp.set_cookie("theme", "dark")
    return resp
