"""Exit 0 when the PostgreSQL and Redis servers of the second test pass both answer."""

import socket
import sys

for host, port in (("127.0.0.1", 5432), ("127.0.0.1", 6379)):
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        sys.exit(1)
