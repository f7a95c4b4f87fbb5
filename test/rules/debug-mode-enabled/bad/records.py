import sqlite3

db = sqlite3.connect("clinic.db")


def load_chart(pid):
    return db.execute("SELECT name, dob, diagnosis FROM patients WHERE id = ?", (pid,)).fetchone()
