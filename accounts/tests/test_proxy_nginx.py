"""Login throttling behind a real reverse proxy: Debian's nginx, started here with its own
configuration, in front of Django's live server. Two clients are two loopback addresses
(127.0.0.2 and 127.0.0.3); nginx appends the address it saw to X-Forwarded-For as in
production (`$proxy_add_x_forwarded_for`), after whatever the client wrote there."""

import html
import http.client
import re
import shutil
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail

from accounts.enums import Role
from accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.nginx, pytest.mark.django_db(transaction=True)]

NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://{upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    """nginx on a free port, proxying to the live server; yields its port."""
    settings.PROXY_COUNT = 1
    port = free_port()
    upstream = urlsplit(live_server.url).netloc
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp_path, port=port, upstream=upstream))
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([binary, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("nginx did not start: " + (tmp_path / "error.log").read_text())
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


class Browser:
    """A client with its own address and cookies, talking to nginx."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, SimpleCookie()

    def request(self, method, path, data=None, forwarded_for=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.address, 0))
        headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())}
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.cookies["csrftoken"].value})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        response.text = response.read().decode()
        connection.close()
        return response

    def post(self, path, data, forwarded_for=None):
        if "csrftoken" not in self.cookies:
            self.request("GET", path)
        return self.request("POST", path, data, forwarded_for)

    def log_in(self, password, forwarded_for=None):
        return self.post("/accounts/login/", {"username": "awa@example.org", "password": password}, forwarded_for)


def test_behind_nginx_the_attacker_is_locked_the_person_is_not_and_a_reset_ends_the_lock(nginx, make_user, settings):
    make_user(Role.FOCAL_POINT, email="awa@example.org")
    attacker, awa = Browser(nginx, "127.0.0.2"), Browser(nginx, "127.0.0.3")

    # Five wrong passwords from A, each claiming another address: nginx's entry counts.
    statuses = [attacker.log_in("wrong", forwarded_for=f"203.0.113.{n}").status for n in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = attacker.log_in(PASSWORD, forwarded_for="203.0.113.99")
    assert locked.status == 429
    assert "Too many failed logins" in locked.text

    # The person signs in from B, and A is still locked.
    signed_in = awa.log_in(PASSWORD)
    assert (signed_in.status, signed_in.headers["Location"]) == (302, "/accounts/home/")
    assert attacker.log_in(PASSWORD).status == 429

    # A password reset (asked and used from B) ends A's lock.
    assert awa.post("/accounts/password-reset/", {"email": "awa@example.org"}).status == 302
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    form_path = awa.request("GET", link).headers["Location"]
    form = awa.request("GET", form_path)
    assert 'name="new_password1"' in html.unescape(form.text)
    done = awa.post(form_path, {"new_password1": "un-nouveau-mot-2026", "new_password2": "un-nouveau-mot-2026"})
    assert done.status == 302
    assert attacker.log_in("un-nouveau-mot-2026").status == 302
