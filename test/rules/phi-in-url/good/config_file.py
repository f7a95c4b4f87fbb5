# Python's open() opens a file, not a browser window: a name in the file path is not a URL.
def write_profile_config(full_name: str, folder: str) -> str:
    config_path = f"{folder}/{full_name}.cfg"
    with open(config_path, "w") as f:
        f.write("[settings]\n")
    return config_path
