from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Coalition
from .models import Membership
from .models import Organisation
from .models import Region
from .resources import OrganisationImportMixin


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "name_en", "is_pole"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(boolean=True, description=_("pole"))
    def is_pole(self, obj):
        return obj.is_pole


@admin.register(Organisation)
class OrganisationAdmin(OrganisationImportMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "city", "updated"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug", "city", "description"]
    autocomplete_fields = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "joined", "left", "commitment"]


@admin.register(Coalition)
class CoalitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "status", "scope", "updated"]
    list_filter = ["status", "interventions"]
    search_fields = ["name", "slug", "purpose"]
    filter_horizontal = ["interventions"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_scope()

    @admin.display(description=_("scope"), ordering="scope")
    def scope(self, obj):
        return Coalition.Scope(obj.scope).label if obj.scope else "—"


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "coalition", "role", "joined", "left"]
    list_filter = ["role", "coalition"]
    search_fields = ["organisation__name", "coalition__name"]
    autocomplete_fields = ["organisation", "coalition", "created_by"]
    list_select_related = ["organisation", "coalition"]
    date_hierarchy = "joined"
