"""Flashpoint: read news reports about regional tension and extract places, actors, figures and events."""

__version__ = "0.1.0"
