import psycopg2
import requests

EHR_API_URL = "http://ehr.hospital.org/api"  # expect: cleartext-transport


def sync():
    requests.post("http://billing.hospital.org/claims", json={"batch": 1})  # expect: cleartext-transport
    return psycopg2.connect(host="db.hospital.org", dbname="clinic", sslmode="disable")  # expect: cleartext-transport
