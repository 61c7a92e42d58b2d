"""Every date and time a person types lies between 2000-01-01 and 2100-12-31.

Without bounds a typo such as 0001-01-01 is stored (a review deadline in year 0 once in
UTC), cannot be read back, and every page showing it answers 500. The bounds are checked
three times, by the same rule:

- in forms: `DateField` / `DateTimeField` below (the browser's date picker gets `min` and
  `max`; the server refuses with a translated message beside the field, the input kept),
  before any `clean()` does arithmetic with the value;
- in models: `BoundedDateField` / `BoundedDateTimeField` carry `validate_date_in_range`
  (full_clean, the admin, ModelForms) and hand out the form fields above;
- in the database: `date_range_constraint()` (a CheckConstraint) for every stored one.

A date and time is compared by its own calendar date, without converting it to UTC (which
is what fails for year 1 in a zone east of Greenwich). The database stores UTC, so its
constraint allows a day either side: a deadline typed 2100-12-31 23:00 in UTC-5 is kept.
"""

from datetime import UTC, date, datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2100, 12, 31)

OUT_OF_RANGE = _("Enter a date between %(min)s and %(max)s.")


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


def validate_date_in_range(value):
    """A validator for dates and datetimes (its own calendar date, no time-zone change)."""
    if value is None:
        return
    day = _as_date(value)
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(
            OUT_OF_RANGE, code="date_out_of_range",
            params={"min": date_format(MIN_DATE), "max": date_format(MAX_DATE)},
        )


def date_range_constraint(field, *, name, with_time=False):
    """The database's copy of the rule, for a nullable or required stored date (or datetime)."""
    if with_time:
        low = datetime.combine(MIN_DATE - timedelta(days=1), datetime.min.time(), tzinfo=UTC)
        high = datetime.combine(MAX_DATE + timedelta(days=2), datetime.min.time(), tzinfo=UTC)
    else:
        low, high = MIN_DATE, MAX_DATE + timedelta(days=1)
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lt": high}), name=name,
    )


class _Bounded:
    """What the form fields share: the validator, and min/max for the browser's picker."""

    picker_format = "%Y-%m-%d"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators.append(validate_date_in_range)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        input_type = getattr(widget, "input_type", None)
        if input_type in ("date", "datetime-local"):
            suffix = "T00:00" if input_type == "datetime-local" else ""
            end = "T23:59" if input_type == "datetime-local" else ""
            attrs.update(min=MIN_DATE.isoformat() + suffix, max=MAX_DATE.isoformat() + end)
        return attrs


class DateField(_Bounded, forms.DateField):
    pass


class DateTimeField(_Bounded, forms.DateTimeField):
    pass


class BoundedDateField(models.DateField):
    default_validators = [validate_date_in_range]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DateField, **kwargs})


class BoundedDateTimeField(models.DateTimeField):
    default_validators = [validate_date_in_range]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DateTimeField, **kwargs})
