INSTALLED_APPS = ["corsheaders"]
CORS_ALLOW_ALL_ORIGINS = True  # expect: cors-permissive
CORS_ALLOW_CREDENTIALS = True
