"""Each in-person meeting's list of participants from the selected teams, for its planning
(issue 17), as CSV or XLSX: the network manager's only, since it holds personal data
(`evaluation.download_participants`); every download is recorded (reports.DownloadRecord)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import View

from eoi.models import Meeting
from reports.exports import FORMATS, table_response
from reports.services import download_record

from .. import exports
from ..selectors.participants import selected_participants
from .base import CallPageMixin


class MeetingParticipantsExportView(CallPageMixin, View):
    """One meeting of the call (another call's meeting: 404) and the selected teams' members."""

    permission_required = "evaluation.download_participants"

    def get_refusal_reason(self):
        if self.request.user.has_perm("evaluation.view_ranking", self.call):
            return _("This list is for the JLN network manager: it holds the participants' personal data.")
        return None

    def get(self, request, call_pk, meeting_pk, file_format):
        if file_format not in FORMATS:
            raise Http404
        meeting = get_object_or_404(Meeting, pk=meeting_pk, call=self.call)
        table = exports.participants_table(meeting, selected_participants(self.call))
        filename = f"{self.call.slug}-{meeting.month:%Y-%m}-{slugify(meeting.label)}-{slugify(table.title)}"[:150]
        download_record(by=request.user, kind="participants_export", object_id=self.call.pk,
                        name=f"{filename}.{file_format}")  # the call, as the other exports; the name says the meeting
        return table_response(table, filename=filename, file_format=file_format)
