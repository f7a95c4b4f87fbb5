"""Intake service: patients fill in the pre-visit form; staff see a triage summary."""
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .routes import router

app = FastAPI(title="Clinic intake", debug=True)
app.add_middleware(
    CORSMiddleware,
    allow_origins=[os.environ.get("PORTAL_ORIGIN", "https://portal.hospital.org")],
    allow_credentials=True,
)
app.include_router(router)
