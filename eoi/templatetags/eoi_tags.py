"""Deadlines in the reader's terms, the call's plain-text content as HTML, and form
fields rendered without crispy-forms (`{% form_field field %}`)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms, template
from django.forms.widgets import Input
from django.utils import timezone
from django.utils.html import escape
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

register = template.Library()


class ZonedDatetime(datetime):
    """A datetime that Django's template filters (`date`) leave in its own time
    zone instead of converting it to the active one."""

    convert_to_local_time = False


@register.filter(expects_localtime=False)
def in_zone(value, zone_name):
    """An aware datetime seen in the time zone `zone_name` (then `|date:"…"`)."""
    if not value:
        return value
    local = timezone.localtime(value, ZoneInfo(zone_name))
    return ZonedDatetime(local.year, local.month, local.day, local.hour, local.minute, local.second,
                         local.microsecond, tzinfo=local.tzinfo, fold=local.fold)


@register.filter
def utc_offset(value):
    """'UTC+03:00' for an aware datetime."""
    offset = value.strftime("%z")
    return f"UTC{offset[0]}{offset[1:3]}:{offset[3:]}" if offset else "UTC"


@register.simple_tag
def time_left(deadline, now=None):
    now = (now or timezone.now()).replace(microsecond=0)
    if now > deadline:
        return _("The deadline has passed.")
    return _("%(duration)s left") % {"duration": timeuntil(deadline, now, depth=2)}


@register.filter
def status_badge_class(status):
    """The badge colour of an EOI's status (includes/status_badge.html, the staff list's rows)."""
    return {"submitted": "text-bg-success", "withdrawn": "text-bg-secondary"}.get(status, "text-bg-warning")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def words(text):
    return len((text or "").split())


@register.filter
def richtext(text):
    """Paragraphs (separated by a blank line) and '- ' bullet lists, escaped."""
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        paragraph, items = [], []
        for line in block.split("\n"):
            if line.startswith("- "):
                items.append(f"<li>{escape(line[2:].strip())}</li>")
            elif line.strip():
                if items:
                    html.append(f"<ul>{''.join(items)}</ul>")
                    items = []
                paragraph.append(escape(line.strip()))
            if paragraph and items:
                html.append(f"<p>{' '.join(paragraph)}</p>")
                paragraph = []
        if paragraph:
            html.append(f"<p>{' '.join(paragraph)}</p>")
        if items:
            html.append(f"<ul>{''.join(items)}</ul>")
    return mark_safe("\n".join(html))


_WIDGET_CLASS = {"checkbox": "form-check-input", "select": "form-select"}


def _attrs(attrs):
    """Django's django/forms/widgets/attrs.html, in Python: True → a bare attribute, False → none."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"' for name, value in attrs.items() if value is not False
    )


def _render_widget(widget, context):
    """The HTML Django's own widget templates give (input, textarea, select and its
    options) without going through the template engine: the EOI form has ≈ 55 widgets
    and their templates were most of its rendering time. Any other widget: None."""
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        options = "".join(
            f'<option value="{escape(option["value"])}"{_attrs(option["attrs"])}>{escape(option["label"])}</option>'
            for group_name, group_choices, group_index in context["optgroups"] if not group_name
            for option in group_choices
        )
        if any(group_name for group_name, group_choices, group_index in context["optgroups"]):
            return None
        return f'<select name="{escape(context["name"])}"{_attrs(context["attrs"])}>{options}</select>'
    if isinstance(widget, forms.Textarea):
        return (f'<textarea name="{escape(context["name"])}"{_attrs(context["attrs"])}>\n'
                f'{escape(context["value"]) if context["value"] else ""}</textarea>')
    if isinstance(widget, Input) and not isinstance(widget, forms.FileInput) and not widget.is_hidden:
        value = "" if context["value"] is None else f' value="{escape(context["value"])}"'
        return f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"{value}{_attrs(context["attrs"])}>'
    return None


@register.filter
def bootstrap_widget(bound_field):
    """`{{ field|bootstrap_widget }}`: the field's widget with Bootstrap 5's classes
    ("is-invalid" when it has errors), as BoundField.as_widget() renders it: Django adds
    aria-invalid and the aria-describedby pointing to the help text and the errors
    (form_field below), the bound value is kept."""
    css = _WIDGET_CLASS.get(bound_field.widget_type, "form-control")
    if bound_field.errors:
        css += " is-invalid"
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs({"class": css}, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    html = None
    if not bound_field.field.localize:
        context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)["widget"]
        html = _render_widget(widget, context)
    return mark_safe(html) if html is not None else bound_field.as_widget(attrs={"class": css})


@register.simple_tag(takes_context=True)
def form_field(context, bound_field):
    """`{% form_field field %}`: one form field with Bootstrap 5 markup, in Python rather
    than crispy-forms' templates (the EOI form has ≈ 55 fields; crispy's per-field templates
    were ≈ 80 % of its rendering time, a template include per field still half). It gives
    what crispy gave: the label (for=), the widget (input kept; aria-invalid and
    aria-describedby → help text and errors, set by Django), the errors beside the field, the
    help text; and, when two people saved at once (`conflict` in the context), the version
    the other person saved (eoi/includes/conflict_value.html)."""
    widget = bootstrap_widget(bound_field)
    label_for = bound_field.id_for_label
    label_attr = f' for="{escape(label_for)}"' if label_for else ""
    errors = bound_field.errors
    parts = []
    if bound_field.widget_type == "checkbox":
        parts.append(f'<div class="mb-3 form-check">{widget}<label{label_attr} class="form-check-label">'
                     f'{escape(bound_field.label)}</label>')
    else:
        parts.append(f'<div class="mb-3"><label{label_attr} class="form-label">{escape(bound_field.label)}</label>{widget}')
    if errors:
        messages = " ".join(f"<strong>{escape(error)}</strong>" for error in errors)
        parts.append(f'<div id="{escape(bound_field.auto_id)}_error" class="invalid-feedback">{messages}</div>')
    if bound_field.help_text:
        parts.append(f'<div id="{escape(bound_field.auto_id)}_helptext" class="form-text">{escape(bound_field.help_text)}</div>')
    parts.append("</div>")
    conflict = context.get("conflict")
    if conflict and bound_field.name in conflict:
        parts.append(render_to_string("eoi/includes/conflict_value.html", {"field": bound_field, "conflict": conflict}))
    return mark_safe("".join(parts))
