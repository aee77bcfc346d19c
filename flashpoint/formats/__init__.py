"""Readers for each article file format, used by `flashpoint.reader`."""
