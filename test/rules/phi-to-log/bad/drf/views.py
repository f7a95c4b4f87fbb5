import logging

from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

log = logging.getLogger(__name__)


class AdmissionSerializer(serializers.Serializer):
    full_name = serializers.CharField()
    date_of_birth = serializers.DateField()


@api_view(["POST"])
def admit(request):
    serializer = AdmissionSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    log.info("admitting %s", serializer.validated_data)  # expect: phi-to-log
    return Response({"ok": True})
