"""Who may do what with personal data: the network manager only."""

import rules

from accounts.rules import is_manager

rules.add_perm("privacy.export_person", is_manager)
rules.add_perm("privacy.erase_person", is_manager)
