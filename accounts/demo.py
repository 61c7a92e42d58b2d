"""Demo logins, one per role (and three focal points: French- and English-speaking
members, and Bénin, not a member, whose home page points to associate membership)."""

from countries.models import Country

from .enums import Role
from .models import User

PASSWORD = "jln-demo-2026"
PEOPLE = [
    ("manager@example.org", "Grace Wanjiru", Role.MANAGER, "en", None),
    ("facilitator@example.org", "Daniel Okafor", Role.FACILITATOR, "en", None),
    ("facilitator2@example.org", "Claire Martin", Role.FACILITATOR, "fr", None),
    ("focal.sn@example.org", "Awa Ba", Role.FOCAL_POINT, "fr", "SN"),
    ("focal.gh@example.org", "Kwame Mensah", Role.FOCAL_POINT, "en", "GH"),
    ("focal.bj@example.org", "Rodrigue Houngbédji", Role.FOCAL_POINT, "fr", "BJ"),
    ("steering@example.org", "Siti Rahman", Role.STEERING, "en", None),
]


def load():
    """Create the demo people (idempotent); returns [(email, role label, what they see)]:
    a focal point's country and language, so whoever tries the portal knows whom to sign in as."""
    logins = []
    for email, name, role, language, country_code in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=PASSWORD, full_name=name, role=role, language=language)
        detail = user.get_language_display()
        if country_code:
            country = Country.objects.get(code=country_code)
            country.focal_points.add(user)
            detail = f"{country.name}, {detail}"
        logins.append((email, user.get_role_display(), detail))
    manager = User.objects.get(email="manager@example.org")
    Country.objects.filter(jln_contact__isnull=True).update(jln_contact=manager)
    return logins
