"""One mechanism decides who sees what: `visible_to(user)` on a queryset.

Staff see the rows whose region code starts with their own area's code; superusers see
everything; employer, job-seeker and training-institution users see only what a model's
queryset grants them in `visible_to_non_staff` (nothing, by default). Views fetch objects
through `get_object_or_404(Model.objects.visible_to(request.user), ...)`, so an object
outside the user's area is a 404, never a hidden link.
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    #: The lookup path to the region code that places a row in an area.
    region_field = "region__code"

    def visible_to(self, user) -> "ScopedQuerySet":
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        area = user.area_code
        if area:
            return self.in_area(area)
        return self.visible_to_non_staff(user)

    def in_area(self, area_code: str) -> "ScopedQuerySet":
        return self.filter(**{f"{self.region_field}__startswith": area_code})

    def visible_to_non_staff(self, user) -> "ScopedQuerySet":
        return self.none()
