from .models import Patient


def find_patient(mrn):
    return Patient.query.filter_by(mrn=mrn).first()
