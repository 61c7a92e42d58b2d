"""What the benchmarks share: their own PostgreSQL databases, a free loopback
port, a gunicorn server with production settings, and a small HTTP client
(the standard library only) that keeps cookies and reads forms."""

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def production_environment(database_name, var_dir):
    """The environment of a production server, on loopback and a throw-away database."""
    return {
        "DJANGO_SETTINGS_MODULE": "jln_portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "DATABASE_URL": f"{POSTGRES}/{database_name}",
        "JLN_VAR_DIR": str(var_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def add_database_option(parser, name):
    """--database, by default `name` (name_<BENCH_DB_SUFFIX> when set, to run beside another branch)."""
    suffix = os.environ.get("BENCH_DB_SUFFIX")
    parser.add_argument("--database", default=f"{name}_{suffix}" if suffix else name,
                        help="PostgreSQL database (jln_bench_…), dropped at the end")


def setup_django(database_name, var_dir, settings=None):
    """Django set up in this process as a production server on `database_name` (or with `settings`)."""
    os.environ.update(production_environment(database_name, var_dir))
    if settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django

    django.setup()


@contextmanager
def migrated_database(name, var_dir):
    """`name` created afresh, migrated and the static files collected (Django set up in this process
    on it); at the end dropped, with the temporary directory `var_dir`."""
    create_database(name)
    try:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        yield
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(name)
        shutil.rmtree(var_dir, ignore_errors=True)


def _admin():
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/postgres")
    connection.autocommit = True
    return connection


def create_database(name, template=None):
    """Drop `name` if it exists and create it (as a copy of `template` if given)."""
    from psycopg2 import sql

    assert name.startswith("jln_bench_"), name
    connection = _admin()
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if template:
            cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
        else:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def drop_database(name):
    from psycopg2 import sql

    assert name.startswith("jln_bench_"), name
    connection = _admin()
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    connection.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """`gunicorn jln_portal.wsgi` on 127.0.0.1, stopped (with its workers) on exit."""

    def __init__(self, environment, *, workers, threads=1, log_path):
        self.environment, self.workers, self.threads, self.log_path = environment, workers, threads, log_path
        self.port = free_port()
        self.process = None

    def __enter__(self):
        command = [str(ROOT / ".venv/bin/gunicorn"), "jln_portal.wsgi", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", str(self.workers), "--timeout", "60",
                   # gunicorn 27 opens a control socket (gunicorn.ctl in its working directory) by
                   # default: two benchmarks on one machine would overwrite each other's.
                   "--no-control-socket"]
        if self.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(self.threads)]
        self.log = open(self.log_path, "a")
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **self.environment},
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log_path}")
            try:
                status = Client(self.port).get("/accounts/login/").status
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in 60 s; see {self.log_path}")

    def pids(self):
        """The master and its workers."""
        pids = [self.process.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return pids

    def cpu_seconds(self):
        """CPU seconds used so far by the master and its workers."""
        return process_cpu_seconds(self.pids())

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # its own session: the master and its workers
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def encode_multipart(fields):
    """(body, content type) of {name: text} as multipart/form-data, as a browser's FormData."""
    boundary = f"----jln-bench-{secrets.token_hex(12)}"
    parts = []
    for name, value in fields.items():
        parts += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", str(value)]
    parts += [f"--{boundary}--", ""]
    return "\r\n".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


def process_cpu_seconds(pids):
    """User + system CPU seconds the processes `pids` have used so far (Linux /proc)."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def machine_cpu_seconds():
    """(busy, all) CPU seconds of the whole machine since boot, every core (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / ticks, sum(values[:8]) / ticks


class BackendCPU:
    """CPU seconds of the PostgreSQL backends serving `database` (same machine), polled every
    `every` s from a thread so that a backend which ends (CONN_MAX_AGE) still counts up to its
    last poll. `seconds()` so far; use as a context manager around what is measured."""

    def __init__(self, database, every=0.5):
        self.database, self.every = database, every
        self.seen, self.baseline = {}, None  # pid: its CPU seconds at the last poll, at the first
        self.stop = threading.Event()

    def _poll(self, cursor):
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                       [self.database])
        for (pid,) in cursor.fetchall():
            self.seen[pid] = process_cpu_seconds([pid]) or self.seen.get(pid, 0.0)
        if self.baseline is None:
            self.baseline = dict(self.seen)

    def _run(self):
        connection = _admin()
        with connection.cursor() as cursor:
            while not self.stop.is_set():
                self._poll(cursor)
                self.stop.wait(self.every)
            self._poll(cursor)
        connection.close()

    def seconds(self):
        return sum(cpu - (self.baseline or {}).get(pid, 0.0) for pid, cpu in self.seen.items())

    def __enter__(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode()

    @property
    def location(self):
        return urlsplit(self.headers.get("location", "")).path


class Client:
    """One browser: a keep-alive connection to 127.0.0.1, its cookies, and the
    headers a TLS-terminating proxy adds (the server believes it is on HTTPS,
    so CSRF checks the Origin as it does in production)."""

    def __init__(self, port, timeout=60):
        self.port, self.timeout = port, timeout
        self.cookies = {}
        self.connection = None

    def request(self, method, path, data=None, *, multipart=False, headers=None):
        """`data` sent as a form does (urlencoded), or with `multipart` as a script's FormData."""
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Language": "en", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body, content_type = encode_multipart(data) if multipart else (
                urlencode(data, doseq=True).encode(), "application/x-www-form-urlencoded")
            headers.update({"Content-Type": content_type, "Origin": "https://127.0.0.1",
                            "Referer": f"https://127.0.0.1{path}"})
        for attempt in (1, 2):  # a keep-alive connection the server closed: open a new one once
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                raw = self.connection.getresponse()
                response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header, value in raw.getheaders():
            if header.lower() == "set-cookie":
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
        if raw.getheader("connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data, **options):
        return self.request("POST", path, data, **options)

    def close(self):
        if self.connection:
            self.connection.close()


class FormReader(HTMLParser):
    """Every form of a page: its attributes and its fields as a browser would
    send them (without the submit buttons)."""

    def __init__(self):
        super().__init__()
        self.forms = []  # [(attributes, [[name, value]])]
        self._fields = self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = []
            self.forms.append((attrs, self._fields))
        if self._fields is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._fields.append([name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self._fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = [name, None]
            self._fields.append(self._select)
        elif tag == "option" and self._select is not None:
            if self._select[1] is None or "selected" in attrs:
                self._select[1] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea is not None and self._textarea[1].startswith("\n"):
                self._textarea[1] = self._textarea[1][1:]  # as HTML drops the first newline
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._fields = None


def read_form(html, *, form_id=None, action=None, containing=None):
    """{name: value} of the form with that id, or that action, or holding a field of that name."""
    reader = FormReader()
    reader.feed(html)
    for attrs, fields in reader.forms:
        names = {name for name, _ in fields}
        if (form_id and attrs.get("id") == form_id) or (action and attrs.get("action") == action) or (
                containing and containing in names):
            return {name: value or "" for name, value in fields}
    raise ValueError(f"no form {form_id or action or containing!r} in the page")
