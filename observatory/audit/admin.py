from django.contrib import admin

from observatory.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "created_at", "actor_username", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_username", "object_id", "action")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
