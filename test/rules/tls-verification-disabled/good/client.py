import ssl

import requests

LABS = "https://labs.hospital.org/api/results"


def fetch_labs():
    requests.get(LABS, verify="/etc/ssl/hospital-ca.pem", timeout=10)
    ctx = ssl.create_default_context(cafile="/etc/ssl/hospital-ca.pem")
    ctx.check_hostname = True
    return ctx
