from django.urls import path

from .views import admit

urlpatterns = [path("patients/admit/", admit)]
