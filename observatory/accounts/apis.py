from __future__ import annotations

from ninja import Router, Schema

from observatory.accounts.auth import TokenAuth

router = Router(auth=TokenAuth())


class WhoAmIOut(Schema):
    username: str
    role: str
    organisation: str | None
    countries: list[str]


@router.get("/whoami", response=WhoAmIOut, summary="The account a token belongs to, with its role and scope")
def whoami(request):
    user = request.auth
    return {
        "username": user.username,
        "role": user.role,
        "organisation": user.organisation.slug if user.organisation else None,
        "countries": sorted(user.countries.values_list("iso3", flat=True)),
    }
