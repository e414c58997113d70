"""Reporters: findings → text for people or machines. One module per family of formats."""

from __future__ import annotations

FORMATS = ("text", "concise", "json")
