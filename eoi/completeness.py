"""What an EOI still lacks before it can be submitted: every problem at once.

Pure: it reads plain values (the saved EOI through `eoi_problems` in
selectors, or the form being typed) and returns messages in the active
language. Drafts may be incomplete or too long; only submitting is refused.
"""

import re
import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .confirmation_models import ConfirmationState
from .enums import QuestionKind
from .team import distinct_count, repeated_members

MEMBER_REQUIRED = [
    ("name", gettext_lazy("name")),
    ("position", gettext_lazy("position")),
    ("organisation", gettext_lazy("organisation")),
    ("level", gettext_lazy("level")),
    ("gender", gettext_lazy("gender")),
    ("email", gettext_lazy("e-mail address")),
    ("why_role_matters", gettext_lazy("why their role matters")),
]


# What separates words, the same set as static/js/wordcount.js: the whitespace of
# JavaScript's \s (without U+FEFF, a format character) and the letters that print as a
# blank (Hangul fillers, the blank Braille pattern). Not Python's str.split(), which also
# splits on U+001C–U+001F and U+0085 where a browser's counter would not.
WORD_SEPARATORS = (
    "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u115f\u1160\u3164\uffa0\u2800"
)
_WORD = re.compile(f"[^{WORD_SEPARATORS}]+")


def strip_invisible(text):
    """`text` without format characters (Unicode category Cf: zero-width space, joiners,
    word joiner, soft hyphen, byte-order mark, direction marks…), which print as nothing
    and would let words be glued together past a word limit."""
    return "".join(c for c in text or "" if unicodedata.category(c) != "Cf")


def count_words(text):
    """Words as the reader sees them, and as the live counter in the form counts them
    (static/js/wordcount.js): invisible characters dropped, pieces between separators, and only
    the pieces with a letter or a digit — French spaced punctuation (" : ", " ; ", " ! ", " ? ",
    « ») and dashes are not words."""
    return sum(1 for piece in _WORD.findall(strip_invisible(text)) if any(c.isalnum() for c in piece))


def _member_label(member):
    if member.name:
        return _("Team member %(number)s (%(name)s)") % {"number": member.slot, "name": member.name}
    return _("Team member %(number)s") % {"number": member.slot}


def find_problems(*, call, questions, answers, members, contact):
    """`questions`: the call's questions in order; `answers`: {question pk: text};
    `members`: the filled team rows; `contact`: {"name", "position", "email"}."""
    problems = []
    team_limit = None
    for number, question in enumerate(questions, start=1):
        if question.kind == QuestionKind.TEAM:
            team_limit = question.word_limit
            continue
        if question.kind != QuestionKind.TEXT:
            continue
        text = (answers.get(question.pk) or "").strip()
        if not text:
            problems.append(_("Question %(number)s has no answer yet.") % {"number": number})
        elif question.word_limit and count_words(text) > question.word_limit:
            problems.append(
                _("The answer to question %(number)s has %(count)s words; the limit is %(limit)s.")
                % {"number": number, "count": count_words(text), "limit": question.word_limit}
            )

    for repeat in repeated_members(members):
        problems.append(_("Team members %(first)s and %(second)s are the same person: enter each person once.")
                        % {"first": repeat.same_as, "second": repeat.slot})
    size = distinct_count(members)  # a person entered twice counts once
    if size < call.min_team_size:
        problems.append(
            _("Propose at least %(minimum)s team members (%(count)s so far).")
            % {"minimum": call.min_team_size, "count": size}
        )
    elif size > call.max_team_size:
        problems.append(
            _("Propose at most %(maximum)s team members (%(count)s proposed).")
            % {"maximum": call.max_team_size, "count": size}
        )
    for member in members:
        label = _member_label(member)
        missing = [str(name) for field, name in MEMBER_REQUIRED if not getattr(member, field)]
        if missing:
            problems.append(_("%(member)s: missing %(fields)s.") % {"member": label, "fields": ", ".join(missing)})
        if not member.profile_id:
            problems.append(_("%(member)s: choose the participant profile this person matches.") % {"member": label})
        if team_limit and count_words(member.why_role_matters) > team_limit:
            problems.append(
                _("%(member)s: the statement on why their role matters has %(count)s words; the limit is %(limit)s.")
                % {"member": label, "count": count_words(member.why_role_matters), "limit": team_limit}
            )
        if not member.commits_to_meetings:
            problems.append(_("%(member)s: confirm that this person can attend the in-person meetings.") % {"member": label})

    for field, message in [
        ("name", gettext_lazy("Give the contact person's name.")),
        ("position", gettext_lazy("Give the contact person's position.")),
        ("email", gettext_lazy("Give the contact person's e-mail address.")),
    ]:
        if not (contact.get(field) or "").strip():
            problems.append(str(message))
    return problems



def confirmation_problems(members):
    """When the call requires it (Call.confirmations_required): each filled member in
    `members` (read with their `confirmation`) who has not confirmed at the address now given,
    named, with what to do. A member without an e-mail address cannot be asked, so cannot confirm;
    a decline blocks until the member is replaced or asked again."""
    problems = []
    for member in members:
        label = _member_label(member)
        confirmation = getattr(member, "confirmation", None)
        if not member.email:
            problems.append(_("%(member)s has no e-mail address, so they cannot be asked to confirm: add their "
                              "address, then ask the team to confirm.") % {"member": label})
        elif confirmation is None:
            problems.append(_("%(member)s has not been asked to confirm yet: press “Ask the team to confirm”.")
                            % {"member": label})
        elif not confirmation.is_for(member.email):
            problems.append(_("%(member)s was asked at %(old)s, but their address is now %(new)s: press “Ask the "
                              "team to confirm” to ask them at the new address.")
                            % {"member": label, "old": confirmation.email, "new": member.email})
        elif confirmation.state == ConfirmationState.DECLINED:
            problems.append(_("%(member)s declined to be a member of the team: propose someone else, or send them "
                              "the request again.") % {"member": label})
        elif confirmation.state != ConfirmationState.CONFIRMED:
            problems.append(_("%(member)s has not confirmed yet (asked at %(email)s).")
                            % {"member": label, "email": confirmation.email})
    return problems
