from django.urls import path

from . import views

urlpatterns = [
    path("patients/<int:pk>/", views.patient_detail),
    path("patients/", views.PatientList.as_view()),
]
