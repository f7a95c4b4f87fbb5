def get_current_user():
    return None


def get_db():
    return None
