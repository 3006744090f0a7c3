"""The APIs injected into every runtime, in load order (later ones may use earlier ones)."""

INSTALLERS = ()
