import psycopg2

conn = psycopg2.connect("dbname=clinic")


def get_patient(patient_id):
    cur = conn.cursor()
    cur.execute("SELECT id, email, mrn FROM patients WHERE id = %s", (patient_id,))
    return cur.fetchone()
