def portal(request):
    """What every page's navigation needs: the role of the person reading it."""
    user = getattr(request, "user", None)
    return {"portal_role": getattr(user, "role", None) if user and user.is_authenticated else None}
