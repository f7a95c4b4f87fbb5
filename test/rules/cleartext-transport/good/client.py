import psycopg2
import requests

EHR_API_URL = "https://ehr.hospital.org/api"
LOINC_SYSTEM = "http://loinc.org"


def sync():
    requests.get("http://localhost:8000/health")
    return psycopg2.connect(host="db.hospital.org", dbname="clinic", sslmode="verify-full")
