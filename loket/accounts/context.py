"""Template context: the officer's roles and office, for the navigation bar."""


def officer(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from loket.core.roles import roles_of

    return {"my_roles": roles_of(user)}
