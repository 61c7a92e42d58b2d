"""Every change of state in the eoi app: calls (calls.py), expressions of interest (eois.py),
those received by e-mail (received.py), the members' confirmations (confirmations.py) and input
kept over a login (stash.py)."""

from .calls import CallNotReady, call_clone, call_close, call_publish, call_save, calls_load  # noqa: F401
from .eois import (  # noqa: F401
    ConcurrentEdit, DeadlinePassed, EOIError, Incomplete, NotEditable, TransitionNotAllowed,
    confirmations_apply, eoi_edit_refusal, eoi_grant_extension, eoi_reopen, eoi_request_confirmations,
    eoi_save, eoi_start, eoi_status_change_refusal, eoi_submit, eoi_withdraw,
)
from .received import CountryDraftExists, eoi_record_email  # noqa: F401
from .stash import OWNER_COOKIE, input_owner, input_purge, input_restore, input_stash  # noqa: F401
