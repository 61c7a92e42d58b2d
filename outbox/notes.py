"""What other apps have to say about a mail, shown on its outbox page.

The outbox knows nothing of the apps that write mail (imports go the other
way): an app registers a function `mail -> [sentence]` in its AppConfig.ready(),
e.g. the evaluation app warns that a feedback letter's feedback was drafted
before the last reviews came in."""

_NOTERS = []


def register(noter):
    _NOTERS.append(noter)
    return noter


def notes_about(mail):
    return [sentence for noter in _NOTERS for sentence in noter(mail)]
