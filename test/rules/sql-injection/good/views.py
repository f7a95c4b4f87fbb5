import sqlite3

from fastapi import Depends, FastAPI
from sqlalchemy import text

from .auth import get_current_user

api = FastAPI()
conn = sqlite3.connect("clinic.db")


@api.get("/appointments")
def appointments(clinic: str, user=Depends(get_current_user)):
    cur = conn.cursor()
    cur.execute("SELECT id, starts_at FROM appointments WHERE clinic = ?", (clinic,))
    return cur.fetchall()


@api.get("/visits")
def visits(day: str, user=Depends(get_current_user)):
    return conn.execute(text("SELECT id FROM visits WHERE day = :day"), {"day": day}).fetchall()
