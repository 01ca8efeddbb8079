"""Signals the core sends; apps above it connect to them in ``AppConfig.ready``."""

from django.dispatch import Signal

# Sent by ``observatory setup`` after its loaders ran; ``changed`` says whether any data changed.
setup_finished = Signal()
