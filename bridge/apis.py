"""The APIs injected into every runtime, in load order (later ones may use earlier ones)."""

from .http import install as install_http

INSTALLERS = (install_http,)
