"""The APIs injected into every runtime, in load order (later ones may use earlier ones)."""

from .crypto import install as install_crypto
from .data import install as install_data
from .fetch import install as install_fetch
from .files import install as install_files
from .http import install as install_http
from .storage import install as install_storage
from .uuid import install as install_uuid
from .web import install as install_web
from .websocket import install_client

INSTALLERS = (install_data, install_files, install_http, install_client, install_storage, install_uuid,
              install_crypto, install_fetch, install_web)
