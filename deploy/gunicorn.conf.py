"""gunicorn settings of Nastavnik (deploy/run-prod and nastavnik-web.service use them with -c).

The application is imported once, in the master, before the workers are forked: the workers
start at once and share the imported code's memory, and a slow start (a busy machine, the URL
configuration importing every view module with its document libraries) never trips the worker
time-out. Bind address and the number of workers are given on the command line.
"""

from __future__ import annotations

import gc
from typing import Any

preload_app = True
# Each worker serves several requests at once in threads: while one waits for the database
# (a region dashboard's aggregate queries) the others go on, instead of queueing behind it.
worker_class = "gthread"
threads = 4
# A worker takes no more connections than it has threads. With gunicorn's default (1 000) a worker
# whose 4 threads were busy still accepted, and the request waited in that worker behind a slow
# page while another worker sat idle. Now it waits in the listening socket's queue, which every
# worker takes from (bench/load at 100 users: the mix's p95 120 ms in three runs, 130-160 before).
worker_connections = threads
# No keep-alive: every request comes on a new connection and goes to whichever worker is free. A
# gthread worker keeps the kept-alive connections it accepted, so with keep-alive 100 clients
# talking to gunicorn directly were spread unevenly over the 4 workers and queued in the busiest
# (bench/load: the trivial view's p95 120-310 ms at 100 users, 90-120 ms without). nginx of
# deploy/nginx-nastavnik.conf opens a connection per request to gunicorn anyway. The server says
# «Connection: close», so no client reuses a connection being closed (the resets of a 2 s keep-alive).
keepalive = 0
timeout = 60
graceful_timeout = 10
# A worker is replaced after this many requests (with jitter, so they do not all restart at once).
max_requests = 2000
max_requests_jitter = 200


def when_ready(server: Any) -> None:
    """In the master, before any worker exists: import every view module once, then freeze it.

    gc.freeze() moves every object alive now (the imported code: Django, the document libraries,
    the URL configuration) out of the collector's reach, in the master and in every worker forked
    from it. Without it each full collection in a worker walked those objects again, holding the
    GIL and so stopping the worker's every thread: 210-420 ms per full collection at 100 users
    (bench/load), 10-80 ms with it. The workers also keep sharing those memory pages with the
    master: a full collection wrote to each object's header and so copied about 40 MiB per worker.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point
    gc.freeze()
