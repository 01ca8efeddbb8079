"""The site-wide search index: one entry per public page and language, rebuilt from the apps' providers.

Each capability lists what it makes findable on its AppConfig as ``search_providers``: a dotted path to
a function returning entries. The index holds only public, published things (countries, indicators,
published policy events, the model law and the laws of each country); no case or person is ever in it.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=120)
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key", "language"], name="search_entry_key")]
        indexes = [models.Index(fields=["language"], name="search_sear_languag_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}:{self.language}"
