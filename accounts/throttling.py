# django-axes stores the username in a 255-character column; an e-mail address may
# have up to 320, and a longer value would be a database error (a 500 on PostgreSQL).
AXES_USERNAME_MAX_LENGTH = 255


def normalised_username(request, credentials):
    """django-axes counts failures per e-mail as typed, case-insensitively."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()[:AXES_USERNAME_MAX_LENGTH]
