"""Một Cửa Số: the reception-counter application core (no Qt here)."""

__version__ = "0.1.0"
APP_NAME = "counter-app"
APP_DISPLAY_NAME = "Một Cửa Số"
