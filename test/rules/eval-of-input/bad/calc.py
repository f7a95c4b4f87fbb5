from flask import Flask, request
from flask_login import login_required

app = Flask(__name__)


@app.post("/dose")
@login_required
def dose():
    formula = request.json["formula"]
    return {"dose": eval(formula)}  # expect: eval-of-input


@app.post("/rules")
@login_required
def rules():
    exec(request.form.get("script"))  # expect: eval-of-input
    return {"ok": True}
