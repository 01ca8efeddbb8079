"""The glossary: the terms the pages use, defined in plain words (English and Russian through gettext)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TERMS = [
    (_("People who inject drugs (PWID)"), _("People who have injected drugs not prescribed to them, usually in the last 12 months. Sizes of this population are estimates, often with wide ranges.")),
    (_("Opioid agonist (substitution) therapy (OAT, OST)"), _("Treatment of opioid dependence with methadone or buprenorphine taken daily under medical care. Coverage is the share of people who need it who receive it.")),
    (_("Needle and syringe programmes (NSP)"), _("Services that give out sterile injecting equipment and take back used equipment, to prevent HIV and hepatitis C.")),
    (_("Harm reduction"), _("Policies and services that reduce the harms of drug use without requiring people to stop using drugs: OAT, NSP, naloxone, drug checking, outreach.")),
    (_("Naloxone"), _("A medicine that reverses an opioid overdose. Take-home naloxone is given to people who use drugs and those around them.")),
    (_("Decriminalisation"), _("Possession of drugs for personal use is no longer a criminal offence; it may remain an administrative offence with a fine or a referral.")),
    (_("Depenalisation"), _("Possession stays a criminal offence in law, but is in practice not punished with prison.")),
    (_("Administrative offence"), _("A breach of the law punished outside the criminal justice system, usually with a fine; in several countries of the region, repeated administrative offences become criminal.")),
    (_("Drug law offence"), _("An offence reported by the police under the drug law: use or possession for personal use, or supply (trafficking, production). Counts reflect police activity as much as drug use.")),
    (_("Age-standardised rate"), _("A rate per 100,000 population computed as if every country had the same age structure, so that countries with older or younger populations can be compared.")),
    (_("Per 100,000 population"), _("A count divided by the population of the same country and year and multiplied by 100,000, so that countries of different sizes can be compared.")),
    (_("Median"), _("The middle value: half of the countries are above it and half below. Shown only for years in which at least five countries have data.")),
    (_("Confidence interval"), _("The range of values that are consistent with the data at a given level of confidence (here, 95%). A wide interval means the estimate is uncertain.")),
    (_("Interrupted time series"), _("A comparison of the years after a policy event with the trend of the years before it, continued. It can suggest an effect; it cannot rule out other causes at the same time.")),
    (_("Correlation (Pearson's r)"), _("How closely two measures move together across countries, from −1 to 1. A correlation between countries is not proof that one causes the other.")),
    (_("Small-cell suppression"), _("Counts of 1 to 4 documented cases are published as “<5”, and other numbers are hidden where needed, so that no person can be identified from a table.")),
    (_("Verified case"), _("A documented violation that a case manager of the documenting organisation has checked. Only verified cases whose person agreed to share them count in public statistics.")),
    (_("Global Burden of Disease (GBD)"), _("A study by the Institute for Health Metrics and Evaluation that models deaths and illness for every country, including those with weak registers. Its figures are estimates.")),
    (_("Edition year"), _("The year a report was published. Where a report gives no year for its data, a value is marked “year of the publication, not of the data” and is not drawn on charts.")),
]
