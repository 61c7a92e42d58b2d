import rules

from accounts.rules import is_focal_point

rules.add_perm("eoi.view_focal_point_home", is_focal_point)
