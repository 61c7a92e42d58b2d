"""Forms of the eoi app. The EOI form is built from the call's questionnaire and
serves the plain Save, the autosave endpoint and the input restored after a
login alike; drafts may be incomplete (the completeness check runs at submit)."""

import zoneinfo
from datetime import datetime
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from countries.enums import Gender, MembershipLevel
from countries.models import Country
from countries.selectors import sort_by_name
from jln_portal import dates
from jln_portal.moments import zone_label_now

from .completeness import strip_invisible
from .enums import Level, QuestionKind
from .models import Call, Meeting, ParticipantProfile, Question, TeamMember
from .selectors import eoi_answers
from .team import repeated_members

BLANK = [("", "—")]


class CountedTextField(forms.CharField):
    """An answer with a word limit: invisible format characters (zero-width spaces,
    joiners, soft hyphens…) are removed, so the words saved are the words counted."""

    def to_python(self, value):
        return super().to_python(strip_invisible(value) if isinstance(value, str) else value)


def _member_fields(profiles, word_limit):
    profile_choices = BLANK + [(str(p.pk), f"{p.number}. {p.organisation}") for p in profiles]
    textarea = {"rows": 3}
    if word_limit:
        textarea["data-word-limit"] = word_limit
    return {
        "name": forms.CharField(label=_("Name"), max_length=200, required=False),
        "position": forms.CharField(label=_("Position"), max_length=200, required=False),
        "organisation": forms.CharField(label=_("Organisation"), max_length=300, required=False),
        "level": forms.ChoiceField(label=_("Level"), choices=BLANK + Level.choices, required=False),
        "profile_id": forms.TypedChoiceField(
            label=_("Participant profile"), choices=profile_choices, required=False, coerce=int, empty_value=None
        ),
        "gender": forms.ChoiceField(label=_("Gender"), choices=BLANK + Gender.choices, required=False),
        "email": forms.EmailField(label=_("E-mail address"), required=False),
        "why_role_matters": CountedTextField(
            label=_("Why their role matters for this collaborative"), required=False,
            widget=forms.Textarea(attrs=textarea),
            help_text=_("At most %(limit)s words.") % {"limit": word_limit} if word_limit else "",
        ),
        "commits_to_meetings": forms.BooleanField(
            label=_("This person commits to attending the in-person meetings"), required=False
        ),
    }


class EOIForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, data=None, *, call, **kwargs):
        super().__init__(data, **kwargs)
        self.call = call
        self.questions = list(call.questions.all())
        self.profiles = list(call.profiles.all())
        self.summary_labels = {}  # {field name: its name in the error summary}
        team_limit = next((q.word_limit for q in self.questions if q.kind == QuestionKind.TEAM), None)
        for number, question in enumerate(self.questions, start=1):
            question.number = number
            if question.kind != QuestionKind.TEXT:
                continue
            attrs = {"rows": 10}
            if question.word_limit:
                attrs["data-word-limit"] = question.word_limit
            name = f"answer_{question.key}"
            self.fields[name] = CountedTextField(
                label=_("Your answer"), required=False, widget=forms.Textarea(attrs=attrs),
                help_text=_("At most %(limit)s words.") % {"limit": question.word_limit} if question.word_limit else "",
            )
            self.summary_labels[name] = _("Question %(number)s") % {"number": number}
        for slot in self.slots:
            for field, form_field in _member_fields(self.profiles, team_limit).items():
                self.fields[f"m{slot}_{field}"] = form_field
                self.summary_labels[f"m{slot}_{field}"] = _("Team member %(number)s: %(field)s") % {
                    "number": slot, "field": form_field.label}
        self.fields["contact_name"] = forms.CharField(label=_("Name"), max_length=200, required=False)
        self.fields["contact_position"] = forms.CharField(label=_("Position"), max_length=200, required=False)
        self.fields["contact_email"] = forms.EmailField(label=_("E-mail address"), required=False)
        for field in ("name", "position", "email"):
            self.summary_labels[f"contact_{field}"] = _("Contact person: %(field)s") % {
                "field": self.fields[f"contact_{field}"].label}

    @property
    def slots(self):
        return range(1, self.call.max_team_size + 1)

    def clean(self):
        """The same person twice in the team: said on the row that repeats (eoi/team.py)."""
        data = super().clean()
        typed = [SimpleNamespace(slot=slot, name=data.get(f"m{slot}_name") or "", email=data.get(f"m{slot}_email") or "")
                 for slot in self.slots]
        for repeat in repeated_members(typed):
            self.add_error(f"m{repeat.slot}_{repeat.field}", _(
                "Team member %(other)s is already this person: enter each person once.") % {"other": repeat.same_as})
        return data

    @staticmethod
    def initial_for(eoi, answers=None):
        """The saved EOI as the form's initial data; `answers` ({question id: text})
        defaults to the EOI's answers (eoi_with_parts prefetches them)."""
        initial = {"version": eoi.version, "contact_name": eoi.contact_name,
                   "contact_position": eoi.contact_position, "contact_email": eoi.contact_email}
        keys = {q.pk: q.key for q in eoi.call.questions.all()}
        for question_id, text in (eoi_answers(eoi) if answers is None else answers).items():
            initial[f"answer_{keys[question_id]}"] = text
        for member in eoi.team_members.all():
            for field in TeamMember.PERSON_FIELDS:
                initial[f"m{member.slot}_{field}"] = getattr(member, field)
        return initial

    # --- What the template and the services read ---

    def sections(self):
        """[(question, what to fill in)] in the questionnaire's order: a text
        question's field, the team's rows, or the contact person's fields."""
        parts = {QuestionKind.TEAM: self.member_rows, QuestionKind.CONTACT: self.contact_fields}
        sections = [
            (q, self[f"answer_{q.key}"] if q.kind == QuestionKind.TEXT else parts[q.kind]())
            for q in self.questions
        ]
        kinds = {q.kind for q in self.questions}
        for kind in (QuestionKind.TEAM, QuestionKind.CONTACT):  # a call whose questionnaire forgot them
            if kind not in kinds:
                sections.append((SimpleNamespace(kind=kind, number=None, prompt="", guidance=""), parts[kind]()))
        return sections

    def member_rows(self):
        return [(slot, [self[f"m{slot}_{field}"] for field in TeamMember.PERSON_FIELDS]) for slot in self.slots]

    def contact_fields(self):
        return [self["contact_name"], self["contact_position"], self["contact_email"]]

    def error_summary(self):
        """[(field id, label, message)] for the list at the top of the page."""
        return [
            (self[name].id_for_label, self.summary_labels.get(name, self.fields[name].label), error)
            for name, errors in self.errors.items() if name in self.fields
            for error in errors
        ]

    def structured(self):
        """The cleaned input as services.eoi_save takes it. What is invalid is left out (the
        answer, the whole team row, the contact field), so that the rest can be saved."""
        data, errors = self.cleaned_data, self.errors
        answers = {q.pk: data.get(f"answer_{q.key}", "").strip() for q in self.questions
                   if q.kind == QuestionKind.TEXT and f"answer_{q.key}" not in errors}
        members = {}
        for slot in self.slots:
            if any(f"m{slot}_{field}" in errors for field in TeamMember.PERSON_FIELDS):
                continue
            values = {field: data.get(f"m{slot}_{field}") for field in TeamMember.PERSON_FIELDS}
            for field, value in values.items():
                if isinstance(value, str):
                    values[field] = value.strip()
            values["commits_to_meetings"] = bool(values["commits_to_meetings"])
            members[slot] = values if TeamMember.values_filled(values) else None
        contact = {field: data.get(f"contact_{field}", "").strip() for field in ("name", "position", "email")
                   if f"contact_{field}" not in errors}
        return {"answers": answers, "members": members, "contact": contact}

    def members_for_panel(self):
        """The typed team as the composition panel reads it."""
        members = self.structured()["members"]
        return [SimpleNamespace(slot=slot, **values) for slot, values in members.items() if values]


# --- The network manager's forms ---


def _timezone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _local(date_value, time_value, tz_name):
    return datetime.combine(date_value, time_value, tzinfo=zoneinfo.ZoneInfo(tz_name))


