from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from ..models import Patient


@login_required
def patient_detail(request, pk):
    return JsonResponse({"name": Patient.objects.get(pk=pk).name})


class PatientList(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return JsonResponse({"names": [p.name for p in Patient.objects.all()]})
