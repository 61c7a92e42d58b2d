"""Every read a page of the evaluation needs, with its joins and prefetches, one module per
page: the ranking (ranking.py), the review page (review_page.py), the panel's shortlist,
decisions and capacity (panel.py), the feedback (feedback.py), each role's lists (lists.py)
and the audit history (history.py); what they share is in common.py.

Other apps import what they need from here."""

from .common import call_criteria  # noqa: F401
from .lists import country_facing_status  # noqa: F401
