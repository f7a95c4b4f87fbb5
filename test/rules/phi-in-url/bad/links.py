import requests
from flask import Flask, redirect, request, url_for

from .auth import login_required

app = Flask(__name__)


@app.post("/intake")
@login_required
def intake():
    form = request.form
    return redirect(url_for("confirm", ssn=form["ssn"]))  # expect: phi-in-url


def lookup(patient):
    requests.get("https://registry.hospital.org/lookup", params={"dob": patient.date_of_birth})  # expect: phi-in-url
    requests.get(f"https://registry.hospital.org/people/{patient.ssn}")  # expect: phi-in-url