class CallForm(forms.ModelForm):
    deadline_date = dates.DateField(label=_("Deadline: date"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline_time = forms.TimeField(label=_("Deadline: time"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone of the deadline"), choices=_timezone_choices)
    eligible_membership_levels = forms.MultipleChoiceField(
        label=_("Membership levels that may apply"), choices=MembershipLevel.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )

    class Meta:
        model = Call
        fields = [
            "slug", "title_en", "title_fr", "summary_en", "summary_fr", "topic_overview_en", "topic_overview_fr",
            "learning_objectives_en", "learning_objectives_fr", "learning_questions_en", "learning_questions_fr",
            "expected_results_en", "expected_results_fr", "team_expectations_en", "team_expectations_fr",
            "level_of_effort_en", "level_of_effort_fr", "capacity_note_en", "capacity_note_fr",
            "submission_instructions_en", "submission_instructions_fr", "selection_note_en", "selection_note_fr",
            "criteria_text_en", "criteria_text_fr", "opening_date", "time_zone", "feedback_date",
            "min_team_size", "max_team_size", "min_teams", "target_teams", "max_participants",
            "eligible_membership_levels", "alternative_submission_email", "confirmations_required",
            "retention_months", "collaborative_ends",
        ]
        widgets = {
            "opening_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "feedback_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "collaborative_ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title_en", "title_fr"):
            self.fields[name].required = True
        self.fields["retention_months"].required = False  # left empty: as before (a new call: the default)
        if self.instance.pk:
            local = self.instance.local_deadline
            self.initial.setdefault("deadline_date", local.date())
            self.initial.setdefault("deadline_time", local.time().replace(tzinfo=None))

    def clean_retention_months(self):
        value = self.cleaned_data.get("retention_months")
        return self.instance.retention_months if value is None else value

    def clean(self):
        data = super().clean()
        opening, feedback = data.get("opening_date"), data.get("feedback_date")
        if data.get("deadline_date") and data.get("deadline_time") and data.get("time_zone"):
            deadline = _local(data["deadline_date"], data["deadline_time"], data["time_zone"])
            self.instance.deadline = deadline
            if opening and deadline.date() <= opening:
                self.add_error("deadline_date", _("The deadline must come after the opening date."))
            if feedback and feedback <= deadline.date():
                self.add_error("feedback_date", _("The feedback date must come after the deadline."))
        ends = data.get("collaborative_ends")
        if ends and feedback and ends <= feedback:
            self.add_error("collaborative_ends", _("The collaborative ends after the feedback date."))
        minimum, maximum = data.get("min_team_size"), data.get("max_team_size")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("max_team_size", _("The maximum team size cannot be below the minimum."))
        if minimum == 0:
            self.add_error("min_team_size", _("A team has at least one member."))
        if (data.get("min_teams") or 0) > (data.get("target_teams") or 0):
            self.add_error("target_teams", _("The target number of teams cannot be below the minimum."))
        return data


class _ProtectedPartsFormSet(forms.BaseInlineFormSet):
    """Refuses deleting a question or profile that an EOI already uses."""

    used_by = None
    message = None

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and getattr(form.instance, self.used_by).exists():
                raise ValidationError(self.message)


class QuestionFormSet(_ProtectedPartsFormSet):
    used_by = "answers"
    message = _("A question that countries have already answered cannot be deleted.")


class ProfileFormSet(_ProtectedPartsFormSet):
    used_by = "team_members"
    message = _("A participant profile that a team member is mapped to cannot be deleted.")


QuestionFormSetFactory = inlineformset_factory(
    Call, Question, formset=QuestionFormSet, extra=1, can_delete=True,
    fields=["order", "key", "kind", "prompt_en", "prompt_fr", "guidance_en", "guidance_fr", "word_limit"],
    widgets={f: forms.Textarea(attrs={"rows": 3}) for f in ("prompt_en", "prompt_fr", "guidance_en", "guidance_fr")},
)
ProfileFormSetFactory = inlineformset_factory(
    Call, ParticipantProfile, formset=ProfileFormSet, extra=1, can_delete=True,
    fields=["number", "level", "organisation_en", "organisation_fr", "description_en", "description_fr"],
    widgets={f: forms.Textarea(attrs={"rows": 3}) for f in ("description_en", "description_fr")},
)
MeetingFormSetFactory = inlineformset_factory(
    Call, Meeting, extra=1, can_delete=True,
    fields=["month", "label_en", "label_fr", "place_en", "place_fr"],
    widgets={"month": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")},
)


class CountryForm(forms.Form):
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        field.choices = [("", "—")] + [(c.pk, c.name) for c in sort_by_name(Country.objects.all())]


class RecordEmailForm(CountryForm):
    take_over = forms.BooleanField(
        label=_("Take over the country's draft"), required=False,
        help_text=_("Only if the country has already started its expression of interest in the portal: you then "
                    "type the e-mail into that draft, and its focal points are told by e-mail."),
    )


class ExtensionForm(CountryForm):
    until_date = dates.DateField(label=_("New deadline: date"), widget=forms.DateInput(attrs={"type": "date"}))
    until_time = forms.TimeField(label=_("New deadline: time"), widget=forms.TimeInput(attrs={"type": "time"}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        for name in ("until_date", "until_time"):
            self.fields[name].help_text = _("In the call's time zone (%(zone)s).") % {
                "zone": zone_label_now(call.time_zone)}

    def clean(self):
        data = super().clean()
        if data.get("until_date") and data.get("until_time"):
            data["until"] = _local(data["until_date"], data["until_time"], self.call.time_zone)
            if data["until"] <= self.call.deadline:
                self.add_error("until_date", _("An extension must end after the call's deadline."))
        return data


class ReceivedForm(forms.Form):
    received_date = dates.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
    received_time = forms.TimeField(label=_("At"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["received_time"].help_text = _("In the call's time zone (%(zone)s).") % {
            "zone": zone_label_now(call.time_zone)}

    def clean(self):
        data = super().clean()
        if data.get("received_date") and data.get("received_time"):
            data["received_at"] = _local(data["received_date"], data["received_time"], self.call.time_zone)
        return data
