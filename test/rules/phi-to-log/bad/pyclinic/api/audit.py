import logging

logger = logging.getLogger("audit")


def record(patient):
    logger.warning("accessed record: %r", patient)  # expect: phi-to-log
