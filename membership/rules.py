"""Who may do what with membership (django-rules; views name these permissions).

- anyone, signed in or not, may submit an application (the public form);
- steering-group members and the network manager read applications, meetings and
  the path to full membership;
- steering-group members record decisions;
- the network manager schedules (and cancels) meetings and records upgrades to full membership.
"""

import rules

from accounts.rules import is_manager, is_steering_member

rules.add_perm("membership.submit_application", rules.always_allow)

rules.add_perm("membership.view_agenda", is_steering_member | is_manager)
rules.add_perm("membership.view_application", is_steering_member | is_manager)
rules.add_perm("membership.decide_application", is_steering_member)

rules.add_perm("membership.view_meeting", is_steering_member | is_manager)
rules.add_perm("membership.schedule_meeting", is_manager)
rules.add_perm("membership.cancel_meeting", is_manager)

rules.add_perm("membership.view_eligibility", is_steering_member | is_manager)
rules.add_perm("membership.upgrade_country", is_manager)
