INSTALLED_APPS = ["django.contrib.sessions"]
SESSION_COOKIE_HTTPONLY = False  # expect: insecure-cookie
