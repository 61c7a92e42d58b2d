import rules

from accounts.rules import is_manager

rules.add_perm("outbox.view_outbox", is_manager)
rules.add_perm("outbox.view_mail", is_manager)
# Edit, approve, schedule, discard, resend, and the batch actions.
rules.add_perm("outbox.manage_mail", is_manager)
