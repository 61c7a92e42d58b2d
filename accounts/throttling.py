def normalised_username(request, credentials):
    """django-axes counts failures per e-mail as typed, case-insensitively."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
