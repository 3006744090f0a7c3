"""The APIs injected into every runtime, in load order (later ones may use earlier ones)."""

from .data import install as install_data
from .http import install as install_http
from .web import install as install_web
from .websocket import install_client

INSTALLERS = (install_data, install_http, install_client, install_web)
