"""The JSON API at /api/v1/: one NinjaAPI, each app contributes a router from its apis.py."""

from __future__ import annotations

from observatory.api.errors import ObservatoryAPI, install

from observatory.accounts.apis import router as accounts_router
from observatory.cases.apis import router as cases_router
from observatory.laws.apis import router as laws_router
from observatory.reviews.apis import router as reviews_router
from observatory.scorecard.apis import router as scorecard_router
from observatory.countries.apis import router as countries_router
from observatory.events.apis import router as events_router
from observatory.indicators.apis import router as indicators_router
from observatory.network.apis import router as network_router
from observatory.advocacy.apis import router as advocacy_router
from observatory.rights.apis import router as rights_router
from observatory.meetings.apis import router as meetings_router

api = ObservatoryAPI(
    title="Drug Policy Observatory API",
    version="1",
    description=(
        "Public indicators, countries and statistics need no token. Protected endpoints take "
        "`Authorization: Bearer <token>` (create one with `observatory token create USERNAME`)."
    ),
    urls_namespace="api",
)
install(api)
api.add_router("/countries", countries_router, tags=["countries"])
api.add_router("/auth", accounts_router, tags=["accounts"])
api.add_router("", indicators_router, tags=["indicators"])
api.add_router("", events_router, tags=["policy events"])
api.add_router("", cases_router, tags=["violations registry"])
api.add_router("", laws_router, tags=["laws"])
api.add_router("", scorecard_router, tags=["scorecard"])
api.add_router("", reviews_router, tags=["review tracker"])
api.add_router("", network_router, tags=["network"])
api.add_router("", advocacy_router, tags=["advocacy"])
api.add_router("", rights_router, tags=["human rights"])
api.add_router("", meetings_router, tags=["meetings"])
