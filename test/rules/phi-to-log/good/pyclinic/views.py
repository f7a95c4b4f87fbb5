import hashlib
import logging

from fhir.resources.patient import Patient
from pydantic import BaseModel, SecretStr

log = logging.getLogger(__name__)


class Intake(BaseModel):
    clinic: str
    ssn: SecretStr


def redact_patient(p):
    return {"id": p.id}


def open_chart(raw):
    patient = Patient.parse_obj(raw)
    log.info("opened chart %s", patient.id)
    log.info("chart %s", redact_patient(patient))
    log.info("%d names on file", len(patient.name))
    digest = hashlib.sha256(patient.json().encode()).hexdigest()
    log.debug("chart digest %s", digest)
    return patient


def intake(form: Intake):
    log.info("intake at %s, ssn %s", form.clinic, form.ssn)
