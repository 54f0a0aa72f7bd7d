#!/usr/bin/env python
"""Django's command-line utility; `cchc` is the friendlier face of the same commands."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
