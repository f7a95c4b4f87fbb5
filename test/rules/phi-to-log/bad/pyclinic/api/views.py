import logging

import structlog
from loguru import logger as loguru_logger

from ..services.charts import describe, fetch_patient
from . import audit

log = logging.getLogger(__name__)
slog = structlog.get_logger()


def open_chart(smart, patient_id):
    patient = fetch_patient(smart, patient_id)
    log.info("opened chart for %s", describe(patient))  # expect: phi-to-log
    slog.info("chart.opened", patient=patient.as_json())  # expect: phi-to-log
    audit.record(patient)
    for name in patient.name:
        loguru_logger.debug("name on file: {}", name.given)  # expect: phi-to-log
    return patient.id


def intake(form):
    date_of_birth = form["date_of_birth"]
    print("intake received", date_of_birth)  # expect: phi-to-log
    try:
        return int(form["weight"])
    except ValueError:
        log.exception("bad intake for ssn %s", form["ssn"])  # expect: phi-to-log
