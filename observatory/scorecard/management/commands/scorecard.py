"""``observatory scorecard compute --framework FILE [--data FILE.csv] [--year YYYY] [--json]`` and
``observatory scorecard agreement --year YYYY``."""

from __future__ import annotations

import json
import math

from django.core.management.base import BaseCommand, CommandError

from observatory.scorecard import selectors
from observatory.scorecard.framework import FrameworkError, framework_warnings
from observatory.scorecard.models import SurveyQuestion


class Command(BaseCommand):
    help = "Score a framework on a tidy CSV (country,indicator,value) or on the platform's own data."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="Compute the index.")
        compute.add_argument("--framework", help="Framework file (YAML, or JSON by its .json suffix); default: "
                                                 "data/scorecard/framework.yaml.")
        compute.add_argument("--data", help="Tidy CSV with the columns country,indicator,value. Without it, the "
                                            "platform's own data are used.")
        compute.add_argument("--year", type=int, help="With the platform's data: the year (default: the latest).")
        compute.add_argument("--json", action="store_true", help="Print JSON.")
        compute.add_argument("--uncertainty", action="store_true",
                             help="Add median_rank, rank_low, rank_high (Monte Carlo, seeded).")
        # No defaults here: index.uncertainty's own apply, and index (numpy, pandas) loads only to compute.
        compute.add_argument("--draws", type=int)
        compute.add_argument("--seed", type=int)
        agreement = sub.add_parser("agreement", help="Krippendorff's alpha of the expert survey per question.")
        agreement.add_argument("--year", type=int, required=True)

    def handle(self, *args, **options):
        if options["action"] == "agreement":
            return self._agreement(options["year"])
        import pandas as pd

        from observatory.scorecard import index

        try:
            framework = selectors.framework_load(options["framework"])
        except FileNotFoundError as error:
            raise CommandError(f"No such framework file: {error.filename}") from None
        except FrameworkError as error:
            raise CommandError("The framework is not valid:\n" + "\n".join(error.problems)) from None
        for warning in framework_warnings(framework):
            self.stderr.write(f"warning: {warning}")
        if options["data"]:
            try:
                data = pd.read_csv(options["data"], dtype={"country": str, "indicator": str})
            except FileNotFoundError:
                raise CommandError(f"No such data file: {options['data']}") from None
            countries = None
        else:
            platform = selectors.scorecard_platform(path=options["framework"])
            year = options["year"] or platform.latest_year
            if year not in platform.cards:
                raise CommandError(f"No data for {year}; years: {platform.years[0]}-{platform.years[-1]}.")
            data = pd.DataFrame([(c, code, t.value) for (c, code), t in platform.traces[year].items()],
                                columns=["country", "indicator", "value"])
            countries = list(platform.cards[year].scores.index)
        try:
            card = index.score(framework, data, countries=countries)
            result = card.to_dict()
            if options["uncertainty"]:
                monte_carlo = {name: options[name] for name in ("draws", "seed") if options[name] is not None}
                mc = index.uncertainty(framework, data, countries=countries, **monte_carlo)
                for iso3, entry in result.items():
                    entry |= {k: None if math.isnan(mc.at[iso3, k]) else float(mc.at[iso3, k])
                              for k in ("median_rank", "rank_low", "rank_high")}
        except FrameworkError as error:
            raise CommandError("The data cannot be scored:\n" + "\n".join(error.problems)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        dims = [d.code for d in framework.dimensions]
        self.stdout.write(f"{'rank':>4}  {'country':<8}{'score':>7}  " + "  ".join(f"{d[:12]:>12}" for d in dims))
        ranked = sorted(result.items(), key=lambda kv: (kv[1]["rank"] is None, kv[1]["rank"] or 0, kv[0]))
        for iso3, entry in ranked:
            score = "—" if entry["score"] is None else f"{entry['score']:.1f}"
            cells = "  ".join(f"{'—' if entry['dimensions'][d] is None else format(entry['dimensions'][d], '.1f'):>12}"
                              for d in dims)
            self.stdout.write(f"{entry['rank'] or '':>4}  {iso3:<8}{score:>7}  {cells}")

    def _agreement(self, year: int):
        for question in SurveyQuestion.objects.order_by("position"):
            result = selectors.survey_agreement(question=question, year=year)
            alpha = "undefined" if result["alpha"] is None else f"{result['alpha']:.3f}"
            self.stdout.write(f"{question.code:<32} alpha {alpha:>9}  units {result['units']:>3}  "
                              f"experts {result['raters']:>3}  ratings {result['ratings']:>3}")
