import httpx
import requests

from .store import read_patient


def enroll(pid):
    patient = read_patient(pid)
    requests.post("https://api.wellness-partner.example/v1/enroll", json={"name": patient["name"], "dob": patient["dob"]})  # expect: phi-to-third-party-http
    httpx.post("https://crm.vendor.example/leads", data=patient)  # expect: phi-to-third-party-http
