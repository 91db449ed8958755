"""Klarspråk figures: readability of the programme's Swedish text."""
