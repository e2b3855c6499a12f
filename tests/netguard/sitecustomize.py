"""Loaded at start-up by the app server the browser test runs (its folder is put first on
PYTHONPATH): records every connection and name lookup that would leave the machine in the file
SKIM_NETGUARD_LOG names, so the test can prove there were none. It lets them through, so the
app behaves exactly as it would without the guard."""

import ipaddress
import os
import socket

_LOG = os.environ.get("SKIM_NETGUARD_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", ""}


def _local(host: object) -> bool:
    if not isinstance(host, str) or host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _record(what: str, host: object) -> None:
    if _LOG and not _local(host):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{what} {host}\n")


_connect, _connect_ex, _getaddrinfo = (socket.socket.connect, socket.socket.connect_ex,
                                       socket.getaddrinfo)


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _record("connect", address[0])
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _record("connect", address[0])
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    _record("lookup", host)
    return _getaddrinfo(host, *args, **kwargs)


if _LOG:
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    socket.getaddrinfo = _guarded_getaddrinfo
