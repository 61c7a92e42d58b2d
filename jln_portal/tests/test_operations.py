"""What a person running the portal reads: the README's settings table, the demo's logins,
the embedded mail backend's console lines, `manage.py shell`."""

import os
import re
import subprocess
import sys

from django.core import mail
from django.core.management import call_command

from .test_settings import ROOT

APPLICATION = ["accounts", "countries", "membership", "outbox", "eoi", "evaluation", "reports", "jln_portal"]
READS = re.compile(r'(?:env_[a-z_]+\(\s*|os\.environ(?:\.get)?\(\s*|os\.environ\[)"([A-Z][A-Z0-9_]+)"')


def variables_read_by_the_code():
    names = set()
    for app in APPLICATION:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or path.name == "test.py":
                continue
            names.update(READS.findall(path.read_text()))
    return names


def test_every_variable_the_code_reads_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    names = variables_read_by_the_code()
    assert {"PORTAL_URL", "LOG_LEVEL", "AXES_PROXY_COUNT"} <= names  # the scan finds what it should
    assert sorted(names - documented) == []


def test_load_demo_prints_the_logins_last_with_each_focal_points_country_and_language(db, capsys, settings, tmp_path):
    settings.EMAIL_BACKEND = "jln_portal.mail.ConsoleAndFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    call_command("load_demo", force=True)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    logins = lines[lines.index(next(line for line in lines if line.startswith("Demo logins"))):]
    from accounts.demo import PEOPLE

    assert logins[-1].startswith("=====") and len(logins) == len(PEOPLE) + 2
    assert any("focal.sn@example.org" in line and "Senegal, French" in line for line in logins)
    assert not any(line.startswith(("Content-Type", "MIME-Version", "<")) for line in lines)


def test_console_mail_backend_prints_one_line_per_mail_and_keeps_the_file(settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "jln_portal.mail.ConsoleAndFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    mail.send_mail("Your EOI was received", "Long body\n" * 50, "portal@example.org", ["awa@example.org"])
    out = capsys.readouterr().out
    assert out.splitlines() == [out.strip()]
    assert "to awa@example.org: Your EOI was received" in out
    assert "Long body" in next(tmp_path.iterdir()).read_text()


def test_console_mail_backend_prints_a_recipients_name_as_typed(settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "jln_portal.mail.ConsoleAndFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    from email.utils import formataddr  # as the outbox addresses its mails: the name encoded (=?utf-8?…)

    mail.send_mail("Merci de confirmer", "Texte", "portal@example.org", [formataddr(("B. Ouédraogo", "b@example.org"))])
    assert "to B. Ouédraogo <b@example.org>: Merci de confirmer" in capsys.readouterr().out


def test_shell_imports_every_model_without_a_warning(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-i", "python", "-v", "1"], input="exit()\n",
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "JLN_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jln_portal.settings.local"},
    )
    assert "could not be automatically imported" not in result.stdout + result.stderr
    assert "objects imported automatically" in result.stdout + result.stderr
