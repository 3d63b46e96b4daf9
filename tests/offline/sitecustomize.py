"""Refuse network connections other than loopback in every Python process the tests start.

tests/conftest.py puts this folder first on PYTHONPATH and sets JAPAN_NATO_OFFLINE=1, so the test
process, the notebook kernels nbval starts and the book build all import it: a notebook or test that
tried to download something fails loudly instead of depending on the network.
"""

import os

if os.environ.get("JAPAN_NATO_OFFLINE") == "1":
    import ipaddress
    import socket

    def _local(host) -> bool:
        if host in ("localhost", "", None):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def _guard(method):
        def guarded(self, address, *args):
            if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
                raise OSError(f"network access is blocked during the tests: {address!r}")
            return method(self, address, *args)

        return guarded

    _getaddrinfo = socket.getaddrinfo

    def _guarded_getaddrinfo(host, *args, **kwargs):
        if not _local(host if not isinstance(host, bytes) else host.decode()):
            raise OSError(f"name lookup is blocked during the tests: {host!r}")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = _guard(socket.socket.connect)
    socket.socket.connect_ex = _guard(socket.socket.connect_ex)
    socket.getaddrinfo = _guarded_getaddrinfo
