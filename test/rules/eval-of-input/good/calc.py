import ast

from flask import Flask, request
from flask_login import login_required

app = Flask(__name__)


@app.post("/dose")
@login_required
def dose():
    weight = float(request.json["weight_kg"])
    return {"dose": eval("weight * 2", {"__builtins__": {}}, {"weight": weight}), "parsed": ast.literal_eval("[1, 2]")}
