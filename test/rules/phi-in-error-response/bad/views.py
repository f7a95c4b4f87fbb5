from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from flask import Flask, jsonify, request

from .lookup import find_patient

api = FastAPI()
app = Flask(__name__)


@api.get("/patients/{mrn}")
def read(mrn: str):
    patient = find_patient(mrn)
    if patient.deceased:
        raise HTTPException(status_code=404, detail=f"No active patient {patient.full_name}")  # expect: phi-in-error-response
    if not patient.consented:
        return JSONResponse(content={"error": "no consent", "patient": patient.full_name}, status_code=403)  # expect: phi-in-error-response
    return {"id": patient.id}


@app.post("/patients/search")
def search():
    body = request.get_json()
    return jsonify(error="not found", query=body), 404  # expect: phi-in-error-response
