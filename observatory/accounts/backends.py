"""Authentication backend that answers ``has_perm`` from the one access policy.

Templates (``perms``), the Django admin and ``user.has_perm`` therefore agree
with views, the API and the command line.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.backends import ModelBackend

from observatory import access

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
            policy = access.policy_for(model)
        except (ValueError, LookupError):
            return False  # no policy, no access
        action = _ACTIONS.get(verb)
        if action is None:
            return False
        if obj is None:
            # Model-level questions come from the admin site: may this user use its pages for this model?
            return access.may(user_obj, access.ADMINISTER_SITE) and policy.allows_any(user_obj, action)
        return policy.user_can(user_obj, action, obj)

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and user_obj.is_authenticated and access.may(user_obj, access.ADMINISTER_SITE)

    def get_all_permissions(self, user_obj, obj=None):
        return set()
