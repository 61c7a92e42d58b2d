"""The bilingual content of calls (django-modeltranslation: `<field>_en`, `<field>_fr`)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Call, Meeting, ParticipantProfile, Question


@register(Call)
class CallTranslation(TranslationOptions):
    fields = (
        "title", "summary", "topic_overview", "learning_objectives", "learning_questions", "expected_results",
        "team_expectations", "level_of_effort", "capacity_note", "submission_instructions", "selection_note",
        "criteria_text",
    )
    required_languages = {"en": ("title",), "fr": ("title",)}  # the title exists in both languages


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("label", "place")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("prompt", "guidance")


@register(ParticipantProfile)
class ParticipantProfileTranslation(TranslationOptions):
    fields = ("organisation", "description")
