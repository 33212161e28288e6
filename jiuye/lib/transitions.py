"""What every logged status change shows a reader: the statuses it moved between, in the
reader's language rather than as stored codes."""

from django.db import models


class StatusLabels:
    """Mixin for an event model with `from_status` and `to_status`; `status_choices` names
    the statuses' TextChoices."""

    status_choices: type[models.TextChoices]

    def _label(self, value: str) -> str:
        choices = self.status_choices
        return choices(value).label if value in choices.values else value

    @property
    def from_label(self) -> str:
        """The status it left ("" for its first step)."""
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)
