"""Accessibility checks with axe-core, injected into the page under test only
(vendor/axe-core/axe.min.js: never served to users)."""

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


@cache
def _axe_source():
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page, tags=WCAG_TAGS):
    """axe's violations of `tags` on the page as it is now (a list of axe result dicts)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol: works under any Content-Security-Policy.
        page.evaluate(f"() => {{ {_axe_source()}\n }}")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", tags
    )
    return result["violations"]


def assert_no_serious_violations(page, tags=WCAG_TAGS):
    """Fail with a readable report if axe finds a serious or critical violation."""
    blocking = [v for v in axe_violations(page, tags) if v["impact"] in BLOCKING]
    assert not blocking, format_report(page.url, blocking)


def format_report(url, violations):
    lines = [f"{len(violations)} serious/critical accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
