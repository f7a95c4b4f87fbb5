import logging
import traceback
import uuid

from flask import Flask, jsonify

log = logging.getLogger(__name__)
app = Flask(__name__)


@app.get("/reports")
def reports():
    try:
        return jsonify({})
    except Exception:
        ref = str(uuid.uuid4())
        log.error("report failed %s\n%s", ref, traceback.format_exc())
        return jsonify(error="Internal error", ref=ref), 500
