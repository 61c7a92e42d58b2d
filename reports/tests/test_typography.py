import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from reports.typography import NBSP, NNBSP, french_typography_html, french_typography_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Pourquoi?", f"Pourquoi{NNBSP}?"),
        ("Oui ; non", f"Oui{NNBSP}; non"),
        ("Bravo !", f"Bravo{NNBSP}!"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ("Note : voici", f"Note{NBSP}: voici"),
        ("Note: voici", f"Note{NBSP}: voici"),
        ("Étape 1 :", f"Étape 1{NBSP}:"),
        ("« très »", f"«{NBSP}très{NBSP}»"),
        ("«très»", f"«{NBSP}très{NBSP}»"),
        ("mot  \n ;", f"mot{NNBSP};"),
        (f"déjà{NBSP}?", f"déjà{NNBSP}?"),
    ],
)
def test_french_typography_text_puts_the_right_space(text, expected):
    assert french_typography_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "La réunion commence à 10:30 précises",
        "un rapport de 1:2",
        "https://jln.example/page?a=1;b=2&c=d",
        "voir www.jln.example/faq?x=1",
        "jln@example.org",
        "(?)",
        "? au début",
        "C:\\Users",
    ],
)
def test_french_typography_text_leaves_times_urls_and_odd_marks_alone(text):
    assert french_typography_text(text) == text


def test_french_typography_text_spaces_a_mark_after_a_url():
    assert french_typography_text("Lien : https://jln.example/a?b=1 !") == f"Lien{NBSP}: https://jln.example/a?b=1{NNBSP}!"
    assert french_typography_text("Voir www.jln.example: ok") == f"Voir www.jln.example{NBSP}: ok"


def test_french_typography_html_leaves_tags_and_attributes_alone():
    html = '<a href="https://x.example/?q=a;b" title="Titre : sous-titre ?">Lien ?</a>'
    assert french_typography_html(html) == (
        f'<a href="https://x.example/?q=a;b" title="Titre : sous-titre ?">Lien{NNBSP}?</a>'
    )


def test_french_typography_html_leaves_code_style_and_comments_alone():
    html = "<style>a:hover { color: red; }</style><!-- a : b ? --><pre>x ; y ?</pre><code>a:b ;</code><p>Fin !</p>"
    assert french_typography_html(html) == (
        f"<style>a:hover {{ color: red; }}</style><!-- a : b ? --><pre>x ; y ?</pre><code>a:b ;</code><p>Fin{NNBSP}!</p>"
    )


def test_french_typography_html_keeps_entities_intact():
    assert french_typography_html("AT&amp;T ; &lt;b&gt; : &quot;x&quot; !") == f"AT&amp;T{NNBSP}; &lt;b&gt;{NBSP}: \"x\"{NNBSP}!"


def test_french_typography_html_continues_a_sentence_across_inline_elements():
    assert french_typography_html("<p><em>Vraiment</em>?</p>") == f"<p><em>Vraiment</em>{NNBSP}?</p>"
    assert french_typography_html("«<strong>titre</strong>»") == f"«{NBSP}<strong>titre</strong>{NBSP}»"


def test_french_typography_html_does_not_glue_a_mark_to_the_previous_cell():
    assert french_typography_html("<td>Oui</td><td>?</td>") == "<td>Oui</td><td>?</td>"


def test_fr_typo_filter_escapes_plain_text():
    rendered = Template("{% load typography %}{{ value|fr_typo }}").render(Context({"value": "<b>Oui</b> ?"}))
    assert rendered == f"&lt;b&gt;Oui&lt;/b&gt;{NNBSP}?"


def test_fr_typo_filter_keeps_the_markup_of_safe_html():
    value = mark_safe('<a href="/x?y=1">Suite</a> : oui !')
    rendered = Template("{% load typography %}{{ value|fr_typo }}").render(Context({"value": value}))
    assert rendered == f'<a href="/x?y=1">Suite</a>{NBSP}: oui{NNBSP}!'


def test_french_typography_html_follows_the_nearest_lang():
    html = '<html lang="fr"><p>Décision : oui</p><p lang="en">The budget; the plan: ready?</p><p>Fin !</p></html>'
    assert french_typography_html(html) == (
        f'<html lang="fr"><p>Décision{NBSP}: oui</p><p lang="en">The budget; the plan: ready?</p><p>Fin{NNBSP}!</p></html>'
    )


def test_french_typography_html_spaces_french_text_quoted_in_an_english_document():
    html = '<html lang="en"><p>Decision: yes</p><div lang="fr"><p>Le budget ; le plan<br>prêt ?</p></div><p>End!</p></html>'
    assert french_typography_html(html, language="en") == (
        f'<html lang="en"><p>Decision: yes</p><div lang="fr"><p>Le budget{NNBSP}; le plan<br>prêt{NNBSP}?</p></div><p>End!</p></html>'
    )


def test_french_typography_html_nested_langs_come_back_to_the_outer_one():
    html = '<section lang="en"><p>a; <span lang="fr">b ;</span> c;</p></section> d ;'
    assert french_typography_html(html) == (
        f'<section lang="en"><p>a; <span lang="fr">b{NNBSP};</span> c;</p></section> d{NNBSP};'
    )
