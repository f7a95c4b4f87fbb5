from .models import Patient


def load_patient(pid):
    return Patient.query.get(pid)
