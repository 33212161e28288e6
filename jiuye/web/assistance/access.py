from functools import wraps

from django.http import Http404

PAGE_SIZE = 100


def staff_only(view):
    """Assistance pages are for area staff; anyone else gets a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_superuser or user.is_area_staff):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def messages_of(exc) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])
