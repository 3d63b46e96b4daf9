"""The suite runs offline: loopback works, anything else is refused, in tests and in kernels alike."""

from __future__ import annotations

import socket
import threading

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.conftest import ROOT


def test_this_process_cannot_reach_the_internet():
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1, never routed
    with pytest.raises(OSError, match="blocked"):
        socket.getaddrinfo("pypi.org", 443)


def test_loopback_still_works():
    server = socket.create_server(("127.0.0.1", 0))
    accepted = threading.Thread(target=lambda: server.accept()[0].close(), daemon=True)
    accepted.start()
    with socket.create_connection(
        server.getsockname(), timeout=60
    ):  # generous: a bound, not a pace
        pass
    accepted.join(timeout=60)
    server.close()
    assert not accepted.is_alive()


def test_a_notebook_kernel_cannot_reach_the_internet():
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=1)"
            )
        ]
    )
    client = NotebookClient(
        notebook, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    with pytest.raises(CellExecutionError, match="blocked"):
        client.execute()
