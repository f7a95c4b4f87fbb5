import ssl
import urllib.request

import httpx
import requests

LABS = "https://labs.hospital.org/api/results"


def fetch_labs():
    requests.get(LABS, verify=False, timeout=10)  # expect: tls-verification-disabled
    with httpx.Client(verify=False) as client:  # expect: tls-verification-disabled
        client.get(LABS)
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # expect: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE  # expect: tls-verification-disabled
    return urllib.request.urlopen(LABS, context=ssl._create_unverified_context())  # expect: tls-verification-disabled
