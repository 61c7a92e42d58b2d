"""The forms of the evaluation's generated documents (report_builders.py): which call, which EOI."""

from django import forms
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from eoi.models import Call, ExpressionOfInterest
from reports.forms import ReportRequestForm

from .selectors.lists import calls_for_evaluation


class CallReportForm(ReportRequestForm):
    """A document about one call whose review has started."""

    call = forms.ModelChoiceField(label=_("Call"), queryset=Call.objects.none(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls_for_evaluation().filter(evaluation_settings__review_started_at__isnull=False)

    def parameters(self):
        return {"call_id": self.cleaned_data["call"].pk}


class EOIRecordForm(ReportRequestForm):
    """The record of one EOI: the manager chooses among all, a focal point among their countries'."""

    eoi = forms.ModelChoiceField(label=_("Expression of interest"), queryset=ExpressionOfInterest.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A submitted EOI, or a draft the deadline closed (its country keeps it as a PDF).
        eois = ExpressionOfInterest.objects.annotate(
            deadline=ExpressionOfInterest.effective_deadline_expression()
        ).filter(Q(submission_number__gte=1) | Q(deadline__lt=Now())).select_related("call", "country")
        if not self.user.has_perm("eoi.list_eois"):
            eois = eois.filter(country_id__in=self.user.focal_country_ids)
        self.fields["eoi"].queryset = eois.order_by("-call__deadline", "country__code")

    def parameters(self):
        return {"eoi_id": self.cleaned_data["eoi"].pk}
