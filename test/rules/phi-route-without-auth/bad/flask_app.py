from flask import Flask, jsonify

from .db import load_patient

app = Flask(__name__)


@app.route("/patients/<int:pid>")  # expect: phi-route-without-auth
def show_patient(pid):
    return jsonify(load_patient(pid))
