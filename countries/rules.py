import rules

from accounts.rules import is_focal_point, is_manager, is_steering_member


@rules.predicate
def is_focal_point_of_country(user, country):
    return country is not None and country.pk in user.focal_country_ids


rules.add_perm("countries.list_countries", is_manager | is_steering_member)
rules.add_perm("countries.view_country", is_manager | is_steering_member | (is_focal_point & is_focal_point_of_country))
rules.add_perm("countries.change_country", is_manager)
rules.add_perm("countries.change_core_group", is_manager | (is_focal_point & is_focal_point_of_country))
