from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS

api = FastAPI()
api.add_middleware(CORSMiddleware, allow_origins=["https://portal.hospital.org"], allow_credentials=True)

app = Flask(__name__)
CORS(app, origins=["https://portal.hospital.org"], supports_credentials=True)
