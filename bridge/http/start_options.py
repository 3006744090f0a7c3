"""What `HttpServer.start(options)` asks for, as Python reads it: server.js validates the script's
options and sends them as one JSON object (names as the script wrote them, defaults filled in)."""

from __future__ import annotations

from dataclasses import dataclass

from ..websocket import ConnectionSettings
from .connection import Limits


@dataclass(frozen=True)
class TlsOptions:
    p12_path: str | None  # a file path the script gave (relative to its folder), or None with bytes
    password: str
    min_version: str      # "1.2", "1.3" or "" for the default
    max_version: str


@dataclass(frozen=True)
class StartOptions:
    port: int
    force_ipv4: bool
    ipv4_address: str | None  # the server's listenAddressIPv4 / listenAddressIPv6
    ipv6_address: str | None
    limits: Limits
    websocket: ConnectionSettings
    tls: TlsOptions | None

    @classmethod
    def from_script(cls, options: dict) -> StartOptions:
        tls = options["tls"]
        return cls(
            port=int(options["port"]), force_ipv4=bool(options["forceIPv4"]),
            ipv4_address=options["listenAddressIPv4"] or None, ipv6_address=options["listenAddressIPv6"] or None,
            limits=Limits(max_body=int(options["maxRequestBodySize"]),
                          max_bodies=int(options["maxTotalRequestBodySize"]),
                          request_timeout=float(options["requestTimeout"]),
                          handler_timeout=float(options["handlerTimeout"]),
                          send_timeout=float(options["responseStallTimeout"]),
                          read_ahead=int(options["readAheadLimit"]),
                          max_head=int(options["maxRequestHeadSize"])),
            websocket=ConnectionSettings(
                max_payload=int(options["maxWebSocketPayloadSize"]), deflate=bool(options["perMessageDeflate"]),
                ping_interval=float(options["pingInterval"]), ping_timeout=float(options["pingTimeout"]),
                write_limit=int(options["writeBufferLimit"]), write_hard_limit=int(options["writeBufferHardLimit"]),
                write_stall_timeout=float(options["writeStallTimeout"]),
                frames_per_turn=int(options["webSocketFramesPerTurn"])),
            tls=None if tls is None else TlsOptions(tls["path"], tls["password"], tls["minVersion"], tls["maxVersion"]),
        )
