"""Render-only building blocks: pure builders that turn DataFrames into figures, decks and HTML, and their drawers."""
