"""Django's shell, without the warning about django-simple-history's historical models.

Django 5.2's shell imports every model by its module path; historical models are built at run
time (`evaluation.HistoricalReview`…) and are not attributes of their module, so the stock shell
listed those of `evaluation` (a models package) as "could not be automatically imported" every
time. Only models reachable by their path are imported; reach the others through their model
(`Review.history`), as the history app intends."""

import importlib

from django.apps import apps
from django.core.management.commands.shell import Command as DjangoShellCommand


class Command(DjangoShellCommand):
    def get_auto_imports(self):
        return [
            f"{model.__module__}.{model.__name__}"
            for model in reversed(apps.get_models())
            if model.__module__ and _importable(model)
        ]


def _importable(model):
    module = importlib.import_module(model.__module__)
    return getattr(module, model.__name__, None) is model
