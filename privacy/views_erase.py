"""The manager erases one person on request (issue 17 §2): the address and a reason, then a page
saying what will change, then the erasure (privacy.services.person_erase)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jln_portal.permissions import permission_required

from . import services
from .forms import PersonErasureForm

LABELS = {
    "team members": gettext_lazy("Team members"),
    "team member history rows": gettext_lazy("Earlier versions of team members"),
    "contact person": gettext_lazy("Contact person of an expression of interest"),
    "EOI history rows": gettext_lazy("Earlier versions of expressions of interest"),
    "member confirmations": gettext_lazy("Team members' confirmations"),
    "mails": gettext_lazy("E-mails to the person or about their expressions of interest"),
    "core group members": gettext_lazy("Country core group members"),
    "membership applications": gettext_lazy("Membership applications"),
    "unconfirmed membership applications": gettext_lazy("Unconfirmed membership applications (deleted)"),
    "invitations": gettext_lazy("Invitations"),
    "user accounts": gettext_lazy("User accounts (deactivated, never deleted)"),
    "sign-in attempts": gettext_lazy("Failed sign-ins still counted (deleted)"),
    "failed sign-ins": gettext_lazy("Failed sign-ins (deleted)"),
    "sign-ins": gettext_lazy("Sign-ins (deleted)"),
}


def labelled(plan):
    """[(label in the active language, count)] of a plan, the kinds that hold something."""
    return [(LABELS.get(kind, kind), count) for kind, count in plan.items() if count]


@permission_required("privacy.erase_person")
def person_erase(request):
    if "prefill" in request.POST:  # from the export's page: the form with the address, by POST (never a URL)
        form = PersonErasureForm(initial={"email": request.POST.get("email", "")})
        return render(request, "privacy/erase.html", {"form": form})
    form = PersonErasureForm(request.POST or None)
    if request.method != "POST" or not form.is_valid() or "edit" in request.POST:
        return render(request, "privacy/erase.html", {"form": form})
    email, reason = form.cleaned_data["email"], form.cleaned_data["reason"]
    try:
        if "confirm" not in request.POST:
            plan = services.person_erasure_plan(email)
            return render(request, "privacy/erase_confirm.html", {
                "form": form, "email": email, "plan": labelled(plan)})
        action = services.person_erase(email, by=request.user, reason=reason)
    except services.ErasureRefused as refusal:
        form.add_error("email", refusal.message)
        return render(request, "privacy/erase.html", {"form": form})
    messages.success(request, _("The person's data is anonymised (%(rows)s rows changed); the erasure is recorded.")
                     % {"rows": sum(action.counts.values())})
    return redirect("privacy:erase")
