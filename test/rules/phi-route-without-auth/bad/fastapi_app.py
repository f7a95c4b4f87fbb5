from fastapi import APIRouter, Depends

from .db import load_patient
from .deps import get_db

router = APIRouter()


@router.get("/api/patients/{pid}")  # expect: phi-route-without-auth
def read_patient(pid: int, db=Depends(get_db)):
    return load_patient(pid)
