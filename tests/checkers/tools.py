"""The external checkers: the W3C Nu validator (vnu.jar on Java 17) and pa11y (HTML_CodeSniffer
on Debian's Chromium), both from the local ``node_modules`` that ``make node_modules`` installs."""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y_SCRIPT = Path(__file__).with_name("pa11y_run.cjs")
JAVA_17 = Path("/usr/lib/jvm/java-17-openjdk-amd64/bin/java")
CHROMIUM = "/usr/bin/chromium"

# Left out of pa11y, each for one item of issue 13 that another branch does:
PA11Y_HIDDEN = []


def _require(path):
    assert path.exists(), f"{path} fehlt: `make node_modules` installiert die Prüfwerkzeuge."


def nu_errors(files):
    """Errors of the Nu validator for saved HTML files: {file name: [messages]}.

    The validator checks files, not addresses: it refuses localhost URLs.
    """
    _require(VNU_JAR)
    java = str(JAVA_17) if JAVA_17.exists() else shutil.which("java")
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode in (0, 1), completed.stderr
    report = json.loads(completed.stderr or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        if message["type"] in ("error", "non-document-error"):
            name = Path(message.get("url", "?").removeprefix("file:")).name
            errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


def pa11y_errors(urls, *, cookie=""):
    """Errors of pa11y (WCAG 2.1 AA, HTML_CodeSniffer): {url: [messages]}."""
    _require(NODE_MODULES / "pa11y")
    completed = subprocess.run(
        ["node", str(PA11Y_SCRIPT)],
        input=json.dumps({"urls": urls, "cookie": cookie, "chromium": CHROMIUM, "hide": PA11Y_HIDDEN}),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=settings.BASE_DIR,
    )
    assert completed.returncode == 0, completed.stderr
    return {
        url: [f"{issue['code']}: {issue['message']} ({issue['selector']})" for issue in issues]
        for url, issues in json.loads(completed.stdout).items()
        if issues
    }
