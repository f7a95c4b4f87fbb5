import os

from fastapi import FastAPI
from flask import Flask

app = Flask(__name__)
app.debug = os.environ.get("FLASK_DEBUG") == "1"
app.config["DEBUG"] = False

api = FastAPI(debug=os.getenv("API_DEBUG") == "1")

# A logger at debug level is not debug mode.
log_config = {"debug": True}

if __name__ == "__main__":
    app.run(host="127.0.0.1", debug=False)
