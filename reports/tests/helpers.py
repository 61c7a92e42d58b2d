"""Small helpers shared by the reports tests."""


def stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


def visual_lines(page):
    """The page's text as a reader sees it: fragments on one baseline, left to right, joined by a space."""
    fragments = []

    def keep(text, cm, tm, font, size):
        if text.strip():
            x, y = tm[4], tm[5]  # the text's origin, in page space through the current matrix
            fragments.append((round(cm[1] * x + cm[3] * y + cm[5]), cm[0] * x + cm[2] * y + cm[4], text.strip()))

    page.extract_text(visitor_text=keep)
    lines = {}
    for y, x, text in fragments:
        lines.setdefault(y, []).append((x, text))
    return [" ".join(text for _x, text in sorted(parts)) for _y, parts in sorted(lines.items(), reverse=True)]
