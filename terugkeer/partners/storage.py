"""Private storage for documents: outside the web root, never under MEDIA_URL or STATIC_ROOT.

The location is ``settings.TERUGKEER_DOCUMENTS_ROOT`` read at every use (not frozen at import),
so tests and deployments can point it elsewhere. Nothing serves this folder: files go out only
through ``views_documents.DocumentDownloadView``, which checks access and writes the access log.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="terugkeer.partners.storage.PrivateDocumentStorage")
class PrivateDocumentStorage(FileSystemStorage):
    """File system storage under ``TERUGKEER_DOCUMENTS_ROOT`` without a public URL."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.TERUGKEER_DOCUMENTS_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("documents are served only through the download view")


private_documents = PrivateDocumentStorage()
