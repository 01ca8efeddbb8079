"""Countries and subregions covered by the platform (data, loaded from data/countries/)."""

from __future__ import annotations

from babel import Locale
from django.db import models
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import language_code, translated


class Subregion(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(max_length=100)
    name_ru = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("subregion")
        verbose_name_plural = _("subregions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")


class Country(models.Model):
    iso3 = models.CharField(max_length=3, unique=True)
    iso2 = models.CharField(max_length=2, unique=True)
    subregion = models.ForeignKey(Subregion, on_delete=models.PROTECT, related_name="countries")
    aliases = models.JSONField(default=list, blank=True, help_text=_("Other spellings publishers use."))
    # GeoJSON geometry in lon/lat degrees, decoded from Natural Earth at setup.
    geometry = models.JSONField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["iso3"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        """The CLDR name of the country in ``language`` (falls back to English, then the code)."""
        for lang in (language, "en"):
            name = Locale.parse(lang).territories.get(self.iso2)
            if name:
                return name
        return self.iso3

    @property
    def name(self) -> str:
        return self.name_in(language_code())

    @property
    def name_en(self) -> str:
        return self.name_in("en")

    @property
    def name_ru(self) -> str:
        return self.name_in("ru")
