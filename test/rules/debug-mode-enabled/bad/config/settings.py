INSTALLED_APPS = ["django.contrib.auth", "records"]
ROOT_URLCONF = "clinic.urls"
DEBUG = True  # expect: debug-mode-enabled
ALLOWED_HOSTS = ["*"]
