def login_required(fn):
    return fn
