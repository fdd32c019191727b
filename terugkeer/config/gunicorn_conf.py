"""gunicorn settings for Terugkeer: ``gunicorn -c python:terugkeer.config.gunicorn_conf
terugkeer.config.wsgi`` (docs/deployment.md). Options on the command line override these.

The ``Server`` response header names no server software or version (issue 11): gunicorn writes
``Server: gunicorn`` from a module constant, so it is replaced here, in the master process, before
the workers are forked.
"""

import multiprocessing
import os

import gunicorn
import gunicorn.http.wsgi

SERVER_HEADER = "Terugkeer"

gunicorn.SERVER = gunicorn.http.wsgi.SERVER = SERVER_HEADER
gunicorn.SERVER_SOFTWARE = gunicorn.http.wsgi.SERVER_SOFTWARE = SERVER_HEADER

bind = os.environ.get("TERUGKEER_BIND", "127.0.0.1:8000")
# Sync workers, two per core, one thread each (docs/deployment.md, "gunicorn").
workers = int(os.environ.get("TERUGKEER_WORKERS", 2 * multiprocessing.cpu_count()))
# The import confirmation and large exports still run in the request.
timeout = 120
max_requests = 1000
max_requests_jitter = 100
