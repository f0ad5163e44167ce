"""Report worker: renders the nightly sales report and serves its status."""
import os
import sys
import urllib.request

from flask import Flask, jsonify

app = Flask(__name__)
PORT = int(os.environ.get("PORT", "8000"))


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/status")
def status():
    return jsonify(last_report="2024-06-30", rows=1284)


if __name__ == "__main__":
    if "--healthcheck" in sys.argv:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as response:
                sys.exit(0 if response.status == 200 else 1)
        except OSError:
            sys.exit(1)
    app.run(host="0.0.0.0", port=PORT)
