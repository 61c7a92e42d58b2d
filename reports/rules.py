"""Who may ask for and download generated files.

Each kind brings its own per-object hooks (registry.py: `can_request`, `can_view`, both
"network managers" by default); these permissions defer to them, so a view only names the
permission and the object, as everywhere else (jln_portal/permissions.py).
"""

import rules

from accounts.rules import is_manager

from . import registry


@rules.predicate
def kind_allows_request(user, generated_file):
    kind = registry.get_kind(generated_file.kind) if generated_file is not None else None
    return kind is not None and registry.allows(kind.can_request, user, generated_file)


@rules.predicate
def kind_allows_view(user, generated_file):
    if generated_file is None:
        return False
    kind = registry.get_kind(generated_file.kind)
    return registry.allows(kind.can_view if kind else is_manager, user, generated_file)


rules.add_perm("reports.list_generated_files", is_manager)
rules.add_perm("reports.request_generated_file", rules.is_active & kind_allows_request)
rules.add_perm("reports.view_generated_file", rules.is_active & kind_allows_view)
