import requests


def ping(clinic_id):
    requests.post("https://status.vendor.example/ping", json={"clinic": clinic_id})
    requests.get("http://localhost:8080/health")
