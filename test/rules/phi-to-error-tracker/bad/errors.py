import sentry_sdk

from .db import get_patient


def sync(patient_id):
    patient = get_patient(patient_id)
    sentry_sdk.set_user({"id": patient_id, "email": patient["email"], "mrn": patient["mrn"]})  # expect: phi-to-error-tracker
    try:
        push(patient)
    except Exception as exc:
        sentry_sdk.set_context("patient", patient)  # expect: phi-to-error-tracker
        sentry_sdk.capture_exception(exc)


def push(patient):
    raise RuntimeError("upstream down")
