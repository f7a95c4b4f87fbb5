import traceback

from fastapi import FastAPI, HTTPException
from flask import Flask, jsonify

from .auth import require_user

app = Flask(__name__)
api = FastAPI()


@app.get("/reports")
@require_user
def reports():
    try:
        return jsonify(build())
    except Exception:
        return jsonify(error=traceback.format_exc()), 500  # expect: stack-trace-exposure


@api.get("/exports")
def exports():
    try:
        return build()
    except Exception:
        raise HTTPException(500, traceback.format_exc())  # expect: stack-trace-exposure


def build():
    return {}
