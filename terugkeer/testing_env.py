"""Loaded by pytest with ``-p terugkeer.testing_env`` before Django reads its settings.

The tests run with production-like settings (DEBUG off); only what a test machine cannot have
(HTTPS, collected static files, a real secret) is relaxed here.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terugkeer.config.settings")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("TERUGKEER_SSL_REDIRECT", "0")
os.environ.setdefault("TERUGKEER_SECURE_COOKIES", "0")
os.environ.setdefault("TERUGKEER_STATIC_MANIFEST", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# Uploaded documents (partners) go to a throwaway folder, never into the working tree's var/.
os.environ.setdefault("TERUGKEER_DOCUMENTS_ROOT", tempfile.mkdtemp(prefix="terugkeer-docs-"))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the tests
# themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
