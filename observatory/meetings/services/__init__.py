"""Writes of the meetings capability, each in one transaction with its audit entry."""
