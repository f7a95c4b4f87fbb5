import sqlite3


def patients_for_clinic(clinic):
    conn = sqlite3.connect("clinic.db")
    return conn.execute("SELECT name, dob, ssn FROM patients WHERE clinic = ?", (clinic,)).fetchall()
