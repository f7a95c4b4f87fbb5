def require_user(fn):
    return fn
