"""Yishi (议事): offline records for village and community consultation rooms."""

APP_NAME = "Yishi"
APP_NAME_ZH = "议事"
ORG_NAME = "Yishi"
__version__ = "0.1.0"
