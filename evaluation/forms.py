from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.models import User
from countries.models import Country
from countries.selectors import sort_by_name
from jln_portal import dates
from jln_portal.moments import zone_label_now

from .enums import AssignmentMode, Decision, EvaluationState
from .models import EvaluationSettings
from .services.criteria import SETTINGS_FIELDS


def facilitators():
    return User.objects.filter(role=Role.FACILITATOR, is_active=True).order_by("full_name")


class EvaluationSettingsForm(forms.ModelForm):
    class Meta:
        model = EvaluationSettings
        fields = SETTINGS_FIELDS
        widgets = {"review_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.instance.call
        field = self.fields["review_deadline"]
        field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        field.help_text = _("In the call's time zone (%(zone)s). Facilitators with unfinished reviews are "
                            "reminded before it. Empty: no reminder.") % {"zone": zone_label_now(call.time_zone)}
        if self.instance.review_deadline and not self.is_bound:
            self.initial["review_deadline"] = timezone.localtime(self.instance.review_deadline, call.tzinfo).replace(
                tzinfo=None)

    def clean_review_deadline(self):
        """The time typed is in the call's time zone, not the portal's."""
        value = self.cleaned_data.get("review_deadline")
        if value is None:
            return None
        return timezone.make_naive(value).replace(tzinfo=self.instance.call.tzinfo)


class AssignmentForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Facilitators"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one facilitator.")},
    )
    mode = forms.ChoiceField(
        label=_("How to assign"), choices=AssignmentMode.choices, initial=AssignmentMode.BALANCED,
        widget=forms.RadioSelect,
    )
    per_eoi = forms.IntegerField(
        label=_("Reviewers per expression of interest (balanced share)"), min_value=1, max_value=10, initial=2
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = facilitators()


class ConflictForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Facilitator"), queryset=User.objects.none())
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: worked for its Ministry of Health in the past three years."),
    )

    def __init__(self, *args, for_manager=False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_manager:
            self.fields["reviewer"].queryset = facilitators()
        else:
            del self.fields["reviewer"]
        self.fields["country"].choices = [("", "---------")] + [(c.pk, c.name) for c in sort_by_name(Country.objects.all())]


def _score_choices(criterion):
    meanings = {level.score: level.description for level in criterion.rubric.all()}
    return [(score, f"{score} – {meanings[score]}" if score in meanings else str(score)) for score in criterion.scale]


class ReviewForm(forms.Form):
    """A score (with the rubric as its choices) and a comment for the country on each
    criterion (it may be quoted in the country's letter), and a note to the panel
    (it never leaves the panel)."""

    panel_note = forms.CharField(
        label=_("Note to the panel (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Read only by the panel: it is never quoted to the country."),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for number, criterion in enumerate(criteria, start=1):
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=gettext("Score for criterion %(number)s") % {"number": number},
                choices=_score_choices(criterion), coerce=int, empty_value=None, required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=gettext("Comment for the country on criterion %(number)s") % {"number": number},
                required=False, widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("It may be quoted to the country in its feedback letter."),
            )

    @staticmethod
    def initial_from(review):
        """The form's initial values from a Review with its scores (or None)."""
        if review is None:
            return {}
        initial = {"panel_note": review.panel_note}
        for score in review.scores.all():
            initial[f"score_{score.criterion_id}"] = score.value
            initial[f"comment_{score.criterion_id}"] = score.comment
        return initial

    def entries(self):
        data = self.cleaned_data
        return {c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", "")) for c in self.criteria}

    def criterion_fields(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]


class EligibilityOverrideForm(forms.Form):
    met = forms.ChoiceField(
        label=_("Override"), choices=[("", _("No override: keep the portal's check")), ("yes", _("Met")),
                                      ("no", _("Not met"))], required=False,
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("met") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the override."))
        return data

    @property
    def met_value(self):
        return {"": None, "yes": True, "no": False}[self.cleaned_data.get("met") or ""]


class ClarificationForm(forms.Form):
    question = forms.CharField(label=_("Question to the country"), widget=forms.Textarea(attrs={"rows": 4}))


class ReopenDecisionsForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are the decisions reopened?"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept on the record and in the history. Letters already sent are flagged; letters not sent yet "
                    "are discarded."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5}))


class ShortlistForm(forms.Form):
    shortlisted = forms.MultipleChoiceField(
        label=_("Shortlisted"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, evaluations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shortlisted"].choices = [(e.pk, str(e.eoi.country.name)) for e in evaluations if e.eligible]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), required=False)
    feedback_en = forms.CharField(label=_("Feedback to the country (English)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 14}))
    feedback_fr = forms.CharField(label=_("Feedback to the country (French)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 14}))
    # The feedback is a shared text: the version this form was opened with, and (signed)
    # what the draft it shows was made from, when the page drafted it from the scores.
    feedback_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    drafted_from = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, evaluation, can_decide, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_decide:
            del self.fields["decision"]
            return
        allowed = list(Decision.choices)
        if evaluation.state != EvaluationState.SHORTLISTED or not evaluation.eligible:
            allowed = [(Decision.NOT_SELECTED.value, Decision.NOT_SELECTED.label)]
        self.fields["decision"].choices = [("", _("No decision yet"))] + allowed


class FeedbackScheduleForm(forms.Form):
    """Send the approved feedback letters now, or on a day at a time of the
    call's own time zone (by default the call's feedback date at 09:00)."""

    NOW, LATER = "now", "later"
    when = forms.ChoiceField(
        label=_("When"), widget=forms.RadioSelect, initial=LATER,
        choices=[(LATER, _("On the day and at the time below")), (NOW, _("Now"))],
    )
    day = dates.DateField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Time"), required=False, initial="09:00", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["day"].initial = call.feedback_date
        self.fields["time"].help_text = _("In the call's time zone (%(zone)s).") % {
            "zone": zone_label_now(call.time_zone)}

    def clean(self):
        data = super().clean()
        data["send_after"] = None
        if data.get("when") != self.LATER:
            return data
        day, time = data.get("day"), data.get("time")
        if day is None and "day" not in self.errors:
            self.add_error("day", _("Choose the day, or send now."))
        if time is None and "time" not in self.errors:
            self.add_error("time", _("Choose the time, or send now."))
        if day is None or time is None:
            return data
        from datetime import datetime

        moment = datetime.combine(day, time, tzinfo=self.call.tzinfo)
        if moment < timezone.now():
            self.add_error("day", _("This moment has passed: choose a later one, or send now."))
        data["send_after"] = moment
        return data
