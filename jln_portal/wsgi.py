import os

from django.core.wsgi import get_wsgi_application

from jln_portal.env import exit_on_configuration_error

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jln_portal.settings.local")
with exit_on_configuration_error():
    application = get_wsgi_application()
