from flask import Flask, jsonify
from flask_login import login_required

from .db import load_patient

app = Flask(__name__)


@app.route("/patients/<int:pid>")
@login_required
def show_patient(pid):
    return jsonify(load_patient(pid))


@app.get("/health")
def health():
    return {"ok": True}
