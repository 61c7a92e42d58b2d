import rules

from accounts.rules import is_facilitator

rules.add_perm("evaluation.view_facilitator_home", is_facilitator)
