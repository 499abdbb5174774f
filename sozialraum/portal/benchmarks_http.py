"""Pages over HTTP: the portal and the trivial view under gunicorn, measured with wrk.

``bench_pages --http`` starts two servers with the same settings (gunicorn, N sync workers,
production settings: DEBUG off), the portal on the configured database and cache and the
trivial view (``bench_trivial``), then measures each page and the trivial view alternately
in the same run, R rounds each, and reports requests per second, the share of the trivial
view and the latency percentiles (p50, p99) that wrk reports. A mixed run sends all pages
round-robin over more connections and reports p50, p99 and errors. Requests carry the
``Accept-Encoding`` header of a browser (both servers get the same requests), unless
``--no-compression`` asks for the uncompressed pages.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings

WRK = "wrk"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors and answers other than 2xx/3xx
    requests: int


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output):
    """The figures of ``wrk --latency`` output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return WrkResult(rps, p50, p99, errors, requests)


def wrk_available():
    return shutil.which(WRK) is not None


#: What every browser sends: pages may come compressed (the page cache keeps them so).
BROWSER_HEADERS = ("Accept-Encoding: gzip, deflate, br",)


def run_wrk(url, *, connections, seconds, threads=2, script=None, headers=BROWSER_HEADERS):
    command = [WRK, f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    completed = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    return parse_wrk(completed.stdout)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url, process, *, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Der Server für {url} hat sich beendet (Status {process.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Der Server für {url} antwortet nicht.")


def production_environment():
    """The environment of the portal's server: production settings on this database and cache."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=environment.get("DJANGO_SECRET_KEY") or "benchmark-" + os.urandom(16).hex(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="ERROR",
    )
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        environment["DATABASE_URL"] = f"sqlite:///{database['NAME']}"
    return environment


@contextmanager
def gunicorn(application, *, workers, environment, log):
    port = _free_port()
    command = [
        sys.executable, "-m", "gunicorn", application,
        "--workers", str(workers), "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def mixed_script(paths):
    """A wrk script that sends ``paths`` round-robin."""
    quoted = ", ".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for path in paths)
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    with handle:
        handle.write(
            f"local paths = {{{quoted}}}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i + 1\n"
            "  return wrk.format('GET', paths[(i % #paths) + 1])\n"
            "end\n"
        )
    return handle.name


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
