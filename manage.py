#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jln_portal.settings.local")
    from django.core.management import execute_from_command_line

    from jln_portal.env import exit_on_configuration_error

    with exit_on_configuration_error():
        execute_from_command_line(sys.argv)
