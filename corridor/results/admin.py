from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from corridor.writes import save_with_history

from .models import Indicator
from .models import Measurement


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["date", "value", "source_note", "entered_by"]
    readonly_fields = ["entered_by"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name_nl", "unit", "action_line", "use_case", "target_value", "target_date"]
    list_filter = ["unit"]
    search_fields = ["name_nl", "name_en"]
    raw_id_fields = ["action_line", "use_case"]
    inlines = [MeasurementInline]

    def save_model(self, request, obj, form, change):
        save_with_history(obj, actor=request.user)


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "date", "value", "source_note", "entered_by"]
    raw_id_fields = ["indicator"]
    readonly_fields = ["entered_by"]

    def save_model(self, request, obj, form, change):
        obj.entered_by = request.user
        save_with_history(obj, actor=request.user)
