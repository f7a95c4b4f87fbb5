from .models import Encounter


def load_chart(chart_id):
    return Encounter.objects.get(pk=chart_id)
