import pandas as pd

frame = pd.read_csv("exports/patients.csv")


def read_patient(pid):
    return frame.loc[pid]
