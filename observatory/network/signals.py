"""Signals of the network app, for apps above it that show members (e.g. the advocacy that preceded a reform)."""

from django.dispatch import Signal

# Sent with ``member`` when a member may have entered or left the public directory.
listing_changed = Signal()
