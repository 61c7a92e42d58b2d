"""Views of the eoi app: public call pages (public.py), the focal points' EOI
pages (eois.py) and the network manager's pages (manage.py). Thin: they read
through selectors and change through services."""

from .confirm import member_confirm, member_resend, members_request  # noqa: F401
from .eois import (  # noqa: F401
    FocalPointHomeView, eoi_autosave, eoi_detail, eoi_edit, eoi_record_received, eoi_reopen, eoi_start,
    eoi_submit, eoi_withdraw,
)
from .manage import (  # noqa: F401
    CallConfirmationListView, CallEOIExportView, CallEOIListView, ManagerCallListView, call_clone, call_close,
    call_create, call_edit, call_extension, call_publish, call_record_email,
)
from .public import call_detail, call_questionnaire  # noqa: F401
