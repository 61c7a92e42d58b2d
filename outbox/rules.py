import rules

from accounts.rules import is_manager

rules.add_perm("outbox.view_outbox", is_manager)
rules.add_perm("outbox.view_mail", is_manager)
