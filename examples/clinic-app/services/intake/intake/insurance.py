import requests

ELIGIBILITY_URL = "https://eligibility.hospital.org/v1/check"


def check_eligibility(form):
    # The eligibility service is ours (covered by egress.allow), but its certificate check is off.
    payload = {"member_id": form.insurance_member_id, "dob": str(form.date_of_birth)}
    resp = requests.post(ELIGIBILITY_URL, json=payload, timeout=10, verify=False)
    return resp.status_code == 200


def check_status():
    return requests.get(ELIGIBILITY_URL, timeout=5, verify="/etc/ssl/hospital-ca.pem").ok
