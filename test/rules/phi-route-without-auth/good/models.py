class Patient:
    query = None
