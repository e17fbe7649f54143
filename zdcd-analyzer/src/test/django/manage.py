#!/usr/bin/env python3
"""The tiny Django project whose `sqlmigrate` output is zdcd's Django corpus (see generate.sh)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
