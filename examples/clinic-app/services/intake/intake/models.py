from datetime import date

from pydantic import BaseModel, SecretStr


class IntakeForm(BaseModel):
    clinic_id: str
    full_name: str
    date_of_birth: date
    ssn: SecretStr
    insurance_member_id: str
    symptoms: str


class IntakeReceipt(BaseModel):
    intake_id: str
    queued: bool
