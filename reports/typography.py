"""French typography for HTML: the spaces French puts around punctuation.

- a narrow no-break space (U+202F) before ; ? ! (before the first of a run such as ?!);
- a no-break space (U+00A0) before : and inside « guillemets »;

The ordinary spaces typed there (or none) are replaced, so a line never breaks before the mark.
Only text is touched: tags, attributes, comments and the content of <script>, <style>, <pre>,
<code>, <kbd>, <samp> and <textarea> are left as they are, and so are URLs and e-mail addresses
(`https://jln.example/?a=1`), times and ratios (`10:30`) — a mark gets a space only when it ends a
word, i.e. is followed by a space, a closing mark or the end of the text.

Only French text is touched: `french_typography_html(markup, language=…)` follows the nearest
`lang` attribute of each text (`<p lang="en">` inside a French document is left as typed, so an
English EOI quoted in a French report keeps "budget; the"; `<p lang="fr">` in an English document
gets French spaces). `language` is the language of text outside any `lang` (the document's).

Known limit: when the space typed before a mark sits in the previous element
(`mot <em>?</em>`), it is left as it is.
"""

import html
import re

NBSP = "\u00a0"
NNBSP = "\u202f"

_SPACE = "[ \\t\\n\\r\\u00a0\\u202f\\u2009\\u2007]"
# A URL or an address, without the punctuation that ends the sentence around it.
_URL = r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.|mailto:)(?:[^\s<>\"«»]*[^\s<>\"«».,;:!?)])?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_AFTER_MARK = r"(?=[\s)\]»\"'’.,…]|$)"
_RULES = re.compile(
    rf"(?P<url>{_URL})"
    rf"|(?P<space>{_SPACE}*)(?P<mark>[;?!]+|:){_AFTER_MARK}"
    rf"|«(?P<open_space>{_SPACE}*)"
    rf"|(?P<close_space>{_SPACE}*)»",
    re.UNICODE,
)
# A mark gets a space only after a word, a number or a closing bracket/quote — not after
# another mark, an opening bracket or nothing.
_NO_SPACE_AFTER = set(" \t\n\r\u00a0\u202f\u2009\u2007([{«;:?!/")

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"|<(?P<close>/)?(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S,
)
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_VERBATIM = {"script", "style", "pre", "code", "kbd", "samp", "textarea"}
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "u", "var", "tspan",
}


def french_typography_text(text, before=""):
    """`text` (plain, unescaped) with French spaces. `before` is the text that precedes it in
    the same paragraph, if any (its last character decides whether a mark gets a space)."""

    def replace(match):
        if match["url"]:
            return match["url"]
        start = match.start()
        previous = text[start - 1] if start else (before[-1:] or " ")
        if match["mark"]:
            if previous in _NO_SPACE_AFTER:
                return match[0]
            space = NNBSP if match["mark"] != ":" else NBSP
            return space + match["mark"]
        if match["open_space"] is not None:
            return "«" + NBSP
        if previous in _NO_SPACE_AFTER and not match["close_space"]:
            return match[0]  # nothing to attach the closing guillemet to
        return NBSP + "»"

    return _RULES.sub(replace, text)


def _is_french(language):
    return language.lower().split("-")[0] == "fr"


def french_typography_html(markup, *, language="fr"):
    """`markup` (HTML) with French spaces in its French text (by the nearest `lang`; text
    outside any `lang` is in `language`); the markup itself is unchanged."""
    out = []
    position = 0
    before = ""  # text of the current paragraph so far (inline elements do not interrupt it)
    languages = [(None, _is_french(language))]  # (element name, French?) of the open elements with a lang
    while position < len(markup):
        match = _TOKEN.search(markup, position)
        end = match.start() if match else len(markup)
        if end > position:
            if languages[-1][1]:
                text = html.unescape(markup[position:end])
                out.append(html.escape(french_typography_text(text, before), quote=False))
                before = text
            else:
                out.append(markup[position:end])
                before = ""
        if not match:
            break
        out.append(match[0])
        position = match.end()
        name = (match["name"] or "").lower()
        if match["close"]:
            if len(languages) > 1 and languages[-1][0] == name:
                languages.pop()
        elif name and name not in _VOID and not match[0].endswith("/>"):
            lang = _LANG.search(match[0])
            if lang:
                languages.append((name, _is_french(next(g for g in lang.groups() if g is not None))))
        if name in _VERBATIM and not match["close"] and not match[0].endswith("/>"):
            closing = re.compile(rf"</{name}\s*>", re.I).search(markup, position)
            stop = closing.end() if closing else len(markup)
            out.append(markup[position:stop])
            position = stop
            before = ""
        elif name not in _INLINE:
            before = ""
    return "".join(out)
