# Cookie calls whose flags are decided elsewhere: none of these can be judged from here.
from http.cookiejar import CookieJar

from flask import Response


class Jar(CookieJar):
    def add(self, cookie):
        # A cookie jar takes a prepared cookie object, not a key and value.
        self.set_cookie(cookie)
        return cookie


def save_session(response: Response, app, session_id: str, **cookie_options):
    secure = app.config["SESSION_COOKIE_SECURE_OVERRIDE"]
    httponly = app.config["SESSION_COOKIE_HTTPONLY_OVERRIDE"]
    response.set_cookie("session", session_id, secure=secure, httponly=httponly)
    response.set_cookie("session_id", session_id, **cookie_options)
    return response
