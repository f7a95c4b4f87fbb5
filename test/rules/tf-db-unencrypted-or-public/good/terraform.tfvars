encrypt_storage = true
environment     = "prod"
