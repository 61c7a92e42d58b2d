"""Who may do what with calls and EOIs (django-rules, checked through
jln_portal/permissions.py). Focal points reach only their own countries' EOIs;
the network manager reaches every EOI and edits only those that arrived by
e-mail (the others are the countries' own words). Facilitators and the
steering group have nothing here yet."""

import rules

from accounts.rules import is_focal_point, is_manager
from countries.rules import is_focal_point_of_country

from .enums import CallState, Channel


@rules.predicate
def is_focal_point_of_eoi_country(user, eoi):
    return eoi is not None and eoi.country_id in user.focal_country_ids


@rules.predicate
def is_public_call(user, call):
    return call is not None and call.state in CallState.PUBLIC


@rules.predicate
def arrived_by_email(user, eoi):
    return eoi is not None and eoi.channel == Channel.EMAIL


country_focal_point = is_focal_point & is_focal_point_of_eoi_country

rules.add_perm("eoi.view_focal_point_home", is_focal_point)
rules.add_perm("eoi.view_call", is_public_call | is_manager)
rules.add_perm("eoi.manage_calls", is_manager)
rules.add_perm("eoi.list_eois", is_manager)
rules.add_perm("eoi.record_email_eoi", is_manager)
rules.add_perm("eoi.grant_extension", is_manager)
# The object is the country the EOI is for.
rules.add_perm("eoi.start_eoi", is_focal_point & is_focal_point_of_country)
# The object is the EOI.
rules.add_perm("eoi.view_eoi", is_manager | country_focal_point)
rules.add_perm("eoi.change_eoi", country_focal_point | (is_manager & arrived_by_email))
rules.add_perm("eoi.submit_eoi", country_focal_point | (is_manager & arrived_by_email))
# Recording when an EOI sent by e-mail arrived is the manager's alone (not the focal points').
rules.add_perm("eoi.record_received_eoi", is_manager & arrived_by_email)
rules.add_perm("eoi.withdraw_eoi", country_focal_point | is_manager)
rules.add_perm("eoi.reopen_eoi", country_focal_point | is_manager)
rules.add_perm("eoi.resend_member_request", country_focal_point | is_manager)
# Asking the team before submitting (the call requires confirmations): the country's own step.
rules.add_perm("eoi.request_member_confirmations", country_focal_point)
# Every member's request of a call, with its state (the object is the call).
rules.add_perm("eoi.list_member_confirmations", is_manager)
