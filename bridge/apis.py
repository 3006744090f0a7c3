"""The APIs injected into every runtime, in load order (later ones may use earlier ones)."""

from .data import install as install_data
from .http import install as install_http

INSTALLERS = (install_data, install_http)
