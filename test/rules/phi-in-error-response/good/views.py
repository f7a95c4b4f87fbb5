from fastapi import FastAPI, HTTPException

api = FastAPI()


@api.get("/patients/{patient_id}")
def read(patient_id: int):
    if patient_id < 0:
        raise HTTPException(status_code=404, detail="Patient not found")
    return {"id": patient_id}
