from flask import Flask, make_response

app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = False  # expect: insecure-cookie


@app.post("/login")
def login():
    resp = make_response("ok")
    resp.set_cookie("session_token", "abc", httponly=True)  # expect: insecure-cookie
    return resp
