from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS

api = FastAPI()
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])  # expect: cors-permissive

app = Flask(__name__)
CORS(app, origins="*", supports_credentials=True)  # expect: cors-permissive
