from fastapi import FastAPI

api = FastAPI(title="Intake", debug=True)  # expect: debug-mode-enabled
