from django.http import JsonResponse
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from ..models import Patient


def patient_detail(request, pk):  # expect: phi-route-without-auth
    return JsonResponse({"name": Patient.objects.get(pk=pk).name})


class PatientList(APIView):
    permission_classes = [AllowAny]

    def get(self, request):  # expect: phi-route-without-auth
        return JsonResponse({"names": [p.name for p in Patient.objects.all()]})
