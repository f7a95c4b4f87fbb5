import csv
import json

import pandas as pd

from .queries import patients_for_clinic


def export(clinic):
    rows = patients_for_clinic(clinic)
    with open("/tmp/patients.csv", "w") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(row)  # expect: phi-to-cleartext-file
    with open("/tmp/patients.json", "w") as out:
        out.write(json.dumps(rows))  # expect: phi-to-cleartext-file
    frame = pd.DataFrame(rows)
    frame.to_csv("/tmp/patients-frame.csv")  # expect: phi-to-cleartext-file
