from fhirclient.models.patient import Patient


def fetch_patient(smart, patient_id):
    return Patient.read(patient_id, smart.server)


def describe(patient):
    return f"{patient.name[0].family}, born {patient.birthDate}"
