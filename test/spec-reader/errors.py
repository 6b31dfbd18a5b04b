"""The reader's one error: a stable code of docs/FORMAT.md section 9 and a message."""


class SpecError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
