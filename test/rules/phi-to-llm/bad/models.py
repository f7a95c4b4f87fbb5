class Encounter:
    objects = None
