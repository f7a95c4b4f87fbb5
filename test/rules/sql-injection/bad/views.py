import sqlite3

from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from .auth import get_current_user, get_db

api = FastAPI()
conn = sqlite3.connect("clinic.db")


@api.get("/appointments")
def appointments(clinic: str, user=Depends(get_current_user)):
    cur = conn.cursor()
    cur.execute(f"SELECT id, starts_at FROM appointments WHERE clinic = '{clinic}'")  # expect: sql-injection
    return cur.fetchall()


@api.get("/visits")
def visits(day: str, db: Session = Depends(get_db), user=Depends(get_current_user)):
    return db.execute(text("SELECT id FROM visits WHERE day = '%s'" % day)).all()  # expect: sql-injection


@api.get("/rooms")
def rooms(wing: str, user=Depends(get_current_user)):
    return conn.execute("SELECT id FROM rooms WHERE wing = '" + wing + "'").fetchall()  # expect: sql-injection
