"""The French catalogue follows French typography: a no-break space (U+00A0, or the narrow
U+202F) before : ; ? ! that end a word; no entry left untranslated or fuzzy; one name for the
JLN. Read straight from locale/fr/LC_MESSAGES/django.po, so a new string is checked as it comes."""

import ast
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# A mark that ends a word (not "10:30", "https://", "%(x)s:" inside a URL) without a no-break space before it.
MISSING_SPACE = re.compile(r"(?<=[^\s\u00a0\u202f(\[«;:?!/])[:;?!](?=\s|$|[)»\"'’.,…<])|(?<=[ ])[:;?!](?=\s|$)")


def entries():
    """(msgid, msgstr, flags) of every live entry (obsolete ones are skipped)."""
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        parts, current = {}, None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) (".*")$', line)
            if match:
                current = match.group(1)
                parts[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                parts[current] += ast.literal_eval(line)
        if parts.get("msgid"):
            for key, value in parts.items():
                if key.startswith("msgstr"):
                    yield parts["msgid"], value, flags


def _without_markup(text):
    text = re.sub(r"<[^>]+>", "", text)  # tags and their attributes (href="mailto:…")
    text = re.sub(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|\{\{[^}]*\}\}", "X", text)  # placeholders
    return re.sub(r"(?:https?|mailto)://?\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "URL", text)


def test_french_catalogue_has_a_no_break_space_before_double_marks():
    wrong = [(msgid, msgstr) for msgid, msgstr, _flags in entries()
             if msgstr and MISSING_SPACE.search(_without_markup(msgstr))]
    assert wrong == [], "\n".join(f"{msgid!r} → {msgstr!r}" for msgid, msgstr in wrong)


def test_french_catalogue_complete_and_not_fuzzy():
    untranslated = [msgid for msgid, msgstr, _flags in entries() if not msgstr]
    fuzzy = [msgid for msgid, _msgstr, flags in entries() if "fuzzy" in flags]
    assert (untranslated, fuzzy) == ([], [])


def test_french_catalogue_gives_the_jln_one_name():
    """"Réseau d'apprentissage conjoint" wherever the JLN is named in words (not "… commun")."""
    named = [msgstr for _msgid, msgstr, _flags in entries() if re.search(r"Réseau d[’']apprentissage", msgstr)]
    assert named and all(re.search(r"Réseau d[’']apprentissage conjoint", msgstr) for msgstr in named), named
