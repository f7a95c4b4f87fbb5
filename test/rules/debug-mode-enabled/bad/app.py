from flask import Flask, jsonify

from .records import load_chart

app = Flask(__name__)
app.debug = True  # expect: debug-mode-enabled
app.config["DEBUG"] = True  # expect: debug-mode-enabled


@app.get("/patients/<int:pid>/chart")
def chart(pid):
    return jsonify(load_chart(pid))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)  # expect: debug-mode-enabled
