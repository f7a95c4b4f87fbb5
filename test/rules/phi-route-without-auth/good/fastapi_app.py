from fastapi import APIRouter, Depends, FastAPI

from .db import load_patient
from .deps import get_db


def get_current_user():
    return None


router = APIRouter()
secured = APIRouter(dependencies=[Depends(get_current_user)])


@router.get("/api/patients/{pid}")
def read_patient(pid: int, user=Depends(get_current_user), db=Depends(get_db)):
    return load_patient(pid)


@secured.get("/api/patients/{pid}/chart")
def chart(pid: int):
    return load_patient(pid)


app = FastAPI()
app.include_router(router)
app.include_router(secured)
