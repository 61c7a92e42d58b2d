"""The manager erases one person on request (issue 17 §2): the address and a reason, then a page
saying what will change, then the erasure (privacy.services.person_erase)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jln_portal.permissions import permission_required

from . import services
from .forms import PersonErasureForm


@permission_required("privacy.erase_person")
def person_erase(request):
    form = PersonErasureForm(request.POST or None)
    if request.method != "POST" or not form.is_valid() or "edit" in request.POST:
        return render(request, "privacy/erase.html", {"form": form})
    email, reason = form.cleaned_data["email"], form.cleaned_data["reason"]
    try:
        if "confirm" not in request.POST:
            plan = services.person_erasure_plan(email)
            return render(request, "privacy/erase_confirm.html", {
                "form": form, "email": email, "plan": services.labelled(plan)})
        action = services.person_erase(email, by=request.user, reason=reason)
    except services.ErasureRefused as refusal:
        form.add_error("email", refusal.message)
        return render(request, "privacy/erase.html", {"form": form})
    messages.success(request, _("The person's data is anonymised (%(rows)s rows changed); the erasure is recorded.")
                     % {"rows": sum(action.counts.values())})
    return redirect("privacy:erase")
