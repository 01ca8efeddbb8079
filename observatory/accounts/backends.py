"""Authentication backend that answers ``has_perm`` from the one access policy.

Templates (``perms``), the Django admin and ``user.has_perm`` therefore agree
with views, the API and the command line.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.backends import ModelBackend

from observatory.accounts import access
from observatory.accounts.models import Role

_ACTIONS = {"view": access.Action.VIEW, "add": access.Action.CREATE, "change": access.Action.CHANGE,
            "delete": access.Action.DELETE}


class PolicyBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or not user_obj.is_authenticated:
            return False
        try:
            app_label, codename = perm.split(".", 1)
            verb, model_name = codename.split("_", 1)
            model = apps.get_model(app_label, model_name)
        except (ValueError, LookupError):
            return False
        action = _ACTIONS.get(verb)
        if action is None:
            return False
        if obj is None:
            # Model-level questions (may this user use the admin pages for X?) are for admins only;
            # record-level answers come from the policy.
            return user_obj.role == Role.ADMIN
        try:
            return access.user_can(user_obj, action, obj)
        except LookupError:
            return user_obj.role == Role.ADMIN

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and user_obj.is_authenticated and user_obj.role == Role.ADMIN

    def get_all_permissions(self, user_obj, obj=None):
        return set()
