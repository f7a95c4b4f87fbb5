from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Patient

session = Session()


def load_member(member_id):
    return session.execute(select(Patient).where(Patient.id == member_id)).scalar_one()
