"""Russian for the import checks' messages, shown on a Russian page (the stored report keeps the English).

The checks word their messages in English once, in code, for the command line and the error report
file. A staff member reading the import's page in Russian gets each message through the rules below
(a pattern of the English, the Russian with the same details); a message no rule knows is shown in
English and marked as English.
"""

from __future__ import annotations

import re

from django.utils.html import format_html

from observatory.core.i18n import is_russian

_Q = r"(?P<value>.+)"
RULES: list[tuple[re.Pattern, str]] = [(re.compile(pattern + r"\.?$"), russian) for pattern, russian in [
    (r"^the value is empty: give a number, a range \(10-20\), an inequality \(<1\) or a category \(yes/no\); "
     r"leave out rows without data", "значение пустое: укажите число, диапазон (10-20), неравенство (<1) или "
                                      "категорию (yes/no); строки без данных не включайте"),
    (r"^the country is empty: give an ISO3 code \(UKR\) or a name \(Ukraine\)",
     "страна не указана: укажите код ISO3 (UKR) или название (Ukraine)"),
    (r"^unknown country: use an ISO3 code such as UKR", "неизвестная страна: укажите код ISO3, например UKR"),
    (r"^unknown country code", "неизвестный код страны"),
    (r"^unknown country", "неизвестная страна"),
    (r"^not a country the platform covers", "эта страна не входит в число стран платформы"),
    (r"^unknown indicator code; see the catalogue at /indicators/",
     "неизвестный код показателя; см. каталог на странице /indicators/"),
    (r"^unknown source key; add the source to data/catalogue/ first",
     "неизвестный ключ источника; сначала добавьте источник в data/catalogue/"),
    (r"^the source is empty: give the key of a source in the catalogue",
     "источник не указан: укажите ключ источника из каталога"),
    (r"^a source key has no spaces \(e\.g\. emcdda_statbulletin_2019\)",
     "в ключе источника нет пробелов (например, emcdda_statbulletin_2019)"),
    (r"^the period must be a year \(2017\) or a year and month \(2017-03\)",
     "период — это год (2017) или год и месяц (2017-03)"),
    (r"^a period is a year \(2017\) or a month \(2017-03\)", "период — это год (2017) или месяц (2017-03)"),
    (r"^the month must be between 01 and 12", "месяц должен быть от 01 до 12"),
    (r"^the year must be between (?P<low>\d+) and (?P<high>\d+)", "год должен быть от {low} до {high}"),
    (r"^year must be four digits", "год записывается четырьмя цифрами"),
    (r"^sex must be male, female, or empty for both sexes", "пол: male, female или пусто (оба пола)"),
    (r"^sex is empty, 'male' or 'female'", "пол: пусто, «male» или «female»"),
    (r"^the same indicator, country, period, sex, age group and source as line (?P<line>\d+)",
     "тот же показатель, страна, период, пол, возрастная группа и источник, что и в строке {line}"),
    (r"^the same observation appears twice \(also on line (?P<line>\d+)\)",
     "то же наблюдение встречается дважды (ещё в строке {line})"),
    (r"^" + _Q + r" is not a number", "{value} — не число"),
    (r"^" + _Q + r" is not a finite number", "{value} — не конечное число"),
    (r"^" + _Q + r" is too large to be a value", "{value} — слишком большое число для значения"),
    (r"^" + _Q + r" has thousands separators in the wrong places", "в {value} разделители тысяч стоят не на месте"),
    (r"^the range " + _Q + r" has its lower bound above its upper bound",
     "в диапазоне {value} нижняя граница больше верхней"),
    (r"^the lower bound is above the upper bound", "нижняя граница больше верхней"),
    (r"^the value lies outside its lower and upper bounds", "значение лежит вне своих нижней и верхней границ"),
    (r"^without a value give both lower and upper, or write an inequality \(<5\) as the value",
     "без значения укажите и нижнюю, и верхнюю границу или запишите неравенство (<5) как значение"),
    (r"^an infinite number is not a value", "бесконечность — не значение"),
    (r"^the value is longer than (?P<n>\d+) characters; put the explanation in the note column",
     "значение длиннее {n} символов; пояснение поместите в столбец note"),
    (r"^a Yes/No indicator must be 1 \(yes\) or 0 \(no\)", "показатель «да/нет» должен быть 1 (да) или 0 (нет)"),
    (r"^unknown flag; use (?P<flags>.+)", "неизвестная пометка; используйте {flags}"),
    (r"^(?P<code>[a-z0-9_]+) takes a number, a range or an inequality",
     "показатель {code} принимает число, диапазон или неравенство"),
    (r"^(?P<code>[a-z0-9_]+) takes a category such as yes or no",
     "показатель {code} принимает категорию, например yes или no"),
]]


def reason(text: str):
    """The message in the page's language: Russian by a rule, or the English marked ``lang="en"``."""
    if not is_russian() or not text:
        return text
    for pattern, russian in RULES:
        match = pattern.match(text.strip())
        if match:
            return russian.format(**match.groupdict())
    return format_html('<span lang="en">{}</span>', text)
