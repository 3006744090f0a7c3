"""The one error type the package raises or reports."""


class TypeScriptSyntaxError(Exception):
    """A problem in a TypeScript source, located in the user's file.

    ``line`` and ``column`` are 1-based; ``column`` counts characters, not bytes.
    """

    def __init__(self, filename: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{filename}:{line}:{column}: {message}")
        self.filename = filename
        self.line = line
        self.column = column
        self.message = message

    def __reduce__(self):
        # The default would call __init__ with the formatted text only (pickle, copy).
        return type(self), (self.filename, self.line, self.column, self.message)
