import logging
import uuid

from fastapi import APIRouter, Depends

from .auth import get_current_user
from .insurance import check_eligibility
from .models import IntakeForm, IntakeReceipt
from .triage.summary import triage_summary

log = logging.getLogger("intake")
router = APIRouter(prefix="/intake")


@router.post("", response_model=IntakeReceipt)
def submit_intake(form: IntakeForm, user=Depends(get_current_user)):
    intake_id = str(uuid.uuid4())
    log.info("intake %s received for clinic %s", intake_id, form.clinic_id)
    log.info("new intake from %s (dob %s)", form.full_name, form.date_of_birth)
    # SecretStr prints as '**********': this line is safe.
    log.debug("intake %s ssn on file: %s", intake_id, form.ssn)
    check_eligibility(form)
    triage_summary(form)
    return IntakeReceipt(intake_id=intake_id, queued=True)


@router.get("/health")
def health():
    return {"ok": True}
