import os

INSTALLED_APPS = ["django.contrib.auth", "records"]
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
