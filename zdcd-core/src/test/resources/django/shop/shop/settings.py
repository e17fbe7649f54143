"""Settings of the test project: the database comes from DATABASE_URL (postgres://user:password@host:port/name)."""
import os
from urllib.parse import unquote, urlparse

_url = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@localhost:5432/shop"))

SECRET_KEY = "zdcd-test-only"
DEBUG = False
USE_TZ = True
INSTALLED_APPS = ["orders"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(_url.path.lstrip("/")),
        "USER": unquote(_url.username or ""),
        "PASSWORD": unquote(_url.password or ""),
        "HOST": _url.hostname or "localhost",
        "PORT": str(_url.port or 5432),
    }
}
