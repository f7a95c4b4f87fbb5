class Patient:
    pass
