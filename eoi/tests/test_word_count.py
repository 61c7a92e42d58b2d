"""Word limits cannot be bypassed with invisible characters, and the form's live counter
(static/js/wordcount.js) counts as the server does (eoi/completeness.py)."""

import json
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from eoi.completeness import count_words, find_problems, strip_invisible
from eoi.forms import EOIForm

WORDCOUNT_JS = Path(settings.BASE_DIR) / "static" / "js" / "wordcount.js"

SAMPLES = [
    "", "   ", "one", "  Un  deux\ntrois\tquatre ", "a\u00a0b", "a\u2009b\u202fc", "a\u3000b",
    "one\u200btwo", "one\u200c\u200dtwo", "one\u2060two", "one\ufefftwo", "soft\u00adhyphen", "\u200b \u200b",
    "a\u3164b\u2800c", "a\u115fb\u1160c\uffa0d", "a\x1cb\x1dc\x1ed\x1fe", "a\x85b", "a\u180eb", "a\u202eb\u202cc",
    "l'été dernier — très bien", "😀 😀😀 x", "a\u2028b\u2029c", "\u200e\u200f",
]


@pytest.mark.parametrize(("text", "expected"), [
    ("one\u200btwo", 1),  # glued: read as one word ("onetwo"), saved as one
    ("one \u200b two", 2),  # a zero-width space alone is not a word
    ("\u200b\u2060\ufeff\u00ad", 0),
    ("one\u3164two\u2800three", 3),  # letters that print as a blank separate words
    ("one\u00a0two", 2),
    ("a\x1cb", 1), ("a\x85b", 1),  # as a browser counts them (str.split() said 2)
])
def test_count_words_as_the_reader_sees_them(text, expected):
    assert count_words(text) == expected


def test_strip_invisible_removes_format_characters_only():
    assert strip_invisible("l'\u200bété\u00ad\u2060 \ufeffdernier\u200d 😀") == "l'été dernier 😀"


def test_a_limit_is_not_bypassed_with_blank_looking_separators():
    """Six words joined by Hangul fillers read as six words: over a limit of five."""
    question = SimpleNamespace(pk=1, kind="text", word_limit=5)
    text = "\u3164".join(["word"] * 6)
    problems = find_problems(call=SimpleNamespace(min_team_size=0, max_team_size=9), questions=[question],
                             answers={1: text}, members=[], contact={"name": "x", "position": "x", "email": "x@e.org"})
    assert any("6" in str(problem) for problem in problems)


@pytest.mark.django_db
def test_eoi_form_saves_answers_without_invisible_characters(call):
    question = call.questions.filter(kind="text").first()
    form = EOIForm({"version": "1", f"answer_{question.key}": "one\u200b two\u2060 thr\u00adee\ufeff",
                    "m1_why_role_matters": "leads\u200b\u200bit"}, call=call)
    assert form.is_valid(), form.errors
    assert form.cleaned_data[f"answer_{question.key}"] == "one two three"
    assert form.cleaned_data["m1_why_role_matters"] == "leadsit"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the form's counter")
def test_the_forms_counter_agrees_with_the_server():
    script = f"""
        const count = require({json.dumps(str(WORDCOUNT_JS))});
        const samples = JSON.parse(process.argv[1]);
        process.stdout.write(JSON.stringify(samples.map(count)));
    """
    result = subprocess.run(["node", "-e", script, json.dumps(SAMPLES)], capture_output=True, text=True, check=True,
                            timeout=60)
    assert json.loads(result.stdout) == [count_words(text) for text in SAMPLES]
