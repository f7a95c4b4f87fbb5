from .settings import *  # noqa: F403

# Developer machines only: never deployed.
DEBUG = True
