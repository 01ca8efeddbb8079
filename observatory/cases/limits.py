"""The size limits of a case, in one place, for every way in: web form, API, import, self-report.

The services enforce them (so no entry point can pass more); forms and the API schema show the
same numbers to the person filling them in. A case with 20,000 acts once took minutes to open:
these bounds keep every case readable on a cheap phone.
"""

from __future__ import annotations

# Characters per text field.
TEXT = {
    "name": 200,
    "contact": 200,
    "address": 300,
    "client_code": 40,
    "date_of_birth": 10,
    "region": 120,
    "narrative": 20000,
    "notes": 5000,
}

# Items per case (one victim per case: a group event is recorded as one case per person).
ACTS = 10
PERPETRATORS_PER_ACT = 10
CONSEQUENCES_PER_ACT = 20
KEY_POPULATIONS = 20
RESPONSES = 100
ATTACHMENTS = 20

# Identifiers and codes.
CODE = 64
IDEMPOTENCY_KEY = 64
