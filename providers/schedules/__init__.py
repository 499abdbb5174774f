"""Structured opening times of offers: read from text, described, checked against a moment."""
