"""The bilingual content of criteria (django-modeltranslation: `<field>_en`, `<field>_fr`)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Criterion, RubricLevel, SelectionFactor


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "guidance")
    required_languages = ("en", "fr")


@register(RubricLevel)
class RubricLevelTranslation(TranslationOptions):
    fields = ("description",)


@register(SelectionFactor)
class SelectionFactorTranslation(TranslationOptions):
    fields = ("name", "guidance")
